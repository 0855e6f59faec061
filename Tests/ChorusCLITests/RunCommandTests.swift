import ChorusModel
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

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
        for key in [
            "intent_accuracy", "fallback_rate", "completion_rate", "handoff_rate", "abandonment_rate", "error_rate",
        ] {
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
        let text = try await ChorusProcess.run([
            "replay", CLI.suite, "--target", CLI.v1, "--seed", "9", "--conversation", "37",
        ])
        #expect(text.stdout.hasPrefix("conversation 37 · persona "))
        #expect(text.stdout.contains("user > "))
    }

    /// Every metric of summary.json follows from the transcripts with the README's definitions
    /// ("Metric definitions"): outcomes, rates, goals, dialogue failures, behaviours, the slot
    /// judgement of what the bot confirmed, turns to success.
    @Test func theSummaryIsRecomputableFromTheTranscripts() async throws {
        let (directory, _) = try await CLI.run(["--seed", "5"], conversations: 400)
        let summary = try CLI.json("\(directory)/summary.json")
        let metrics = try #require(summary["metrics"] as? [String: Any])
        var outcomes: [String: Int] = [:]
        var userTurns = 0
        var fallbackTurns = 0
        var conversationsWithFallback = 0
        var judged = 0
        var correct = 0
        var goalOutcomes: [String: Int] = [:]
        var goals: [String: [String: Int]] = [:]
        var behaviours: [String: [String: Int]] = [:]
        var withDialogueFailure = 0
        var failures: [String: (conversations: Int, occurrences: Int, behaviours: [String: Int])] = [:]
        var tp = 0
        var fp = 0
        var fn = 0
        var confirmedGoals = 0
        var completedTurns: [Int] = []
        let lines = try String(contentsOfFile: "\(directory)/transcripts.jsonl", encoding: .utf8).split(separator: "\n")
        for line in lines {
            let conversation = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let outcome = conversation["outcome"] as! String
            outcomes[outcome, default: 0] += 1
            let turns = conversation["turns"] as! [[String: Any]]
            userTurns += turns.count
            if outcome == "completed" { completedTurns.append(turns.count) }
            let fallbacks = turns.filter { $0["fallback"] as! Bool }.count
            fallbackTurns += fallbacks
            if fallbacks > 0 { conversationsWithFallback += 1 }
            for turn in turns {
                if let expected = turn["expected_intent"] as? String,
                    let predicted = turn["predicted_intent"] as? String
                {
                    judged += 1
                    if expected == predicted { correct += 1 }
                }
            }
            let had = (conversation["behaviours"] as! [String])
            let keys = had.isEmpty ? ["plain"] : had
            for key in keys { behaviours[key, default: [:]][outcome, default: 0] += 1 }
            var seen: [String: Int] = [:]
            for turn in turns {
                for failure in turn["dialogue_failures"] as! [String] { seen[failure, default: 0] += 1 }
            }
            if !seen.isEmpty { withDialogueFailure += 1 }
            for (failure, count) in seen {
                var entry = failures[failure] ?? (0, 0, [:])
                entry.conversations += 1
                entry.occurrences += count
                for key in keys { entry.behaviours[key, default: 0] += 1 }
                failures[failure] = entry
            }
            for goal in conversation["goals"] as! [[String: Any]] {
                let goalOutcome = goal["outcome"] as! String
                goalOutcomes[goalOutcome, default: 0] += 1
                goals[goal["name"] as! String, default: [:]][goalOutcome, default: 0] += 1
                let values = goal["values"] as! [String: String]
                let confirmed = goal["confirmed"] as! [String: String]
                guard !confirmed.isEmpty else { continue }
                confirmedGoals += 1
                let right = confirmed.filter { values[$0.key]?.lowercased() == $0.value.lowercased() }.count
                tp += right
                fp += confirmed.count - right
                fn += values.filter { confirmed[$0.key]?.lowercased() != $0.value.lowercased() }.count
            }
        }
        let n = lines.count
        func metric(_ key: String) -> [String: Any]? { metrics[key] as? [String: Any] }
        func value(_ key: String) -> Double { metric(key)!["value"] as! Double }
        func count(_ key: String) -> Int { metric(key)!["n"] as! Int }
        func close(_ key: String, _ expected: Double) -> Bool { abs(value(key) - expected) < 1e-6 }
        #expect(close("completion_rate", Double(outcomes["completed", default: 0]) / Double(n)))
        #expect(close("handoff_rate", Double(outcomes["handed_off", default: 0]) / Double(n)))
        #expect(close("escalation_rate", Double(outcomes["escalated", default: 0]) / Double(n)))
        #expect(close("abandonment_rate", Double(outcomes["abandoned", default: 0]) / Double(n)))
        #expect(close("error_rate", Double(outcomes["error", default: 0]) / Double(n)))
        #expect(close("fallback_rate", Double(fallbackTurns) / Double(userTurns)))
        #expect(count("fallback_rate") == userTurns)
        #expect(close("conversation_fallback_rate", Double(conversationsWithFallback) / Double(n)))
        #expect(close("intent_accuracy", Double(correct) / Double(judged)))
        #expect(count("intent_accuracy") == judged)
        let allOutcomes = [
            "completed": 0, "handed_off": 0, "escalated": 0, "abandoned": 0, "max_turns": 0, "failed": 0, "error": 0,
        ]
        #expect(summary["outcomes"] as? [String: Int] == outcomes.merging(allOutcomes) { a, _ in a })

        // Goals: every goal of every conversation is an attempt.
        let goalTotal = goalOutcomes.values.reduce(0, +)
        #expect(summary["goal_outcomes"] as? [String: Int] == goalOutcomes.merging(allOutcomes) { a, _ in a })
        #expect(close("goal_completion_rate", Double(goalOutcomes["completed", default: 0]) / Double(goalTotal)))
        #expect(count("goal_completion_rate") == goalTotal)
        #expect(
            summary["goals"] as? [String: [String: Int]] == goals.mapValues { $0.merging(allOutcomes) { a, _ in a } })

        // Dialogue failures: conversations with one, per failure its conversations, turns, rate and behaviours.
        #expect(close("dialogue_failure_rate", Double(withDialogueFailure) / Double(n)))
        let perFailure = try #require(summary["dialogue_failures"] as? [String: [String: Any]])
        #expect(perFailure.count == 8)
        for (name, figures) in perFailure {
            let expected = failures[name] ?? (0, 0, [:])
            #expect(figures["conversations"] as? Int == expected.conversations, "\(name)")
            #expect(figures["occurrences"] as? Int == expected.occurrences, "\(name)")
            #expect(figures["behaviours"] as? [String: Int] == expected.behaviours, "\(name)")
            let rate = try #require(figures["rate"] as? [String: Any])
            #expect(abs((rate["value"] as! Double) - Double(expected.conversations) / Double(n)) < 1e-6, "\(name)")
        }
        #expect(
            summary["behaviours"] as? [String: [String: Int]]
                == behaviours.mapValues { $0.merging(allOutcomes) { a, _ in a } })

        // Slots the bot confirmed, against the user's values, over goals it confirmed or acted on.
        let slots = try #require(summary["slot_confirmation"] as? [String: Int])
        #expect(slots == ["goals": confirmedGoals, "true_positives": tp, "false_positives": fp, "false_negatives": fn])
        if tp + fp + fn > 0 {
            if tp + fp > 0 { #expect(close("slot_precision", Double(tp) / Double(tp + fp))) }
            if tp + fn > 0 { #expect(close("slot_recall", Double(tp) / Double(tp + fn))) }
            #expect(close("slot_f1", Double(tp) / (Double(tp) + Double(fp + fn) / 2)))
        } else {
            #expect(metrics["slot_f1"] is NSNull)
        }

        // Turns to success: user turns of completed conversations (nearest-rank p95).
        let turns = try #require(summary["turns"] as? [String: Double])
        let sorted = completedTurns.sorted()
        #expect(abs(turns["mean"]! - Double(sorted.reduce(0, +)) / Double(sorted.count)) < 1e-6)
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        #expect(turns["p95"] == Double(sorted[rank - 1]))
    }

    /// acme-v2 cut the refund intent's training examples: refund gets worse, the rest does not.
    @Test func acmeV2RegressesOnRefundAndNowhereElse() async throws {
        let (v1, _) = try await CLI.run(["--seed", "11"], target: CLI.v1, conversations: 600)
        let (v2, _) = try await CLI.run(["--seed", "11"], target: CLI.v2, conversations: 600, expectStatus: nil)
        let intents1 = try #require(try CLI.json("\(v1)/summary.json")["intents"] as? [String: [String: Any]])
        let intents2 = try #require(try CLI.json("\(v2)/summary.json")["intents"] as? [String: [String: Any]])
        func recall(_ intents: [String: [String: Any]], _ name: String) -> Double {
            intents[name]?["recall"] as? Double ?? 0
        }
        #expect(recall(intents2, "refund") < recall(intents1, "refund") - 0.2)
        for name in ["order_status", "book_appointment", "opening_hours", "greet", "thanks"] {
            #expect(recall(intents2, name) >= recall(intents1, name) - 0.05, "\(name) recall did not move")
        }
        let goals1 = try #require(try CLI.json("\(v1)/summary.json")["goals"] as? [String: [String: Int]])
        let goals2 = try #require(try CLI.json("\(v2)/summary.json")["goals"] as? [String: [String: Int]])
        #expect(goals2["refund"]!["completed"]! < goals1["refund"]!["completed"]!)
        // Fewer users reach order_status after a failed refund in the same conversation, so
        // compare its completion rate, not its counts.
        func completion(_ outcomes: [String: Int]) -> Double {
            Double(outcomes["completed"] ?? 0) / Double(max(1, outcomes.values.reduce(0, +)))
        }
        #expect(abs(completion(goals2["order_status"]!) - completion(goals1["order_status"]!)) < 0.01)
    }

    /// `chorus replay` prints each turn's act and any dialogue failure on it.
    @Test func replayTextShowsActsAndDialogueFailures() {
        let record = ConversationRecord(
            index: 3, persona: "calm", goal: "refund", outcome: .failed,
            turns: [
                TurnRecord(user: "refund AB-1", bot: ["Which item?"], act: .open),
                TurnRecord(
                    user: "sorry, I meant AB-2", bot: ["Refund for AB-1 started."], act: .correct,
                    dialogueFailures: [.correctionIgnored]),
                TurnRecord(user: "and your hours?", bot: ["9 to 5.\u{1B}[2J"], act: .open, goal: 1),
            ],
            goals: [
                GoalRecord(name: "refund", outcome: .failed, turns: 2),
                GoalRecord(name: "hours", outcome: .completed, turns: 1),
            ],
            behaviours: [.correction, .multiGoal])
        let lines = TranscriptText.render(record).split(separator: "\n").map(String.init)
        #expect(lines[1] == "goals: refund (failed), hours (completed) · behaviours: correction, multi_goal")
        #expect(lines.contains("  2 user > sorry, I meant AB-2 (correct)"))
        #expect(lines.contains("    DIALOGUE FAILURE correction_ignored"))
        #expect(lines.contains("           goal hours"))
        // The bot's text cannot clear the screen.
        #expect(lines.contains("    bot  < 9 to 5.␛[2J"))
    }
}
