import ChorusReferenceBot
import ChorusSpec

/// Makes the target a target file describes.
public enum TargetFactory {
    /// Loads a target file and everything it refers to (a reference bot's definition).
    public static func make(path: String) throws(SpecError) -> any Target {
        let loaded = try TargetLoader.load(path: path)
        return try make(loaded)
    }

    public static func make(_ loaded: LoadedTarget) throws(SpecError) -> any Target {
        let config = loaded.config
        let name = config.name ?? Self.baseName(of: loaded.path)
        switch config.kind {
        case .reference:
            let botPath = Self.resolve(config.bot ?? "", relativeTo: loaded.directory)
            let definition = try BotLoader.load(path: botPath)
            do {
                let bot = try ReferenceBot(definition: definition)
                return ReferenceTarget(bot: bot, info: TargetInfo(kind: "reference", name: name, detail: config.bot ?? ""))
            } catch {
                throw SpecError([Diagnostic(file: botPath, line: 0, column: 0, message: "\(error)")])
            }
        }
    }

    /// `path` joined to `directory` unless it is absolute.
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : "\(directory)/\(path)"
    }

    /// The file name without folders and extension: `Fixtures/targets/acme-v1.yaml` → `acme-v1`.
    static func baseName(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = file.lastIndex(of: "."), dot != file.startIndex { return String(file[..<dot]) }
        return file
    }
}
