import ChorusModel
import ChorusScoring
import Foundation
import Testing

@testable import ChorusReports

/// Every reporter shows the dialogue figures, the acts and the dialogue failures of turns, and
/// the dialogue failure a cluster is about.
@Suite struct DialogueReportTests {
    let report = ReportFixtures.report

    @Test func markdownHasTheDialogueSectionAndCompletionByBehaviour() {
        let text = MarkdownReporter().render(report)
        #expect(text.contains("### Dialogue"))
        #expect(text.contains("Goals: 4 of 9 completed (44.4 %) · dialogue failures in 2 of 9 conversations"))
        #expect(text.contains("| `correction_ignored` | 1 | 11.1 % | [2.0, 43.5] | 1 | confirmation 1, correction 1 |"))
        #expect(text.contains("| `digression_not_resumed` | 1 | 11.1 % | [2.0, 43.5] | 1 | digression 1 |"))
        #expect(text.contains("### Outcomes by behaviour"))
        #expect(text.contains("| digression | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 0.0 % |"))
        #expect(text.contains("| Slot F1 (confirmed) | 75.0 % |"))
        // A cluster names its dialogue failure.
        #expect(text.contains("| 2 | 1 | refund | failed | 3 | `correction_ignored` |"))
        // Flipped conversations' transcripts show each turn's act.
        #expect(text.contains("| 2 | close | thanks! |"))
    }

    @Test func htmlHasTheDialogueSectionAndTranscriptsShowActsAndFailures() {
        let html = HTMLReporter().render(report)
        #expect(html.contains("<section id=\"dialogue\">"))
        #expect(html.contains("<tr class=\"bad\"><th><code>correction_ignored</code></th>"))
        #expect(html.contains("<h3>Completion by behaviour against the baseline</h3>"))
        #expect(html.contains("<h3>Completion by behaviour</h3>"))
        #expect(html.contains("<span class=\"badge act\">correct</span>sorry, I meant AB-88"))
        #expect(html.contains("<span class=\"badge bad\">✘ wrong_value_confirmed</span>"))
        #expect(html.contains("turn 3 · <span class=\"badge bad\">correction_ignored</span>"))
    }

    @Test func junitHasAStableCasePerDialogueFailureAndActsInTranscripts() throws {
        let xml = JUnitReporter().render(report)
        for failure in DialogueFailure.allCases {
            #expect(xml.contains("<testcase classname=\"chorus.acme.dialogue\" name=\"\(failure.rawValue)\">"))
        }
        #expect(
            xml.contains("1 conversation (11.1 % [2.0, 43.5]), 1 turn; behaviours hit: confirmation 1, correction 1"))
        #expect(xml.contains("2. user (correct): sorry, I meant AB-88"))
        #expect(xml.contains("{✗ correction_ignored, ✗ wrong_value_confirmed}"))
    }

    @Test func summaryJSONCarriesTheDialogueFigures() throws {
        let text = JSONSummaryReporter().render(report)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let failures = try #require(json["dialogue_failures"] as? [String: [String: Any]])
        #expect(failures["correction_ignored"]?["conversations"] as? Int == 1)
        #expect(failures["loop"]?["conversations"] as? Int == 0)
        #expect((json["behaviours"] as? [String: [String: Int]])?["digression"]?["max_turns"] == 1)
        let metrics = try #require(json["metrics"] as? [String: Any])
        #expect((metrics["slot_f1"] as? [String: Any])?["value"] as? Double == 0.75)
        let clusters = try #require((json["failures"] as? [String: Any])?["clusters"] as? [[String: Any]])
        #expect(
            clusters.compactMap { ($0["signature"] as? [String: Any])?["dialogue_failure"] as? String } == [
                "correction_ignored"
            ])
    }

    @Test func aRunWithoutDialogueJudgementHasNoDialogueSection() {
        var plain = ReportFixtures.plainReport
        plain.summary = Summary(
            suite: "acme", target: ReportFixtures.targetB, seed: 42,
            aggregate: Aggregate([ReportFixtures.hoursCompleted(0), ReportFixtures.hoursHandedOff(1)]))
        #expect(!MarkdownReporter().render(plain).contains("### Dialogue"))
        #expect(!HTMLReporter().render(plain).contains("<section id=\"dialogue\">"))
        #expect(!JUnitReporter().render(plain).contains("chorus.acme.dialogue"))
        #expect(!TextSummaryReporter().render(plain.summary).contains("Dialogue"))
    }
}
