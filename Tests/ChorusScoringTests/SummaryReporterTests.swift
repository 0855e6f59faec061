import ChorusReports
import ChorusScoring
import Foundation
import Testing

@Suite struct SummaryReporterTests {
    let summary = SampleRecords.summary(of: SampleRecords.conversations)

    @Test func identifiers() {
        #expect(JSONSummaryReporter.identifier == "json")
        #expect(JSONSummaryReporter.fileExtension == "json")
        #expect(TextSummaryReporter.identifier == "text")
        #expect(TextSummaryReporter.fileExtension == "txt")
    }

    @Test func jsonIsDeterministic() {
        let again = SampleRecords.summary(of: SampleRecords.conversations.reversed())
        let first = JSONSummaryReporter().render(summary)
        #expect(first == JSONSummaryReporter().render(again))
        #expect(first == JSONSummaryReporter().render(summary))
        #expect(first.hasSuffix("}\n"))
    }

    @Test func jsonKeysAreSortedAndNumbersRounded() throws {
        let text = JSONSummaryReporter().render(summary)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "chorus.summary/1")
        // Top-level keys appear in sorted order.
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(topLevel == topLevel.sorted())
        #expect(topLevel.count == 22)
        // 3/7 rounded to 6 decimals.
        let metrics = try #require(json["metrics"] as? [String: Any]).compactMapValues { $0 as? [String: Any] }
        #expect(metrics["intent_accuracy"]?["value"] as? Double == 0.428571)
        #expect(metrics["intent_accuracy"]?["n"] as? Int == 7)
        #expect(text.contains("\"value\" : 0.428571\n"))
        // Decodes back to a summary equal to the original up to rounding.
        let decoded = try JSONDecoder().decode(Summary.self, from: Data(text.utf8))
        #expect(decoded.outcomes == summary.outcomes)
        #expect(decoded.confusion == summary.confusion)
        #expect(abs((decoded.metrics.fallbackRate?.value ?? 0) - 2.0 / 8) < 5e-7)
    }

    @Test func textShowsOutcomesRatesIntentsTurnsLatencyAndErrors() {
        let text = TextSummaryReporter().render(summary)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("  completed   2  40.0 %"))
        #expect(lines.contains { $0.hasPrefix("  completion ") && $0.hasSuffix("50.0 %  [15.0, 85.0]  n=4") })
        #expect(lines.contains { $0.hasPrefix("  intent accuracy ") && $0.hasSuffix("n=7") })
        #expect(text.contains("Weakest intents by F1"))
        #expect(lines.contains { $0.hasPrefix("  affirm ") })
        // Labels only the target used (support 0) are not listed among the weakest intents.
        let weakest = text.components(separatedBy: "Weakest intents by F1\n")[1].components(separatedBy: "\n\n")[0]
        #expect(
            weakest.split(separator: "\n").map { $0.split(separator: " ")[0] } == [
                "intent", "affirm", "refund", "hours", "provide_order",
            ])
        #expect(lines.contains { $0.hasPrefix("  handoff ") && $0.hasSuffix("25.0 %  [ 4.6, 69.9]  n=4") })
        #expect(text.contains("Turns to success (user turns per completed conversation)"))
        #expect(text.contains("Latency per reply (ms)"))
        #expect(lines.contains("  timeout  1"))
        #expect(!text.contains("\u{1B}"))
        #expect(lines.allSatisfy { $0.last != " " })
    }

    @Test func textSaysNotAvailable() {
        let opaque = SampleRecords.summary(of: [SampleRecords.opaque(index: 0, outcome: .abandoned)])
        let text = TextSummaryReporter().render(opaque)
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("  intent accuracy ") && $0.hasSuffix(" n/a") })
        #expect(text.contains("n/a (no conversation completed)"))
        #expect(!text.contains("Weakest intents"))
        #expect(!text.contains("Errors"))
    }

    @Test func textRatesAlignInColumns() {
        let text = TextSummaryReporter().render(summary)
        let rateLines =
            text.components(separatedBy: "\n\n")
            .first { $0.hasPrefix("Rates") }?
            .split(separator: "\n").dropFirst().filter { $0.contains("n=") } ?? []
        #expect(rateLines.count == 9)
        let columns = Set(rateLines.compactMap { $0.range(of: " %")?.lowerBound.utf16Offset(in: $0) })
        #expect(columns.count == 1)
    }

    @Test func textShowsTheDialogue() {
        let text = TextSummaryReporter().render(SampleRecords.summary(of: DialogueRecords.conversations))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(
            text.contains("Dialogue\n  Goals: 3 of 7 completed (42.9 %) · dialogue failures in 3 of 6 conversations"))
        #expect(lines.contains { $0.hasPrefix("  context_lost ") && $0.hasSuffix("16.7 %      2  digression 1") })
        #expect(lines.contains { $0.hasPrefix("  goal completion ") && $0.hasSuffix("n=7") })
        #expect(lines.contains { $0.hasPrefix("  slot F1 (confirmed) ") && $0.contains("75.0 %") })
        #expect(text.contains("Completion by behaviour"))
        #expect(lines.contains { $0.hasPrefix("  plain ") && $0.hasSuffix("50.0 %") })
    }
}
