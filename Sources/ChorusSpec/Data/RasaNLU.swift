import Yams

/// The intents and examples of a Rasa NLU training-data file (`nlu:` with `- intent:` items and
/// `examples: |` blocks of `- utterance` lines, entity markup resolved), and what the file says
/// that a Chorus suite cannot use (synonyms, regexes, lookups, roles, groups), for reports.
public struct RasaNLU: Sendable {
    public var examples: [LabelledExample]
    /// One line per thing not carried over, e.g. `synonym "credit" (3 examples)`.
    public var unused: [String]

    /// Reads the file at `path`; problems are located at their line and column.
    public static func read(path: String) throws(SpecError) -> RasaNLU {
        let document = try YAMLDocument.compose(try SourceFile.read(path))
        return try RasaNLU(document)
    }

    init(_ document: YAMLDocument) throws(SpecError) {
        let file = document.file
        guard let root = document.root.mapping else {
            throw SpecError([
                file.diagnostic(at: document.root.mark, "a Rasa NLU file is a mapping with an \"nlu\" list")
            ])
        }
        guard let items = root["nlu"]?.sequence else {
            throw SpecError([file.diagnostic(at: root["nlu"]?.mark ?? document.root.mark, "no \"nlu\" list of intents")]
            )
        }
        var examples: [LabelledExample] = []
        var unused: [String] = []
        var errors: [Diagnostic] = []
        for item in items {
            guard let entry = item.mapping else {
                errors.append(
                    file.diagnostic(at: item.mark, "each item of \"nlu\" is a mapping such as \"- intent: greet\""))
                continue
            }
            guard let intent = entry["intent"]?.scalar?.string else {
                let kind = ["synonym", "regex", "lookup"].first { entry[$0] != nil } ?? "item"
                let name = entry[kind]?.scalar.map { " \"\($0.string)\"" } ?? ""
                let plural =
                    ["synonym": "synonyms", "regex": "regular expressions", "lookup": "lookup tables"][kind]
                    ?? "such items"
                unused.append(
                    "\(kind)\(name) at \(file.path):\(item.mark?.line ?? 0) (a suite has no \(plural); the bot under test keeps its own)"
                )
                continue
            }
            guard let block = entry["examples"], let scalar = block.scalar else {
                errors.append(
                    file.diagnostic(
                        at: entry["examples"]?.mark ?? item.mark,
                        "intent \"\(intent)\" needs \"examples: |\" with one \"- utterance\" per line"))
                continue
            }
            let firstLine = (scalar.style == .literal || scalar.style == .folded) ? (block.mark?.line ?? 0) + 1 : nil
            for (offset, line) in scalar.string.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                if trimmed.isEmpty { continue }
                guard trimmed.hasPrefix("- ") || trimmed == "-" else {
                    errors.append(
                        Self.located(
                            file, block, firstLine.map { $0 + offset },
                            "an example line starts with \"- \", found \"\(trimmed.prefix(20))\""))
                    continue
                }
                let markup = String(trimmed.dropFirst(2))
                guard !markup.isEmpty else {
                    errors.append(
                        Self.located(
                            file, block, firstLine.map { $0 + offset }, "empty example of intent \"\(intent)\""))
                    continue
                }
                let annotated = AnnotatedText(markup: markup)
                unused += annotated.unused.map { "\($0) (intent \"\(intent)\")" }
                examples.append(
                    LabelledExample(
                        text: annotated.text, intent: intent, slots: annotated.entities,
                        annotated: annotated.spans.isEmpty ? nil : annotated))
            }
        }
        guard errors.isEmpty else { throw SpecError(errors) }
        self.examples = examples
        self.unused = unused
    }

    /// At `line` (the example's own line) when known, at the block otherwise; the column is the
    /// line's first non-blank character.
    private static func located(_ file: SourceFile, _ block: Node, _ line: Int?, _ message: String) -> Diagnostic {
        guard let line, let text = file.line(line) else { return file.diagnostic(at: block.mark, message) }
        let column =
            (text.unicodeScalars.firstIndex { $0 != " " && $0 != "\t" }).map {
                text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) + 1
            } ?? 1
        return Diagnostic(file: file.path, line: line, column: column, message: message, sourceLine: text)
    }
}
