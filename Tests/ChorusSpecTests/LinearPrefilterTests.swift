import ChorusModel
import Foundation
import Testing

@testable import ChorusSpec

/// The linear prefilter of a bot's ICU patterns may admit texts ICU does not match, never the
/// other way round: it must admit every text ICU matches, and rule out most of the rest.
@Suite struct LinearPrefilterTests {
    /// The bots' own patterns and ones that use each construct the translation widens.
    static let patterns = [
        #"(?<![A-Za-z0-9])[A-Za-z]{2}-?[0-9]{6}(?![0-9])"#,
        #"(?i)\b(?:the\s+)?[0-9]{1,2}(?:st|nd|rd|th)\b|\bnext\s+[a-z]+day\b"#,
        #"(?i)\b(1[0-2]|0?[1-9])(:[0-5][0-9])?\s?(am|pm)\b"#,
        #"(?i)(?<=\ba las |\ba la )(?:[01]?[0-9]|2[0-3])(?::[0-5][0-9])?(?:\s?h\b)?|\b(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\b"#,
        #"(?i)\b(?:le\s+)?[0-9]{1,2}\s+(?:du mois|prochain)\b|\b[a-z]+di\s+prochain\b"#,
        #"[0-9]{1,2}号|下下?周[一二三四五六日]"#,
        #"(?:上午|下午|晚上|早上)?(?:[01]?[0-9]|2[0-3])(?:点(?:半|[0-5][0-9]分)?|:[0-5][0-9])"#,
        #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#,
        #"(?<![0-9])[0-9]{4}(?: ?[0-9]{4}){3}(?![0-9])"#,
        #"\d{3}"#,
        #"[^\d\s]{2}\d"#,
        #"\w+\s\w+"#,
        #"(?m)^\s*ab$|b$"#,
        #"a\Sb|\W\D"#,
        #"(?>ab|a)c"#,
        #"a++b|c?+d|e{1,2}+f"#,
        #"(?<name>x)y|\Qa.b\E"#,
        #"[[a-z]&&[^aeiou]]{3}"#,
        #"(?i:ok)ay|(?-i)OK"#,
        #"\u00e9\x{e9}|\xe9t"#,
        #"\$\d+(?:\.\d\d)?"#,
        #"(?w)\bword\b"#,
        #"(?#note)x\Bz|x_y"#,
    ]

    /// Pieces texts are made of: the patterns' own letters and digits, other scripts' digits
    /// and spaces, case pairs that fold differently, and line breaks.
    static let pieces = [
        "a", "b", "c", "d", "x", "y", "z", "e", "o", "k", "O", "K", "A", "Z", "the", "next", "mon", "day", "st", "am",
        "pm", "h", "la", "las", "le", "du mois", "prochain", "lundi", "di", "ok", "word", "_", "0", "1", "2", "3", "5",
        "9", "12", "123456", "AB", "ab-123456", "4242", "１", "٣", " ", "  ", "\u{A0}", "\u{3000}", "\t", "\n", "\r\n",
        "\u{2028}", ":", ".", "-", "@", "%", "$", "é", "É", "ß", "SS", "ſ", "号", "周", "一", "下", "点", "半", "分", "上午",
        "a.b", "\u{1F600}", "me@acme.com", "4242 4242 4242 4242", "next monday", "the 3rd", "a las 9:30h",
        "le 3 du mois", "10:15", "下午3点半", "12号", "下周一", "5 pm",
    ]

    static func text(_ generator: inout some RandomNumberGenerator) -> String {
        (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    @Test(arguments: patterns)
    func admitsEveryTextICUMatches(pattern: String) throws {
        let icu = try NSRegularExpression(pattern: pattern)
        let prefilter = try #require(LinearPrefilter(icuPattern: pattern), "no prefilter for \(pattern)")
        var generator = SplitMix64(seed: UInt64(pattern.utf8.count))
        var matched = 0
        for _ in 0..<4_000 {
            let text = Self.text(&generator)
            guard icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil else { continue }
            matched += 1
            var copy = text
            #expect(copy.withUTF8 { prefilter.admits($0) }, "\(pattern) matches \(text.debugDescription)")
        }
        #expect(matched > 0, "no generated text matched \(pattern)")
    }

    @Test func theBotsPatternsRuleOutMostTextsWithoutICU() throws {
        let prefilter = try #require(LinearPrefilter(icuPattern: Self.patterns[0]))
        var admitted = 0
        for text in ["where is my order", "my order is ab-12345", "thanks a lot!", "order AB 123456", "AB-123456"] {
            var copy = text
            if copy.withUTF8({ prefilter.admits($0) }) { admitted += 1 }
        }
        #expect(admitted == 1)
    }

    @Test func translationsDropWhatRE2LacksAndWidenWhatItReadsDifferently() {
        func translated(_ pattern: String) -> String? {
            LinearPrefilter.translate(Array(pattern.unicodeScalars))?.source
        }
        #expect(translated(#"(?<![A-Za-z0-9])[A-Za-z]{2}-?[0-9]{6}(?![0-9])"#) == "[A-Za-z]{2}-?[0-9]{6}")
        #expect(translated(#"^\bab\B$"#) == "ab")
        #expect(translated(#"\d\D"#) == #"\p{Nd}\P{Nd}"#)
        #expect(translated(#"a++b?+"#) == "a+b?")
        #expect(translated(#"a+?"#) == "a+?")
        #expect(translated(#"(?>a)(?<n>b)(?#c)"#) == "(?:a)(?P<n>b)")
        #expect(translated(#"[^\d]"#) == #"[^\p{Nd}]"#)
        #expect(translated(#"[^\s]"#) == "(?s:.)")
        #expect(translated(#"[a\w]"#) == "(?s:.)")
        #expect(translated(#"\uABCD"#) == #"\x{ABCD}"#)
        #expect(translated(#"(?wi)x"#) == "(?i)x")
    }

    @Test(arguments: [
        #"(a)\1"#,  // a back reference
        #"(?x) a b"#,  // comments mode
        #"\N{LATIN SMALL LETTER A}"#,  // a named character
        #"(?i)straße"#,  // full case folding would match "STRASSE"
        #"(?i)\x{DF}"#,
        #"\p{Alphabetic}"#,  // a property RE2 does not know
        #"\Qunterminated"#,
    ])
    func hasNoPrefilterWhenRE2CannotBeTrusted(pattern: String) {
        #expect(LinearPrefilter(icuPattern: pattern) == nil)
    }

    /// Under `(?i)`, a text that is not ASCII always goes to ICU (it may fold to what matches).
    @Test func aCaseInsensitivePatternFiltersOnlyASCIITexts() throws {
        let prefilter = try #require(LinearPrefilter(icuPattern: "(?i)ss"))
        var ascii = "no match here"
        var accented = "ẞ only"
        #expect(!ascii.withUTF8 { prefilter.admits($0) })
        #expect(accented.withUTF8 { prefilter.admits($0) })
    }

    /// Matching through `TextPattern` is the same with the prefilter as ICU alone.
    @Test(arguments: patterns)
    func textPatternRangesAreICUs(pattern: String) throws {
        let compiled = try TextPattern(pattern, engine: .backtracking)
        let icu = try NSRegularExpression(pattern: pattern)
        var generator = SplitMix64(seed: 7 &+ UInt64(pattern.utf8.count))
        for _ in 0..<500 {
            let text = Self.text(&generator)
            let expected = icu.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range, in: text)
            }
            #expect(compiled.matchRanges(in: text) == expected)
            let found = icu.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            #expect(compiled.matches(text) == found)
        }
    }
}
