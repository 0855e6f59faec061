import Foundation

/// A validated target file, with where it lives so relative paths in it can be resolved.
public struct LoadedTarget: Sendable {
    public var config: TargetConfig
    /// The target file's path as given.
    public var path: String
    /// The folder of the target file (`.` for a bare file name); `bot` paths are relative to it.
    public var directory: String

    public init(config: TargetConfig, path: String, directory: String) {
        self.config = config
        self.path = path
        self.directory = directory
    }

    /// The path of the reference bot definition, resolved against `directory`, when `bot` is set.
    public var botPath: String? {
        config.bot.map { LoadedTarget.resolve($0, against: directory) }
    }

    static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") || directory == "." ? path : (directory as NSString).appendingPathComponent(path)
    }
}
