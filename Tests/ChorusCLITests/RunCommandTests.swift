import ChorusModel
import ChorusTestSupport
import Foundation
import Testing

@Suite struct RunCommandTests {
    @Test func runPrintsASummaryAndWritesSummaryJSON() async throws {
        let (directory, result) = try await CLI.run([], conversations: 200)
        #expect(result.stdout.contains("Outcomes"))
        #expect(result.stdout.contains("95% Wilson interval"))
        #expect(result.stdout.contains("Latency"))
        let summary = try CLI.json("\(directory)/summary.json")
        #expect(summary["schema"] as? String == "chorus.summary/1")
        #expect(summary["conversations"] as? Int == 200)
        #expect(summary["seed"] as? Int == 42)
        let metrics = try #require(summary["metrics"] as? [String: Any])
        for key in ["intent_accuracy", "fallback_rate", "completion_rate", "handoff_rate", "abandonment_rate", "error_rate"] {
            let metric = try #require(metrics[key] as? [String: Any], "metric \(key)")
            #expect(Set(metric.keys).isSuperset(of: ["value", "low", "high", "n"]))
        }
        let outcomes = try #require(summary["outcomes"] as? [String: Int])
        #expect(outcomes.values.reduce(0, +) == 200)
    }

    @Test func theSameSeedGivesTheSameRunAtAnyConcurrency() async throws {
        let (serial, _) = try await CLI.run(["--concurrency", "1"])
        let (parallel, _) = try await CLI.run(["--concurrency", "64"])
        #expect(try CLI.deterministicSummary(serial) == CLI.deterministicSummary(parallel))
        #expect(try CLI.transcriptLines(serial) == CLI.transcriptLines(parallel))
    }

    @Test func anotherSeedGivesOtherConversations() async throws {
        let (first, _) = try await CLI.run(["--seed", "1"], conversations: 50)
        let (second, _) = try await CLI.run(["--seed", "2"], conversations: 50)
        let a = try CLI.transcriptLines(first)
        let b = try CLI.transcriptLines(second)
        #expect(a.count == 50 && b.count == 50)
        #expect(zip(a, b).filter { $0 != $1 }.count > 25)
    }

    @Test func replayReproducesAnyConversationOfARun() async throws {
        let (directory, _) = try await CLI.run(["--seed", "9"], conversations: 120)
        let lines = try CLI.transcriptLines(directory)
        for index in [0, 1, 37, 119] {
            let replay = try await ChorusProcess.run([
                "replay", CLI.suite, "--target", CLI.v1, "--seed", "9", "--conversation", "\(index)", "--json",
            ])
            #expect(replay.status == 0, "\(replay.stderr)")
            #expect(CLI.withoutLatency(replay.stdout.trimmingCharacters(in: .newlines)) == lines[index])
        }
        let text = try await ChorusProcess.run(["replay", CLI.suite, "--target", CLI.v1, "--seed", "9", "--conversation", "37"])
        #expect(text.stdout.hasPrefix("conversation 37 · persona "))
        #expect(text.stdout.contains("user > "))
    }

    /// Every metric of summary.json follows from the transcripts with DESIGN.md's definitions.
    @Test func theSummaryIsRecomputableFromTheTranscripts() async throws {
        let (directory, _) = try await CLI.run(["--seed", "5"], conversations: 400)
        let summary = try CLI.json("\(directory)/summary.json")
        let metrics = try #require(summary["metrics"] as? [String: [String: Any]])
        var outcomes: [String: Int] = [:]
        var userTurns = 0, fallbackTurns = 0, conversationsWithFallback = 0, judged = 0, correct = 0
        let lines = try String(contentsOfFile: "\(directory)/transcripts.jsonl", encoding: .utf8).split(separator: "\n")
        for line in lines {
            let conversation = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            outcomes[conversation["outcome"] as! String, default: 0] += 1
            let turns = conversation["turns"] as! [[String: Any]]
            userTurns += turns.count
            let fallbacks = turns.filter { $0["fallback"] as! Bool }.count
            fallbackTurns += fallbacks
            if fallbacks > 0 { conversationsWithFallback += 1 }
            for turn in turns {
                if let expected = turn["expected_intent"] as? String, let predicted = turn["predicted_intent"] as? String {
                    judged += 1
                    if expected == predicted { correct += 1 }
                }
            }
        }
        let n = lines.count
        func value(_ key: String) -> Double { metrics[key]!["value"] as! Double }
        func count(_ key: String) -> Int { metrics[key]!["n"] as! Int }
        #expect(abs(value("completion_rate") - Double(outcomes["completed", default: 0]) / Double(n)) < 1e-6)
        #expect(abs(value("handoff_rate") - Double(outcomes["handed_off", default: 0]) / Double(n)) < 1e-6)
        #expect(abs(value("abandonment_rate") - Double(outcomes["abandoned", default: 0]) / Double(n)) < 1e-6)
        #expect(abs(value("error_rate") - Double(outcomes["error", default: 0]) / Double(n)) < 1e-6)
        #expect(abs(value("fallback_rate") - Double(fallbackTurns) / Double(userTurns)) < 1e-6)
        #expect(count("fallback_rate") == userTurns)
        #expect(abs(value("conversation_fallback_rate") - Double(conversationsWithFallback) / Double(n)) < 1e-6)
        #expect(abs(value("intent_accuracy") - Double(correct) / Double(judged)) < 1e-6)
        #expect(count("intent_accuracy") == judged)
        #expect(summary["outcomes"] as? [String: Int] == outcomes.merging(
            ["completed": 0, "handed_off": 0, "escalated": 0, "abandoned": 0, "max_turns": 0, "failed": 0, "error": 0]) { a, _ in a })
    }

    /// acme-v2 cut the refund intent's training examples: refund gets worse, the rest does not.
    @Test func acmeV2RegressesOnRefundAndNowhereElse() async throws {
        let (v1, _) = try await CLI.run(["--seed", "11"], target: CLI.v1, conversations: 600)
        let (v2, _) = try await CLI.run(["--seed", "11"], target: CLI.v2, conversations: 600, expectStatus: nil)
        let intents1 = try #require(try CLI.json("\(v1)/summary.json")["intents"] as? [String: [String: Any]])
        let intents2 = try #require(try CLI.json("\(v2)/summary.json")["intents"] as? [String: [String: Any]])
        func recall(_ intents: [String: [String: Any]], _ name: String) -> Double { intents[name]?["recall"] as? Double ?? 0 }
        #expect(recall(intents2, "refund") < recall(intents1, "refund") - 0.2)
        for name in ["order_status", "book_appointment", "opening_hours", "greet", "thanks"] {
            #expect(recall(intents2, name) >= recall(intents1, name) - 0.05, "\(name) recall did not move")
        }
        let goals1 = try #require(try CLI.json("\(v1)/summary.json")["goals"] as? [String: [String: Int]])
        let goals2 = try #require(try CLI.json("\(v2)/summary.json")["goals"] as? [String: [String: Int]])
        #expect(goals2["refund"]!["completed"]! < goals1["refund"]!["completed"]!)
        #expect(goals2["order_status"] == goals1["order_status"])
    }
}
