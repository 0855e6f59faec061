import Foundation

/// Loads and validates a target file: which chatbot Chorus talks to.
public enum TargetLoader {
    /// Loads the target file at `path`; a `reference` target must name a bot file that exists.
    public static func load(path: String) throws(SpecError) -> LoadedTarget {
        let checked = try SpecReader.check(path: path, schema: TargetConfig.schema)
        let locator = SpecLocator(documents: [checked.document])
        let config = try SpecReader.decode(TargetConfig.self, from: checked.document.root, locator: locator)
        let folder = (path as NSString).deletingLastPathComponent
        let target = LoadedTarget(config: config, path: path, directory: folder.isEmpty ? "." : folder)

        var diagnostics = checked.valueErrors
        switch config.kind {
        case .reference:
            if let botPath = target.botPath {
                if !FileManager.default.fileExists(atPath: botPath) {
                    diagnostics.append(locator.diagnostic(["bot"], "bot file \"\(config.bot!)\" not found (looked for \(botPath))"))
                }
            } else {
                diagnostics.append(locator.diagnostic(["kind"], "a \"reference\" target needs \"bot\": the path of its bot definition"))
            }
        }
        guard diagnostics.isEmpty else { throw SpecError(diagnostics.sortedForReport()) }
        return target
    }
}
