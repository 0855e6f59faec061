import Testing

@testable import ChorusReferenceBot

@Suite("Text normalisation")
struct TextNormalizerTests {
    private func normalized(_ text: String, foldDigits: Bool = false) -> String {
        let result = TextNormalizer(foldDigits: foldDigits).normalize(text)
        return String(String.UnicodeScalarView(result.scalars.compactMap(Unicode.Scalar.init)))
    }

    private func tokens(_ text: String) -> [String] {
        TextNormalizer(foldDigits: false).normalize(text).words
    }

    @Test("lowercases, folds Latin accents and strips punctuation")
    func latin() {
        #expect(normalized("¿Dónde está mi PEDIDO?") == "donde esta mi pedido")
        #expect(normalized("Ñandú, über, Straße, Œuvre, Łódź") == "nandu uber strasse oeuvre lodz")
        #expect(normalized("  what's   up?!  ") == "whats up")
        #expect(normalized("e\u{301}te\u{301}") == "ete")  // decomposed accents
    }

    @Test("digits fold to zero only for the classifier")
    func digits() {
        #expect(normalized("AB-123456", foldDigits: true) == "ab 000000")
        #expect(normalized("AB-123456") == "ab 123456")
    }

    @Test("ideographic characters are tokens of their own, without spaces")
    func ideographs() {
        #expect(tokens("我的订单在哪里？") == ["我", "的", "订", "单", "在", "哪", "里"])
        #expect(normalized("我的订单AB123456") == "我的订单ab123456")
        #expect(tokens("订单AB123456") == ["订", "单", "ab123456"])
        #expect(tokens("カタカナとひらがな").count == 9)
        #expect(tokens("안녕하세요").count == 5)
    }

    @Test("full-width Latin folds to ASCII, other scripts are lowercased")
    func otherScripts() {
        #expect(normalized("ＡＢＣ１２３") == "abc123")
        #expect(normalized("ПРИВЕТ Κόσμε") == "привет κόσμε")  // only Latin accents fold
    }
}

extension NormalizedText {
    /// The tokens as strings, for expectations.
    var words: [String] {
        tokens.map { token in
            String(String.UnicodeScalarView(scalars[Int(token.start)..<Int(token.end)].compactMap(Unicode.Scalar.init)))
        }
    }
}
