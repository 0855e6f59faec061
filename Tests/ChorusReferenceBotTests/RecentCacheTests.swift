import ChorusModel
import Testing

@testable import ChorusReferenceBot

/// The bot remembers what it understood of recent messages: a repeated message is not
/// understood again, a message that normalises like a recent one is not classified again, the
/// remembered answer is the computed one, and the memory is bounded.
@Suite struct RecentCacheTests {
    /// Counts the keys it is asked to compute.
    final class Counter: @unchecked Sendable {
        var calls: [String] = []
        func understand(_ text: String) -> Understanding {
            calls.append(text)
            return Understanding(
                prediction: IntentPrediction(intent: "intent-\(text)", confidence: 0.5),
                entities: [Entity(name: "text", value: text)])
        }
    }

    @Test func aRepeatedKeyIsComputedOnceAndGetsTheSameValue() {
        let cache = RecentCache<String, Understanding>(generationSize: 4)
        let counter = Counter()
        let first = cache.value(for: "yes", counter.understand)
        let again = cache.value(for: "yes", counter.understand)
        #expect(counter.calls == ["yes"])
        #expect(again.prediction == first.prediction && again.entities == first.entities)
        #expect(again.prediction.intent == "intent-yes")
    }

    @Test func memoryIsBoundedToTwoGenerations() {
        let cache = RecentCache<String, Understanding>(generationSize: 2)
        let counter = Counter()
        _ = cache.value(for: "a", counter.understand)
        // Two more keys fill the newer generation; "a" is still in the older one.
        _ = cache.value(for: "b", counter.understand)
        _ = cache.value(for: "c", counter.understand)
        _ = cache.value(for: "a", counter.understand)
        #expect(counter.calls == ["a", "b", "c"])
        // Four keys not seen before push everything else out.
        for text in ["d", "e", "f", "g"] { _ = cache.value(for: text, counter.understand) }
        _ = cache.value(for: "b", counter.understand)
        #expect(counter.calls == ["a", "b", "c", "d", "e", "f", "g", "b"])
    }

    /// The prediction cache's key: texts that differ only in what the classifier folds (case,
    /// punctuation, accents, which digits) share it; any other difference does not.
    @Test func textsShareAPredictionOnlyWhenTheyNormaliseAlike() throws {
        let classifier = try BotFixtures.bot("acme-v1").classifier
        func identity(_ text: String) -> [UInt32] { classifier.normalize(text).identity }
        #expect(identity("Where is my order AB-123456?") == identity("where is my order ab 654321"))
        #expect(identity("Café, s'il vous plaît") == identity("cafe sil vous plait"))
        #expect(identity("where is my order") != identity("where is my orders"))
        #expect(identity("where is my order") != identity("whereis my order"))
        #expect(identity("order 12") != identity("order 123"))
    }

    @Test func theBotAnswersTheSameWithItsMemory() throws {
        let bot = try BotFixtures.bot("acme-v1")
        let texts = [
            "where is my order AB-123456", "yes please", "gibberish qwzx", "where is my order AB-123456",
            "Where is my order CD-654321?", "WHERE IS MY ORDER ef 111111",
        ]
        for text in texts {
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
