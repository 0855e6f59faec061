import Foundation

/// A validated target file, with where it lives so relative paths in it can be resolved.
public struct LoadedTarget: Sendable {
    public var config: TargetConfig
    /// The target file's path as given.
    public var path: String
    /// The folder of the target file (`.` for a bare file name); `bot` paths are relative to it,
    /// and a `process` target's program runs in it.
    public var directory: String
    /// Every `${ENV_VAR}` reference in the file, with its location.
    public var secrets: [SecretReference]

    public init(config: TargetConfig, path: String, directory: String, secrets: [SecretReference] = []) {
        self.config = config
        self.path = path
        self.directory = directory
        self.secrets = secrets
    }

    /// The path of the reference bot definition, resolved against `directory`, when `bot` is set.
    public var botPath: String? {
        config.bot.map { LoadedTarget.resolve($0, against: directory) }
    }

    /// Located errors for the referenced variables that `environment` does not set, one per
    /// reference; empty when all are set.
    public func unsetSecrets(in environment: [String: String]) -> [Diagnostic] {
        secrets.filter { environment[$0.variable] == nil }.map(\.unsetDiagnostic).sortedForReport()
    }

    static func resolve(_ path: String, against directory: String) -> String {
        path.hasPrefix("/") || directory == "." ? path : (directory as NSString).appendingPathComponent(path)
    }
}
