import ChorusSpec

/// `chorus validate --format json`: schema `chorus.validate/1`. `ok` is true when nothing is wrong;
/// `checked` says what was checked (one line each, as the text output prints them after `ok`);
/// `diagnostics` has every problem with its file, 1-based line and column (0 when the problem
/// concerns a whole file), message and source line (or null).
struct ValidationDocument: Encodable {
    var checked: [String]
    var diagnostics: [Diagnostic]

    enum Keys: String, CodingKey { case schema, ok, checked, diagnostics }
    enum DiagnosticKeys: String, CodingKey {
        case file, line, column, severity, message
        case sourceLine = "source_line"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode("chorus.validate/1", forKey: .schema)
        try c.encode(diagnostics.isEmpty, forKey: .ok)
        try c.encode(checked, forKey: .checked)
        var list = c.nestedUnkeyedContainer(forKey: .diagnostics)
        for diagnostic in diagnostics {
            var d = list.nestedContainer(keyedBy: DiagnosticKeys.self)
            try d.encode(diagnostic.file, forKey: .file)
            try d.encode(diagnostic.line, forKey: .line)
            try d.encode(diagnostic.column, forKey: .column)
            try d.encode("error", forKey: .severity)
            try d.encode(diagnostic.message, forKey: .message)
            try d.encode(diagnostic.sourceLine, forKey: .sourceLine)
        }
    }
}
