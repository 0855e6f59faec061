import ChorusModel
import Testing

@testable import ChorusReferenceBot

/// The bot remembers what it understood of recent messages: a repeated message is not
/// understood again, the remembered answer is the computed one, and the memory is bounded.
@Suite struct UnderstandingCacheTests {
    /// Counts the texts it is asked to understand.
    final class Counter: @unchecked Sendable {
        var calls: [String] = []
        func understand(_ text: String) -> Understanding {
            calls.append(text)
            return Understanding(
                prediction: IntentPrediction(intent: "intent-\(text)", confidence: 0.5),
                entities: [Entity(name: "text", value: text)])
        }
    }

    @Test func aRepeatedMessageIsUnderstoodOnceAndGetsTheSameAnswer() {
        let cache = UnderstandingCache(generationSize: 4)
        let counter = Counter()
        let first = cache.understanding(of: "yes", counter.understand)
        let again = cache.understanding(of: "yes", counter.understand)
        #expect(counter.calls == ["yes"])
        #expect(again.prediction == first.prediction && again.entities == first.entities)
        #expect(again.prediction.intent == "intent-yes")
    }

    @Test func memoryIsBoundedToTwoGenerations() {
        let cache = UnderstandingCache(generationSize: 2)
        let counter = Counter()
        _ = cache.understanding(of: "a", counter.understand)
        // Two more texts fill the newer generation; "a" is still in the older one.
        _ = cache.understanding(of: "b", counter.understand)
        _ = cache.understanding(of: "c", counter.understand)
        _ = cache.understanding(of: "a", counter.understand)
        #expect(counter.calls == ["a", "b", "c"])
        // Four texts not seen before push everything else out.
        for text in ["d", "e", "f", "g"] { _ = cache.understanding(of: text, counter.understand) }
        _ = cache.understanding(of: "b", counter.understand)
        #expect(counter.calls == ["a", "b", "c", "d", "e", "f", "g", "b"])
    }

    @Test func theBotAnswersTheSameWithItsMemory() throws {
        let bot = try BotFixtures.bot("acme-v1")
        for text in ["where is my order AB-123456", "yes please", "gibberish qwzx", "where is my order AB-123456"] {
            var fresh = ConversationState()
            var remembered = ConversationState()
            let once = bot.respond(to: text, state: &fresh)
            let twice = bot.respond(to: text, state: &remembered)
            #expect(once == twice)
            #expect(once.confidence == bot.classify(text).confidence)
            #expect(once.entities == bot.extractEntities(from: text))
        }
    }
}
