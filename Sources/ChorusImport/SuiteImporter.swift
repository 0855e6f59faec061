import ChorusModel
import ChorusSpec
import Foundation
import Yams

/// Turns a team's existing data into a Chorus suite: Rasa NLU files and projects, Rasa test
/// stories and end-to-end test cases, Botium convo and utterance files, labelled CSV/TSV/JSONL.
/// Labelled utterances become data files the suite names (played exactly once each);
/// conversations become scripted goals. Whatever a source says that a suite cannot is listed
/// in `ImportResult.lost`.
public struct SuiteImporter {
    /// The suite's name.
    public var name: String
    /// For CSV/TSV/JSONL sources: the column or field of the utterance and of the intent.
    public var textColumn: String?
    public var intentColumn: String?

    public init(name: String, textColumn: String? = nil, intentColumn: String? = nil) {
        self.name = name
        self.textColumn = textColumn
        self.intentColumn = intentColumn
    }

    /// Imports `paths` (files, or folders searched recursively, e.g. a Rasa project).
    public func run(_ paths: [String]) throws(SpecError) -> ImportResult {
        var files: [String] = []
        for path in paths { files += Self.expand(path) }
        var state = State()
        // Utterance lists first: convos refer to them by name.
        for file in files where SourceKind.of(file) == .botiumUtterances { try state.utterances(file) }
        for file in files {
            switch SourceKind.of(file) {
            case .rasaNLU: try state.rasaNLU(file)
            case .rasaStories: try state.rasaStories(file, key: "stories", item: "story")
            case .rasaTestCases: try state.rasaStories(file, key: "test_cases", item: "test_case")
            case .rasaDomain:
                state.lost.append(
                    "\(file): the domain (responses, actions, forms, slots) is not imported; a suite recognises replies by intent and text"
                )
            case .botiumConvo: try state.botiumConvo(file)
            case .botiumUtterances: break
            case .labelled: state.labelled(file, text: textColumn, intent: intentColumn)
            case .unknown: state.lost.append("\(file): not a format chorus import reads; skipped")
            }
        }
        if !state.utteranceLists.isEmpty { state.writeUtterances() }
        guard !state.goals.isEmpty || !state.data.isEmpty else {
            throw SpecError([
                Diagnostic(
                    file: paths.joined(separator: " "), line: 0, column: 0,
                    message: "nothing to import: no NLU data, stories, test cases, convos, utterances or labelled files"
                )
            ])
        }
        let suite = ImportedSuite(
            suite: name, goals: state.goals.isEmpty ? nil : state.goals, data: state.data.isEmpty ? nil : state.data)
        let header = "# Written by chorus import from: \(paths.joined(separator: ", "))\n"
        return ImportResult(
            suite: try Self.yaml(suite, header: header, name: name), files: state.files, lost: state.lost,
            imported: state.imported)
    }

    /// `value` as YAML with sorted keys (Yams quotes whatever needs it), after `header`.
    static func yaml(_ value: some Encodable, header: String, name: String) throws(SpecError) -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.allowUnicode = true
        do {
            return header + (try encoder.encode(value))
        } catch {
            throw SpecError([Diagnostic(file: name, line: 0, column: 0, message: "cannot write the suite: \(error)")])
        }
    }

    /// The files under `path`, sorted (hidden ones and Rasa's models/results folders left out).
    static func expand(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [path]
        }
        let skipped: Set<String> = ["models", "results", "actions", ".rasa"]
        var found: [String] = []
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        where !name.hasPrefix(".") {
            let child = "\(folder)/\(name)"
            var childIsFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: child, isDirectory: &childIsFolder)
            if childIsFolder.boolValue {
                if !skipped.contains(name) { found += expand(child) }
            } else if ["yml", "yaml", "txt", "csv", "tsv", "jsonl"].contains(
                (name as NSString).pathExtension.lowercased()),
                SourceKind.of(child) != .unknown
                    || !["yml", "yaml"].contains((name as NSString).pathExtension.lowercased())
            {
                found.append(child)
            }
        }
        return found
    }
}

/// What an import has gathered so far.
struct State {
    var goals: [String: ImportedSuite.Goal] = [:]
    var data: [DataSource] = []
    var files: [(path: String, contents: Data)] = []
    var lost: [String] = []
    var imported: [String] = []
    /// Botium utterance lists by name, in file order, and those a convo says.
    var utteranceLists: [(name: String, utterances: [String])] = []
    var referencedLists: Set<String> = []

    /// A file name under `data/` not used yet.
    mutating func dataPath(_ name: String) -> String {
        var candidate = "data/\(name)"
        var number = 2
        let ext = (name as NSString).pathExtension
        let stem = (name as NSString).deletingPathExtension
        while files.contains(where: { $0.path == candidate }) {
            candidate = "data/\(stem)-\(number).\(ext)"
            number += 1
        }
        return candidate
    }

    /// A goal name not used yet.
    func goalName(_ name: String) -> String {
        var candidate = name.isEmpty ? "conversation" : name
        var number = 2
        while goals[candidate] != nil {
            candidate = "\(name) \(number)"
            number += 1
        }
        return candidate
    }

    mutating func copy(_ file: String) throws(SpecError) -> String {
        guard let contents = FileManager.default.contents(atPath: file) else {
            throw SpecError([Diagnostic(file: file, line: 0, column: 0, message: "cannot read file")])
        }
        let path = dataPath((file as NSString).lastPathComponent)
        files.append((path, contents))
        return path
    }

    // MARK: - Labelled utterances

    mutating func rasaNLU(_ file: String) throws(SpecError) {
        let nlu = try RasaNLU.read(path: file)
        let path = try copy(file)
        data.append(DataSource(file: path, format: .rasa))
        let intents = Set(nlu.examples.map(\.intent)).count
        imported.append("\(file): \(nlu.examples.count) labelled examples of \(intents) intents → \(path)")
        lost += nlu.unused.map { "\(file): \($0)" }
    }

    mutating func labelled(_ file: String, text: String?, intent: String?) {
        guard let path = try? copy(file) else { return lost.append("\(file): cannot read; skipped") }
        data.append(
            DataSource(
                file: path, text: text, intent: intent, slots: file.lowercased().hasSuffix(".jsonl") ? "slots" : nil))
        imported.append("\(file): labelled examples → \(path)")
    }

    /// A Botium `*.utterances.txt`: its first line names the list (an intent), the others are utterances.
    mutating func utterances(_ file: String) throws(SpecError) {
        let lines = try Self.lines(file)
        guard let name = lines.first?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            throw SpecError([
                Diagnostic(file: file, line: 1, column: 1, message: "an utterances file starts with the list's name")
            ])
        }
        let utterances = lines.dropFirst().filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        utteranceLists.append((name, Array(utterances)))
        imported.append("\(file): \(utterances.count) utterances of \"\(name)\"")
    }

    /// The utterance lists no convo says, as one JSON Lines data file, the list name as the intent.
    mutating func writeUtterances() {
        var text = ""
        for (name, utterances) in utteranceLists where !referencedLists.contains(name) {
            for utterance in utterances {
                text += "{\"text\": \"\(JSON.escape(utterance))\", \"intent\": \"\(JSON.escape(name))\"}\n"
            }
        }
        guard !text.isEmpty else { return }
        let path = dataPath("botium-utterances.jsonl")
        files.append((path, Data(text.utf8)))
        data.append(DataSource(file: path))
        imported.append("utterance lists → \(path) (the list name is the intent)")
    }

    static func lines(_ file: String) throws(SpecError) -> [String] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw SpecError([Diagnostic(file: file, line: 0, column: 0, message: "cannot read file as UTF-8 text")])
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
    }
}
