import ArgumentParser
import ChorusRunner
import ChorusSpec
import Foundation

extension PrivacySettings.Mode: ExpressibleByArgument {}

/// `--privacy` and `--privacy-key-env`, shared by the commands that write conversations
/// (`run`, `compare`, `watch`).
struct PrivacyOptions: ParsableArguments {
    @Option(
        name: .customLong("privacy"),
        help:
            "Mask (<EMAIL>) or pseudonymise (<EMAIL:keyed hash>) personal data before anything is written: mask or pseudonym (default: the suite's privacy section)."
    )
    var mode: PrivacySettings.Mode?

    @Option(
        name: .customLong("privacy-key-env"),
        help:
            "The environment variable holding the pseudonym key (default: the suite's privacy.key_env, else CHORUS_PRIVACY_KEY)."
    )
    var keyEnv: String?

    /// The privacy setting of a run: the suite's `privacy:` section, with these options over
    /// it; nil when neither asks for one.
    func settings(suite: Suite) -> PrivacySettings? {
        guard var settings = suite.privacy ?? mode.map({ PrivacySettings(mode: $0) }) else { return nil }
        if let mode { settings.mode = mode }
        if let keyEnv { settings.keyEnv = keyEnv }
        return settings
    }

    /// The redactor of the run's privacy setting, or nil when it has none. The pseudonym key is
    /// read from the environment here and kept only in memory.
    func redactor(suite: Suite, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Redactor?
    {
        guard let settings = settings(suite: suite) else { return nil }
        let key = environment[settings.keyEnv ?? PrivacySettings.defaultKeyEnvironment].map { Array($0.utf8) }
        do {
            return try Redactor(settings: settings, key: settings.mode == .pseudonym ? key : nil)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}
