import ChorusTestSupport
import Foundation
import Testing

/// `--repeat k` against a bot that answers one goal right with a known, seeded probability p,
/// and against the deterministic acme-v1.
@Suite struct RepeatEndToEndTests {
    static let suite = "Fixtures/scenarios/flaky.yaml"
    static let target = "Fixtures/targets/flaky.yaml"
    static let p = 0.6

    @Test func passHatKEstimatesPToTheKAndListsTheFlakyGoalsConversations() async throws {
        let (directory, result) = try await CLI.run(
            ["--repeat", "5", "--gate", "flaky_rate.max=0.05", "--concurrency", "4"], suite: Self.suite,
            target: Self.target,
            conversations: 300, expectStatus: 1)
        #expect(result.stdout.contains("flaky_rate.max"), "\(result.stdout)")
        let summary = try CLI.json("\(directory)/summary.json")
        #expect(summary["conversations"] as? Int == 1500)
        let repeats = try #require(summary["repeats"] as? [String: Any])
        #expect(repeats["plays"] as? Int == 5 && repeats["conversations"] as? Int == 300)
        let goals = try #require(repeats["goals"] as? [String: [String: Any]])
        let hours = try #require(goals["hours"])
        let estimates = try #require(hours["pass_hat_k"] as? [[String: Any]])
        #expect(estimates.count == 5)
        for estimate in estimates {
            let k = try #require(estimate["k"] as? Int)
            let low = try #require(estimate["low"] as? Double)
            let high = try #require(estimate["high"] as? Double)
            let truth = pow(Self.p, Double(k))
            #expect(low <= truth && truth <= high, "pass^\(k) interval [\(low), \(high)] misses p^k = \(truth)")
        }
        #expect((hours["flaky"] as? Int ?? 0) > 0)
        let greeting = try #require(goals["greeting"])
        #expect(greeting["flaky"] as? Int == 0)
        #expect((greeting["pass_hat_k"] as? [[String: Any]])?.allSatisfy { $0["value"] as? Double == 1 } == true)

        let flaky = try #require(repeats["flaky"] as? [[String: Any]])
        let first = try #require(flaky.first)
        #expect(flaky.allSatisfy { $0["goal"] as? String == "hours" })
        let report = try String(contentsOfFile: "\(directory)/report.md", encoding: .utf8)
        let index = try #require(first["index"] as? Int)
        let passing = try #require(first["passing_repeat"] as? Int)
        let failing = try #require(first["failing_repeat"] as? Int)
        #expect(report.contains("### Repeats"))
        #expect(report.contains("--conversation \(index) --repeat \(passing)"))

        // The listed replay commands play the passing and the failing play again, exactly.
        for (play, passes) in [(passing, true), (failing, false)] {
            let replay = try await ChorusProcess.run(
                [
                    "replay", Self.suite, "--target", Self.target, "--seed", "11", "--conversation", "\(index)",
                    "--repeat", "\(play)", "--json",
                ])
            #expect(replay.status == 0, "\(replay.stderr)")
            let line = try #require(try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
            #expect((line["outcome"] as? String == "completed") == passes, "\(replay.stdout)")
        }
    }

    @Test func aDeterministicBotIsNeverFlakyAndItsPassHatKIsItsCompletion() async throws {
        let (directory, result) = try await CLI.run(
            ["--repeat", "3", "--gate", "pass_hat_k.min=0.5", "--gate", "flaky_rate.max=0"], conversations: 60)
        #expect(result.stdout.contains("Repeats: 3 plays of each of 60 conversations"))
        let summary = try CLI.json("\(directory)/summary.json")
        let completion = try #require((summary["metrics"] as? [String: Any])?["completion_rate"] as? [String: Any])
        let repeats = try #require(summary["repeats"] as? [String: Any])
        #expect((repeats["flaky_rate"] as? [String: Any])?["successes"] as? Int == 0)
        #expect((repeats["flaky"] as? [Any])?.isEmpty == true)
        for key in ["pass_hat_k", "pass_at_k"] {
            let estimates = try #require(repeats[key] as? [[String: Any]])
            #expect(estimates.count == 3)
            for estimate in estimates { #expect(estimate["value"] as? Double == completion["value"] as? Double) }
        }
    }
}
