import ChorusModel
import ChorusSpec
import Testing

@testable import ChorusReferenceBot

/// A bot's `normalize:` section: with its folds on (the default) a message that differs from
/// another only by accents, case, punctuation or width is the same message to the bot; with them
/// off it is a different one, so that noise of those kinds costs the bot something.
@Suite("Normalisation folds")
struct NormalizationTests {
    private func tokens(_ text: String, _ folding: BotDefinition.Normalization) -> [String] {
        TextNormalizer(foldDigits: false, folding: folding).normalize(text).words
    }

    @Test("each fold turned off keeps its raw form")
    func eachFoldOff() {
        let text = "¿Dónde está mi PEDIDO, Straße? what's Ａ１，"
        #expect(tokens(text, .init()) == ["donde", "esta", "mi", "pedido", "strasse", "whats", "a1"])
        #expect(tokens(text, .init(accents: false)) == ["dónde", "está", "mi", "pedido", "straße", "whats", "a1"])
        #expect(tokens(text, .init(case: false)) == ["Donde", "esta", "mi", "PEDIDO", "Strasse", "whats", "A1"])
        #expect(
            tokens(text, .init(punctuation: false)) == [
                "¿", "donde", "esta", "mi", "pedido", ",", "strasse", "?", "what's", "a1", ",",
            ])
        #expect(tokens(text, .init(width: false)) == ["donde", "esta", "mi", "pedido", "strasse", "whats", "ａ１"])
        #expect(
            tokens(text, .off) == ["¿", "Dónde", "está", "mi", "PEDIDO", ",", "Straße", "?", "what's", "Ａ１", "，"])
        // Decomposed accents stay in their word; an accent-folding bot drops them.
        #expect(tokens("e\u{301}te\u{301}", .init(accents: false)) == ["e\u{301}te\u{301}"])
        #expect(tokens("e\u{301}te\u{301}", .init()) == ["ete"])
        // The ideographic full stop is the width fold's too: "。" and "." are one token then.
        #expect(tokens("好。", .init(punctuation: false)) == ["好", "."])
        #expect(tokens("好。", .off) == ["好", "。"])
    }

    /// A clean message and the same message with one kind of noise, for each fold.
    /// The clean one is a training example of `intent`, written as in the bot file.
    static let pairs: [(bot: String, intent: String, clean: String, noisy: String)] = [
        ("acme-fr", "order_status", "où est ma commande", "ou est ma commande"),  // accents
        ("acme-fr", "order_status", "où est ma commande", "OÙ EST MA COMMANDE"),  // case
        ("acme-fr", "order_status", "où en est ma commande ?", "où en est ma commande"),  // punctuation
        ("acme-zh", "greet", "你好，我有个问题", "你好,我有个问题"),  // width
    ]

    @Test("folded, a noisy message is the clean one to the bot", arguments: 0..<4)
    func foldedNoiseCostsNothing(index: Int) throws {
        let pair = Self.pairs[index]
        let bot = try BotFixtures.bot(pair.bot)
        #expect(bot.definition.normalize == BotDefinition.Normalization())
        #expect(bot.classify(pair.noisy) == bot.classify(pair.clean))
        let extractor = FeatureExtractor()
        #expect(extractor.features(of: pair.noisy).word == extractor.features(of: pair.clean).word)
        #expect(extractor.features(of: pair.noisy).char == extractor.features(of: pair.clean).char)
    }

    @Test("unfolded, a noisy message has other features and a lower confidence", arguments: 0..<4)
    func unfoldedNoiseCosts(index: Int) throws {
        let pair = Self.pairs[index]
        var definition = try BotFixtures.definition(pair.bot)
        definition.normalize = .off
        let bot = try ReferenceBot(definition: definition)
        let extractor = FeatureExtractor(folding: .off)
        #expect(extractor.features(of: pair.noisy).word != extractor.features(of: pair.clean).word)
        let clean = bot.classify(pair.clean)
        let noisy = bot.classify(pair.noisy)
        #expect(clean.intent == pair.intent)
        #expect(clean.confidence > 0.99)  // a training example, written as it was
        #expect(noisy.confidence < clean.confidence - 0.05, "\(noisy)")
    }

    @Test("unfolded, a listed value must be written as listed")
    func entityValuesKeepTheirForm() throws {
        var definition = try BotFixtures.definition("acme-fr")
        #expect(
            try ReferenceBot(definition: definition).extractEntities(from: "mon TELEPHONE").contains(
                Entity(name: "product", value: "téléphone")))
        definition.normalize = BotDefinition.Normalization(accents: false, case: false)
        let bot = try ReferenceBot(definition: definition)
        #expect(bot.extractEntities(from: "mon téléphone").contains(Entity(name: "product", value: "téléphone")))
        #expect(!bot.extractEntities(from: "mon telephone").contains { $0.name == "product" })
        #expect(!bot.extractEntities(from: "mon Téléphone").contains { $0.name == "product" })
    }
}
