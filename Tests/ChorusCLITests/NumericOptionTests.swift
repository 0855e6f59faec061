import ArgumentParser
import Testing

@testable import ChorusCLI

/// A negative number after a numeric option is that option's value, so the usage error says what
/// is wrong with it ("--rate must be a number above 0"), never "Missing value for '--rate'" (which
/// is what the parser says when it takes `-3` for an option name).
@Suite struct NumericOptionTests {
    static let run = ["run", "suite", "--target", "bot.yaml"]
    static let watch = ["watch", "suite", "--target", "bot.yaml", "--every", "5m"]
    static let replay = ["replay", "suite", "--target", "bot.yaml", "--conversation", "0"]

    /// Every numeric option of every command, given a negative value, and the error it must give.
    static let cases: [([String], String)] = [
        (run + ["--conversations", "-5"], "--conversations must be at least 1, got -5"),
        (run + ["--concurrency", "-1"], "--concurrency must be at least 1, got -1"),
        (run + ["--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (run + ["--rate", "-3"], "--rate must be a number above 0, got -3.0"),
        (run + ["--repeat", "-2"], "--repeat must be at least 1, got -2"),
        (run + ["--max-error-rate", "-0.1"], "--max-error-rate must be between 0 and 1"),
        (run + ["--metrics-port", "-1"], "--metrics-port must be 0…65535"),
        (run + ["--shard", "-1/4"], "--shard must be K/N with 0 ≤ K < N, e.g. 0/4; got \"-1/4\""),
        (run + ["--shards", "-2"], "--shards must be at least 1"),
        (
            ["compare", "suite", "--target", "a.yaml", "--target", "b.yaml", "--rate", "-1"],
            "--rate must be a number above 0"
        ),
        (watch + ["--conversations", "-1"], "--conversations must be at least 1"),
        (watch + ["--concurrency", "-1"], "--concurrency must be at least 1"),
        (watch + ["--failing-after", "-1"], "--failing-after must be at least 1"),
        (watch + ["--ticks", "-1"], "--ticks must be at least 1"),
        (watch + ["--metrics-port", "-1"], "--metrics-port must be 0…65535"),
        (watch + ["--retention", "-1d"], "The value '-1d' is invalid for '--retention <retention>'"),
        (
            ["watch", "suite", "--target", "bot.yaml", "--every", "-5m"],
            "The value '-5m' is invalid for '--every <every>'"
        ),
        (replay + ["--seed", "-1"], "The value '-1' is invalid for '--seed <seed>'"),
        (["replay", "suite", "--target", "bot.yaml", "--conversation", "-1"], "--conversation must be 0 or more"),
        (replay + ["--repeat", "-1"], "--repeat must be 0 or more"),
        (["history", "shop", "--last", "-3"], "--last must be at least 1, got -3"),
        (["history", "shop", "--last", "0"], "--last must be at least 1, got 0"),
        (["dashboard", "--port", "-1"], "--port must be between 0 and 65535"),
        (["serve-bot", "bot.yaml", "--port", "-1"], "--port must be between 0 and 65535"),
        (["prune", "--older-than", "-30d"], "The value '-30d' is invalid for '--older-than <older-than>'"),
    ]

    @Test(arguments: cases)
    func aNegativeNumberIsTheOptionsValue(arguments: [String], message: String) {
        do {
            _ = try ChorusCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            let text = ChorusCommand.message(for: error)
            #expect(text.contains(message), "\(arguments): \(text)")
            #expect(!text.contains("Missing value"), "\(arguments): \(text)")
            #expect(ChorusCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
        }
    }
}
