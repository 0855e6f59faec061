import ChorusSpec
import Testing

@testable import ChorusReferenceBot

/// Held-out intent accuracy of each language's shop bot, counting a prediction right only when
/// its intent is the labelled one *and* its confidence clears the bot's threshold.
///
/// Measured (71 paraphrases each): acme-v1 71/71, acme-fr 64/71 (90.1 %), acme-fi 68/71
/// (95.8 %), acme-zh 65/71 (91.5 %). For Finnish the character n-grams carry inflection: without
/// them (word features only) acme-fi scores 59/71 (83.1 %). A suffix-stripping Finnish stemmer on
/// the word features was tried on an earlier revision of acme-fi (where n-grams scored 64/71): it
/// scored 63/71 with character n-grams and 61/71 without them, against 60/71 for plain words, so
/// it was left out.
@Suite("Held-out intent accuracy per language")
struct LanguageAccuracyTests {
    static func accuracy(
        _ bot: String, _ utterances: [(text: String, intent: String)], extractor: FeatureExtractor = FeatureExtractor()
    ) throws -> (accuracy: Double, misses: [String]) {
        let definition = try BotFixtures.definition(bot)
        let classifier = IntentClassifier(examples: definition.intents.mapValues(\.examples), extractor: extractor)
        var misses: [String] = []
        for (text, intent) in utterances {
            let prediction = classifier.classify(text)
            if prediction.intent != intent || prediction.confidence < definition.threshold {
                misses.append("\(text) → \(prediction.intent) \(prediction.confidence)")
            }
        }
        return (Double(utterances.count - misses.count) / Double(utterances.count), misses)
    }

    @Test(
        "each language's bot classifies held-out paraphrases above its floor",
        arguments: [
            ("acme-fr", "french", 0.88), ("acme-fi", "finnish", 0.93), ("acme-zh", "chinese", 0.89),
        ])
    func heldOut(bot: String, language: String, floor: Double) throws {
        let utterances =
            switch language {
            case "french": HeldOutUtterances.french
            case "finnish": HeldOutUtterances.finnish
            default: HeldOutUtterances.chineseFull
            }
        let (accuracy, misses) = try Self.accuracy(bot, utterances)
        #expect(accuracy >= floor, "\(bot): \(accuracy), misses: \(misses)")
    }

    @Test("character n-grams carry Finnish inflection: without them held-out accuracy drops")
    func finnishNeedsCharacterGrams() throws {
        let full = try Self.accuracy("acme-fi", HeldOutUtterances.finnish).accuracy
        let wordsOnly = try Self.accuracy(
            "acme-fi", HeldOutUtterances.finnish, extractor: FeatureExtractor(characterGrams: false)
        ).accuracy
        #expect(full - wordsOnly >= 0.08, "with n-grams \(full), words only \(wordsOnly)")
    }

    @Test(
        "inflected Finnish forms the bot never saw classify by their stems",
        arguments: [
            ("missä tilaukseni viipyy?", "order_status"),
            ("haluaisin hyvityksen tilauksestani", "refund"),
            ("seuraisitko pakettiani", "order_status"),
            ("voinko palauttaa kuulokkeeni?", "refund"),
        ])
    func finnishInflection(text: String, intent: String) throws {
        try BotFixtures.bot("acme-fi").expectClassifies(text, as: intent)
    }
}
