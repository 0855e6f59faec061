import ChorusModel
import ChorusRunner
import ChorusSimulation
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Testing

/// `bot.fallback_as_intent`: a fallback reply is scored as a prediction of the fallback label,
/// whatever intent the target reported with it (Rasa FallbackClassifier scoring).
@Suite struct FallbackAsIntentTests {
    /// The bot reports its classifier's first guess, `opening_hours`, with a fallback text.
    let target = FakeTarget { _, _, _ throws(TargetError) in
        BotReply(texts: ["Sorry, I didn't understand."], intent: "opening_hours", confidence: 0.2)
    }

    func firstTurn(fallbackAsIntent: String?) async throws -> TurnRecord {
        let suite = try CompiledSuite(
            Suite(
                suite: "hours", seed: 3, maxTurns: 1,
                personas: ["p": Persona(patience: 2)],
                goals: ["hours": Goal(intent: "opening_hours", openings: ["opening hours?"])],
                bot: BotRecognition(
                    fallback: Recognizer(patterns: ["(?i)didn't understand"]), fallbackAsIntent: fallbackAsIntent)))
        let record = await ConversationDriver(suite: suite, seed: 3, target: target, runTag: "t").run(conversation: 0)
        return try #require(record.turns.first)
    }

    @Test func aFallbackReplyCountsAsTheFallbackIntent() async throws {
        let scored = try await firstTurn(fallbackAsIntent: "nlu_fallback")
        #expect(scored.fallback)
        #expect(scored.predictedIntent == "nlu_fallback")
        #expect(scored.confidence == 0.2)
        // Without the option the classifier's guess is scored, and counts as right.
        let raw = try await firstTurn(fallbackAsIntent: nil)
        #expect(raw.predictedIntent == "opening_hours")
    }

    @Test func onlyTurnsWithAnIntentAndAFallbackChange() {
        let bot = BotRecognition(fallbackAsIntent: "nlu_fallback")
        #expect(bot.scoredIntent(reported: "greet", fallback: true) == "nlu_fallback")
        #expect(bot.scoredIntent(reported: "greet", fallback: false) == "greet")
        // A target that exposes no intent stays without one: intent metrics stay not available.
        #expect(bot.scoredIntent(reported: nil, fallback: true) == nil)
    }
}
