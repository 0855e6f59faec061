import ArgumentParser
import ChorusRunner
import ChorusSpec
import Foundation

extension PrivacySettings.Mode: ExpressibleByArgument {}

extension RunOptions {
    /// The privacy setting of a run: the suite's `privacy:` section, with `--privacy` and
    /// `--privacy-key-env` over it; nil when neither asks for one. The pseudonym key is read from
    /// the environment here and kept only in memory.
    func privacySettings(suite: Suite) -> PrivacySettings? {
        guard var settings = suite.privacy ?? privacy.map({ PrivacySettings(mode: $0) }) else { return nil }
        if let privacy { settings.mode = privacy }
        if let privacyKeyEnv { settings.keyEnv = privacyKeyEnv }
        return settings
    }

    /// The redactor of the run's privacy setting, or nil when it has none.
    func redactor(suite: Suite, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Redactor? {
        guard let settings = privacySettings(suite: suite) else { return nil }
        let variable = settings.keyEnv ?? PrivacySettings.defaultKeyEnvironment
        let key = environment[variable].map { Array($0.utf8) }
        do {
            return try Redactor(settings: settings, key: settings.mode == .pseudonym ? key : nil)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
    }
}
