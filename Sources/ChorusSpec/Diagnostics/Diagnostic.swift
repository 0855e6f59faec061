/// A located problem in an input file, printed as `file:line:column: error: message`
/// followed by the offending source line and a caret under the column.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based line; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    public var message: String
    /// The text of `line`, when known.
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, message: String, sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
    }

    public var description: String {
        guard line > 0 else { return "\(file): error: \(message)" }
        var text = "\(file):\(line):\(column): error: \(message)"
        if let sourceLine {
            // Keep tabs so the caret lines up under the same column in a terminal.
            let prefix = sourceLine.unicodeScalars.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " }
            text += "\n\(sourceLine)\n\(prefix.joined())^"
        }
        return text
    }
}

/// Thrown when an input file has one or more problems; carries all of them, in file order.
public struct SpecError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
