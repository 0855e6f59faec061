import ChorusModel
import ChorusReports
import ChorusRunner
import ChorusScoring
import ChorusSimulation
import ChorusSpec
import ChorusTestSupport
import Testing

/// A suite that mixes languages: English and Finnish personas, each with its own goal, against a
/// bot that only understands English. The summary breaks the rates down by language and the gate
/// bounds one language's rate.
@Suite("Per-language reporting and gate")
struct LanguageBreakdownTests {
    static func summary() async throws -> Summary {
        let suite = Suite(
            suite: "mixed", seed: 5, maxTurns: 3,
            personas: ["en_user": Persona(patience: 2), "fi_user": Persona(patience: 2, language: "fi")],
            goals: [
                "hours_en": Goal(
                    personas: ["en_user"], intent: "opening_hours", openings: ["when are you open?"],
                    success: SuccessCondition(reply: "(?i)we are open")),
                "hours_fi": Goal(
                    personas: ["fi_user"], intent: "opening_hours", openings: ["milloin olette auki?"],
                    success: SuccessCondition(reply: "(?i)we are open")),
            ],
            bot: BotRecognition(fallback: Recognizer(patterns: ["(?i)didn't understand"])))
        let target = FakeTarget { _, _, text throws(TargetError) in
            text.contains("open")
                ? BotReply(texts: ["We are open 9 to 5."], intent: "opening_hours")
                : BotReply(texts: ["Sorry, I didn't understand."], intent: "nlu_fallback")
        }
        let driver = ConversationDriver(suite: try CompiledSuite(suite), seed: 5, target: target, runTag: "t")
        var aggregate = Aggregate()
        try await RunScheduler(concurrency: 2).run(0..<60, driver: driver) { aggregate.add($0) }
        return Summary(
            suite: "mixed", target: TargetInfo(kind: "fake", name: "fake", detail: ""), seed: 5, aggregate: aggregate)
    }

    @Test("the summary has each language's rates, and they add up to the run's")
    func breakdown() async throws {
        let summary = try await Self.summary()
        let en = try #require(summary.languages["en"])
        let fi = try #require(summary.languages["fi"])
        #expect(en.conversations + fi.conversations == 60)
        #expect(en.completionRate?.value == 1)
        #expect(fi.completionRate?.value == 0)
        #expect(fi.intentAccuracy?.value == 0)
        #expect(en.outcomes.completed + fi.outcomes.completed == summary.outcomes.completed)
        let text = TextSummaryReporter().render(summary)
        #expect(text.contains("By language"))
        #expect(text.contains("fi"))
    }

    @Test("a language bound fails on that language only")
    func gate() async throws {
        let summary = try await Self.summary()
        let verdict = GateEvaluator(rules: [
            "completion_rate": GateRule(languages: ["en": GateRule(min: 0.9), "fi": GateRule(min: 0.9)])
        ]).evaluate(summary, diff: nil)
        let byName = Dictionary(uniqueKeysWithValues: verdict.checks.map { ($0.metric, $0.passed) })
        #expect(byName["completion_rate{language=en}"] == true)
        #expect(byName["completion_rate{language=fi}"] == false)
        #expect(!verdict.passed)
    }

    @Test("the language survives the JSON summary and an aggregate merge")
    func roundTrip() async throws {
        let summary = try await Self.summary()
        let json = JSONSummaryReporter().render(summary)
        #expect(json.contains("\"languages\""))
        var left = Aggregate()
        left.languages["fi"] = LanguageCounts()
        left.languages["fi"]!.conversations = 2
        var right = Aggregate()
        right.languages["fi"] = LanguageCounts()
        right.languages["fi"]!.conversations = 3
        #expect(left.merging(right).languages["fi"]?.conversations == 5)
    }
}
