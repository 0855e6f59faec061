import Foundation
import Yams

/// Loads a scenario suite from one YAML file or a folder of them, validates it, and reports every
/// problem found with its file, line and column.
public enum SuiteLoader {
    /// Loads the suite at `path`: a `.yaml`/`.yml` file, or a folder whose `.yaml`/`.yml` files
    /// (not recursive, in name order) are fragments of one suite.
    ///
    /// In a folder every file has its own `version:`; the `vocab`, `personas`, `goals` and `gate`
    /// maps are merged (a name defined twice is an error), and the other keys may be set in only
    /// one file, or in several with the same value.
    public static func load(path: String) throws(SpecError) -> LoadedSuite {
        let (files, isFolder) = try suiteFiles(at: path)
        let schema = isFolder ? Suite.fragmentSchema : Suite.schema

        var documents: [YAMLDocument] = []
        var diagnostics: [Diagnostic] = []
        var decodable = true
        for file in files {
            do {
                let checked = try SpecReader.check(path: file, schema: schema)
                documents.append(checked.document)
                diagnostics += checked.valueErrors
            } catch {
                // Keep going: the other files' problems belong in the same report.
                diagnostics += error.diagnostics
                decodable = false
            }
        }
        guard decodable else { throw SpecError(diagnostics.sortedForReport()) }

        let root: Node
        if isFolder {
            let merged = SuiteMerger.merge(documents)
            root = merged.root
            diagnostics += merged.diagnostics
            if merged.root.mapping?["suite"] == nil {
                diagnostics.append(
                    Diagnostic(
                        file: path, line: 0, column: 0,
                        message: "missing required key \"suite\": no file of the folder sets it"))
                throw SpecError(diagnostics.sortedForReport())
            }
        } else {
            root = documents[0].root
        }

        let locator = SpecLocator(documents: documents)
        let suite = try SpecReader.decode(Suite.self, from: root, locator: locator)
        diagnostics += SuiteValidator.validate(suite, locator: locator)
        guard diagnostics.isEmpty else { throw SpecError(diagnostics.sortedForReport()) }
        let data = try LabelledDataLoader.load(
            suite, relativeTo: isFolder ? path : (path as NSString).deletingLastPathComponent, locator: locator)

        var hash = ContentHash()
        for document in documents {
            hash.combine(name: (document.file.path as NSString).lastPathComponent, contents: document.file.bytes)
        }
        // A data file that changed changes the run, so it is part of the suite's identity.
        for source in data { hash.combine(name: source.source.file, contents: source.fingerprint) }
        return LoadedSuite(suite: suite, files: files, contentHash: hash.hex, data: data)
    }

    /// The files of the suite at `path`, sorted, and whether `path` is a folder.
    private static func suiteFiles(at path: String) throws(SpecError) -> ([String], Bool) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "no such file or folder")])
        }
        guard isDirectory.boolValue else { return ([path], false) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "cannot list folder")])
        }
        let yamlNames = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.filter { !$0.hasPrefix(".") }
            .sorted()
        guard !yamlNames.isEmpty else {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "folder has no .yaml or .yml files")])
        }
        let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
        return (yamlNames.map { "\(folder)/\($0)" }, true)
    }
}
