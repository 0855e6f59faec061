import Foundation
import Yams

/// Reads what a Rasa bot declares from its `domain.yml` (or a folder of domain files, as Rasa
/// allows): `intents:`, `entities:`, and the `utter_ask_<slot>` (or `utter_ask_<form>_<slot>`)
/// responses, whose texts are the questions the bot asks for slots. Other keys are Rasa's and
/// are left alone.
public enum RasaDomain {
    /// The intents Rasa has without declaring them (`nlu_fallback` comes from its FallbackClassifier).
    public static let builtInIntents: Set<String> = [
        "restart", "back", "out_of_scope", "session_start", "nlu_fallback",
    ]

    /// Loads the domain at `path`, reporting every problem with its line and column.
    public static func load(path: String) throws(SpecError) -> BotDeclaration {
        var declaration = BotDeclaration(
            name: "the Rasa domain \(path)", intents: builtInIntents, entities: [], questions: [])
        var diagnostics: [Diagnostic] = []
        for file in try files(at: path) {
            do throws(SpecError) {
                let document = try YAMLDocument.compose(try SourceFile.read(file))
                diagnostics += read(document, into: &declaration)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw SpecError(diagnostics.sortedForReport()) }
        return declaration
    }

    /// The domain's files: `path` itself, or a folder's `.yml`/`.yaml` files at any depth.
    private static func files(at path: String) throws(SpecError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "no such file or folder")])
        }
        guard isFolder.boolValue else { return [path] }
        let entries = FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? []
        let names = entries.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
        guard !names.isEmpty else {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "folder has no .yml or .yaml files")])
        }
        return names.map { "\(path.hasSuffix("/") ? String(path.dropLast()) : path)/\($0)" }
    }

    /// Adds one domain file's declarations; returns what is wrong with it.
    private static func read(_ document: YAMLDocument, into declaration: inout BotDeclaration) -> [Diagnostic] {
        let file = document.file
        guard let root = document.root.mapping else {
            return [
                file.diagnostic(
                    at: document.root.mark, "a Rasa domain must be a mapping (intents:, entities:, responses:, …)")
            ]
        }
        var diagnostics: [Diagnostic] = []
        for (section, kind) in [("intents", "intent"), ("entities", "entity")] {
            guard let node = root[section] else { continue }
            guard let items = node.sequence else {
                diagnostics.append(file.diagnostic(at: node.mark, "\"\(section)\" must be a list of \(kind) names"))
                continue
            }
            for item in items {
                // `- greet`, or `- greet: {use_entities: …}`.
                guard let name = item.scalar?.string ?? item.mapping?.first?.key.scalar?.string,
                    item.mapping?.count ?? 1 == 1
                else {
                    diagnostics.append(
                        file.diagnostic(at: item.mark, "an item of \"\(section)\" must be an \(kind) name"))
                    continue
                }
                if section == "intents" { declaration.intents.insert(name) } else { declaration.entities.insert(name) }
            }
        }
        if let node = root["responses"] {
            guard let responses = node.mapping else {
                return diagnostics + [
                    file.diagnostic(at: node.mark, "\"responses\" must map response names to their variants")
                ]
            }
            for (key, variants) in responses {
                guard let name = key.scalar?.string, name.hasPrefix("utter_ask_") else { continue }
                let slot = String(name.dropFirst("utter_ask_".count))
                guard let items = variants.sequence else {
                    diagnostics.append(
                        file.diagnostic(at: variants.mark, "response \"\(name)\" must be a list of variants"))
                    continue
                }
                for item in items {
                    if let text = item.mapping?["text"]?.scalar?.string {
                        declaration.questions.append(BotDeclaration.Question(slot: slot, text: text))
                    }
                }
            }
        }
        return diagnostics
    }
}
