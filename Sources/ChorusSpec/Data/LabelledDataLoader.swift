import ChorusModel
import Foundation
import Yams

/// Reads the labelled data files a suite names (CSV, TSV, JSON Lines, Rasa NLU YAML), each
/// resolved relative to the suite, into examples; every problem is located `file:line:column`.
public enum LabelledDataLoader {
    /// The examples of every source of `suite`, whose files sit relative to `directory` (the
    /// suite file's folder, or the suite folder). All problems of all files are reported together.
    static func load(_ suite: Suite, relativeTo directory: String, locator: SpecLocator) throws(SpecError)
        -> [LabelledSource]
    {
        var sources: [LabelledSource] = []
        var diagnostics: [Diagnostic] = []
        for (index, source) in (suite.data ?? []).enumerated() {
            let path = source.file.hasPrefix("/") || directory.isEmpty ? source.file : "\(directory)/\(source.file)"
            do {
                var loaded = LabelledSource(source: source, path: path, examples: try read(source, at: path))
                var hash = ContentHash()
                hash.combine((try? Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)) ?? Data())
                loaded.fingerprint = Data(hash.hex.utf8)
                // A data goal is named after its intent; a suite goal of that name would be ambiguous.
                let clashes = Set(loaded.examples.map(\.intent)).intersection(suite.goals.keys).sorted()
                for name in clashes {
                    diagnostics.append(
                        locator.diagnostic(
                            ["data", .index(index), "file"],
                            "intent \"\(name)\" of \(path) would be a goal, but the suite defines goal \"\(name)\" already; rename one"
                        ))
                }
                sources.append(loaded)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw SpecError(diagnostics) }
        return sources
    }

    /// The examples of one source read from `path`.
    public static func read(_ source: DataSource, at path: String) throws(SpecError) -> [LabelledExample] {
        guard let format = source.resolvedFormat else {
            throw SpecError([
                Diagnostic(
                    file: path, line: 0, column: 0,
                    message: "cannot tell the data format from the file name; set \"format\" (csv, tsv, jsonl or rasa)")
            ])
        }
        var interned = Interner()
        let examples: [LabelledExample]
        switch format {
        case .csv: examples = try delimited(try DataFile.read(path), delimiter: UInt8(ascii: ","), source, &interned)
        case .tsv: examples = try delimited(try DataFile.read(path), delimiter: UInt8(ascii: "\t"), source, &interned)
        case .jsonl: examples = try jsonLines(try DataFile.read(path), source, &interned)
        case .rasa: examples = try RasaNLU.read(path: path).examples
        }
        guard !examples.isEmpty else {
            throw SpecError([Diagnostic(file: path, line: 1, column: 1, message: "data file has no examples")])
        }
        return examples
    }

    /// Shares one string per distinct intent or slot name among many examples.
    struct Interner {
        private var strings: Set<String> = []
        mutating func callAsFunction(_ text: String) -> String {
            if let found = strings.firstIndex(of: text) { return strings[found] }
            strings.insert(text)
            return text
        }
    }

    // MARK: - CSV and TSV

    private static func delimited(
        _ file: DataFile, delimiter: UInt8, _ source: DataSource, _ intern: inout Interner
    ) throws(SpecError) -> [LabelledExample] {
        let textColumn = source.text ?? "text"
        let intentColumn = source.intent ?? "intent"
        var columns: (text: Int, intent: Int)?
        var examples: [LabelledExample] = []
        var errors: [Diagnostic] = []
        try DelimitedReader(file: file, delimiter: delimiter).forEachRecord { record throws(SpecError) in
            guard let (text, intent) = columns else {
                // The header names the columns.
                let names = record.fields
                var missing: [Diagnostic] = []
                for wanted in [textColumn, intentColumn] where !names.contains(wanted) {
                    let hint = NameSuggestion.hint(for: wanted, in: names)
                    let listed = names.map { "\"\($0)\"" }.joined(separator: ", ")
                    missing.append(
                        file.diagnostic(
                            atByte: record.start, "the header has no column \"\(wanted)\"\(hint) (columns: \(listed))"))
                }
                guard missing.isEmpty else { throw SpecError(missing) }
                columns = (names.firstIndex(of: textColumn)!, names.firstIndex(of: intentColumn)!)
                return
            }
            guard record.fields.count > max(text, intent) else {
                errors.append(
                    file.diagnostic(
                        atByte: record.start,
                        "row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"); the \(text > intent ? "text" : "intent") column is number \(max(text, intent) + 1)"
                    ))
                return
            }
            if record.fields[intent].isEmpty {
                errors.append(file.diagnostic(atByte: record.offsets[intent], "empty intent"))
                return
            }
            if record.fields[text].isEmpty {
                errors.append(file.diagnostic(atByte: record.offsets[text], "empty utterance"))
                return
            }
            examples.append(LabelledExample(text: record.fields[text], intent: intern(record.fields[intent])))
        }
        guard errors.isEmpty else { throw SpecError(Array(errors.prefix(Self.errorLimit))) }
        return examples
    }

    /// At most this many problems are reported per data file (a wrong delimiter makes every row wrong).
    static let errorLimit = 20

    // MARK: - JSON Lines

    private static func jsonLines(_ file: DataFile, _ source: DataSource, _ intern: inout Interner) throws(SpecError)
        -> [LabelledExample]
    {
        let textField = source.text ?? "text"
        let intentField = source.intent ?? "intent"
        var examples: [LabelledExample] = []
        var errors: [Diagnostic] = []
        let bytes = file.bytes
        var start = 0
        while start < bytes.count, errors.count < errorLimit {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            let line = bytes[start..<end]
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            let value: JSON
            do {
                value = try JSON(parsing: line)
            } catch {
                errors.append(file.diagnostic(atByte: start + error.offset, "invalid JSON: \(error.message)"))
                continue
            }
            guard case .object(let fields) = value else {
                errors.append(file.diagnostic(atByte: start, "each line must be a JSON object"))
                continue
            }
            guard case .string(let text)? = fields[textField], !text.isEmpty else {
                errors.append(file.diagnostic(atByte: start, "the object has no non-empty string \"\(textField)\""))
                continue
            }
            guard case .string(let intent)? = fields[intentField], !intent.isEmpty else {
                errors.append(file.diagnostic(atByte: start, "the object has no non-empty string \"\(intentField)\""))
                continue
            }
            var slots: [Entity] = []
            if let slotField = source.slots, let given = fields[slotField] {
                guard case .object(let values) = given else {
                    errors.append(
                        file.diagnostic(atByte: start, "\"\(slotField)\" must be an object of slot name to value"))
                    continue
                }
                for name in values.keys.sorted() {
                    guard let slotValue = values[name]?.scalarText else {
                        errors.append(file.diagnostic(atByte: start, "slot \"\(name)\" must be a string or number"))
                        continue
                    }
                    slots.append(Entity(name: intern(name), value: slotValue))
                }
            }
            examples.append(LabelledExample(text: text, intent: intern(intent), slots: slots))
        }
        guard errors.isEmpty else { throw SpecError(errors) }
        return examples
    }
}
