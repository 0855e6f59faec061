import ChorusSpec
import Foundation

/// Turns raw user text into the form every feature and entity matcher works on: lowercase,
/// Latin accents folded (á→a, ñ→n, ß→ss), punctuation stripped, full-width forms made ASCII, one
/// space between words. A bot's `normalize:` section can turn each of those folds off, and the
/// classifier then sees the raw form (`folding`).
///
/// The output is an array of Unicode scalar values rather than a `String` so that feature
/// hashing and entity matching can index into it without allocating per word or per n-gram.
/// Ideographic scripts (Han, Hiragana, Katakana, Hangul) do not separate words with spaces, so
/// each of their characters becomes a token of its own and no space is inserted around them.
struct TextNormalizer: Sendable {
    /// Whether digits fold to `0`. The classifier does this so that every order number, date or
    /// quantity shares its n-grams with the ones seen in training; entity matching keeps digits.
    var foldDigits: Bool
    /// Which differences in writing are folded away (default: all).
    var folding = BotDefinition.Normalization()

    init(foldDigits: Bool, folding: BotDefinition.Normalization = BotDefinition.Normalization()) {
        self.foldDigits = foldDigits
        self.folding = folding
    }

    /// Normalises `text` into scalars and word tokens.
    func normalize(_ text: String) -> NormalizedText {
        var out = NormalizedText()
        out.scalars.reserveCapacity(text.utf8.count)
        out.tokens.reserveCapacity(16)
        // Start of the word being built, or -1 between words.
        var wordStart = -1
        // A separator was seen since the last emitted scalar; written lazily so that the
        // output never starts or ends with a space and never holds two in a row.
        var pendingSpace = false
        let foldCase = folding.case
        let latin = LatinFolding.Fold(accents: folding.accents, case: folding.case)

        func closeWord() {
            if wordStart >= 0 {
                out.tokens.append(
                    NormalizedText.Token(start: Int32(wordStart), end: Int32(out.scalars.count), single: false))
                wordStart = -1
            }
        }
        func appendWordScalar(_ value: UInt32) {
            if wordStart < 0 {
                if pendingSpace && !out.scalars.isEmpty { out.scalars.append(0x20) }
                pendingSpace = false
                wordStart = out.scalars.count
            }
            out.scalars.append(value)
        }
        /// A scalar that is a token of its own: an ideograph, or kept punctuation.
        func appendSingleToken(_ value: UInt32) {
            closeWord()
            if pendingSpace && !out.scalars.isEmpty { out.scalars.append(0x20) }
            pendingSpace = false
            let start = out.scalars.count
            out.scalars.append(value)
            out.tokens.append(NormalizedText.Token(start: Int32(start), end: Int32(start + 1), single: true))
        }

        for scalar in text.unicodeScalars {
            var value = scalar.value
            if folding.width {
                // Full-width ASCII (common in Chinese and Japanese input) folds to ASCII.
                if value >= 0xFF01 && value <= 0xFF5E {
                    value -= 0xFEE0
                } else if value == 0x3002 {
                    value = 0x2E  // the ideographic full stop, which half-width input types as "."
                }
            }

            switch ScalarClass.of(value) {
            case .asciiLetter:
                appendWordScalar(foldCase ? value | 0x20 : value)
            case .asciiDigit:
                appendWordScalar(foldDigits ? 0x30 : value)
            case .joiner:
                // Apostrophes and combining accents are dropped without splitting the word:
                // "what's" → "whats", "e\u{301}" → "e". Unfolded, they stay in the word.
                let isAccent = value >= 0x0300 && value <= 0x036F
                if isAccent ? !folding.accents : !folding.punctuation { appendWordScalar(value) }
            case .separator:
                if !folding.punctuation && !ScalarClass.isSpace(value) {
                    appendSingleToken(value)
                } else {
                    closeWord()
                    pendingSpace = true
                }
            case .ideograph:
                appendSingleToken(value)
            case .latinFoldable:
                let folded = latin.folded(value)
                let first = UInt32(truncatingIfNeeded: folded)
                let second = UInt32(truncatingIfNeeded: folded >> 32)
                if first != 0 { appendWordScalar(first) }
                if second != 0 { appendWordScalar(second) }
            case .otherWord:
                guard let scalar = Unicode.Scalar(value) else { continue }
                if foldDigits && scalar.properties.numericType == .decimal {
                    appendWordScalar(0x30)
                } else if foldCase && scalar.properties.changesWhenLowercased {
                    // Rare (capitals of Greek, Cyrillic, …): the only path that allocates.
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                        appendWordScalar(lower.value)
                    }
                } else {
                    appendWordScalar(value)
                }
            }
        }
        closeWord()
        return out
    }
}

/// Text after normalisation: the scalars, and the word tokens as ranges into them.
struct NormalizedText: Sendable {
    /// One word (or one character standing alone) as a half-open range of `scalars`.
    struct Token: Sendable {
        var start: Int32
        var end: Int32
        /// A character standing alone as a token: Han, Kana or Hangul, or a punctuation mark a
        /// bot keeps (`normalize: {punctuation: false}`). It has no inner character n-grams.
        var single: Bool
    }

    var scalars: [UInt32] = []
    var tokens: [Token] = []

    /// The tokens and nothing else, as one value: two texts with the same identity have the same
    /// features, so the classifier says the same of both. Each token's scalars are followed by a
    /// marker beyond Unicode's range that also tells a standalone character from a word.
    var identity: [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count + 1)
        for token in tokens {
            out.append(contentsOf: scalars[Int(token.start)..<Int(token.end)])
            out.append(token.single ? 0x11_0001 : 0x11_0000)
        }
        return out
    }
}

/// How the normaliser treats one scalar.
enum ScalarClass {
    case asciiLetter, asciiDigit, joiner, separator, ideograph, latinFoldable, otherWord

    static func of(_ value: UInt32) -> ScalarClass {
        if value < 0x80 {
            switch value {
            case 0x41...0x5A, 0x61...0x7A: return .asciiLetter
            case 0x30...0x39: return .asciiDigit
            case 0x27: return .joiner
            default: return .separator
            }
        }
        if LatinFolding.covers(value) {
            // Latin-1 punctuation and symbols (¿ ¡ « » ° …) are separators; letters fold.
            return LatinFolding.folded(value) == LatinFolding.separator ? .separator : .latinFoldable
        }
        if value >= 0x0300 && value <= 0x036F { return .joiner }  // combining diacritics
        if value == 0x2019 || value == 0x2018 { return .joiner }  // typographic apostrophes
        if isIdeographic(value) { return .ideograph }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return .otherWord
        default:
            return .separator
        }
    }

    /// White space and control characters: what separates words even when punctuation is kept.
    static func isSpace(_ value: UInt32) -> Bool {
        if value <= 0x20 || value == 0x7F { return true }
        guard value >= 0x80, let scalar = Unicode.Scalar(value) else { return false }
        if scalar.properties.isWhitespace { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator: return true
        default: return false
        }
    }

    /// Scripts written without spaces between words, whose characters are tokens of their own.
    static func isIdeographic(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF,  // Hiragana, Katakana
            0x31F0...0x31FF,  // Katakana phonetic extensions
            0x3400...0x4DBF,  // CJK extension A
            0x4E00...0x9FFF,  // CJK unified ideographs
            0xF900...0xFAFF,  // CJK compatibility ideographs
            0xFF66...0xFF9F,  // half-width Katakana
            0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,  // Hangul
            0x20000...0x2FFFF:  // CJK extensions B and later
            return true
        default:
            return false
        }
    }
}

/// A precomputed fold for the Latin blocks (Latin-1 Supplement, Latin Extended-A and -B, Latin
/// Extended Additional): lowercase without accents, up to two scalars packed into one `UInt64`
/// (ß → "ss"). Other scripts keep their marks: dropping them would break Devanagari or Thai.
enum LatinFolding {
    /// The Latin blocks, laid end to end in `table` (`covers` and `folded` spell them out as
    /// literals to keep the hot path free of lazy-global checks).
    static let ranges: [Range<UInt32>] = [0x80..<0x250, 0x1E00..<0x1F00]
    /// Marks a scalar that is punctuation or a symbol rather than a letter.
    static let separator = UInt64.max

    @inline(__always)
    static func covers(_ value: UInt32) -> Bool {
        (value >= 0x80 && value < 0x250) || (value >= 0x1E00 && value < 0x1F00)
    }

    /// The fold of a scalar that `covers` accepts.
    @inline(__always)
    static func folded(_ value: UInt32) -> UInt64 {
        value < 0x250 ? table[Int(value) - 0x80] : table[0x250 - 0x80 + Int(value) - 0x1E00]
    }

    /// Built once from Foundation's case and diacritic folding, so the hot path never calls it.
    static let table: [UInt64] = makeTable(accents: true, case: true)
    /// Only case folded, for a bot that keeps accents.
    static let lowercaseTable: [UInt64] = makeTable(accents: false, case: true)
    /// Only accents folded, for a bot that keeps case.
    static let accentTable: [UInt64] = makeTable(accents: true, case: false)

    /// The fold a bot's `normalize:` asks for; both folds on is the common case and reads
    /// `table` directly.
    struct Fold {
        var accents: Bool
        var `case`: Bool

        @inline(__always)
        func folded(_ value: UInt32) -> UInt64 {
            switch (accents, `case`) {
            case (true, true): return LatinFolding.folded(value)
            case (false, false): return UInt64(value)
            case (false, true): return LatinFolding.folded(value, in: LatinFolding.lowercaseTable)
            case (true, false): return LatinFolding.folded(value, in: LatinFolding.accentTable)
            }
        }
    }

    static func folded(_ value: UInt32, in table: [UInt64]) -> UInt64 {
        value < 0x250 ? table[Int(value) - 0x80] : table[0x250 - 0x80 + Int(value) - 0x1E00]
    }

    static func makeTable(accents: Bool, case foldCase: Bool) -> [UInt64] {
        // Letters that have no canonical decomposition, so diacritic folding leaves them alone.
        let special: [UInt32: String] = [
            0xDF: "ss", 0x1E9E: "ss", 0xE6: "ae", 0xC6: "ae", 0x153: "oe", 0x152: "oe", 0xF8: "o", 0xD8: "o",
            0x141: "l", 0x142: "l", 0x110: "d", 0x111: "d", 0xF0: "d", 0xD0: "d", 0xFE: "th", 0xDE: "th",
            0x131: "i",
        ]
        let options: String.CompareOptions =
            foldCase ? [.diacriticInsensitive, .caseInsensitive] : [.diacriticInsensitive]
        var table: [UInt64] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else {
                table.append(separator)
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                break
            default:
                // Punctuation and symbols, whichever folds are on (`ScalarClass` reads this).
                table.append(separator)
                continue
            }
            let folded: String
            if accents, let mapped = special[value] {
                // The table spells them in lowercase; a capital keeps its case when case is kept.
                folded = foldCase || !scalar.properties.isUppercase ? mapped : mapped.uppercased()
            } else if !accents {
                // Case only: a plain lowercase mapping, since Foundation's case folding would also
                // spell ß as "ss".
                folded = foldCase ? scalar.properties.lowercaseMapping : String(Character(scalar))
            } else {
                folded = String(Character(scalar)).folding(options: options, locale: Locale(identifier: "en_US_POSIX"))
            }
            let scalars = Array(folded.unicodeScalars.prefix(2))
            let first = scalars.count > 0 ? UInt64(scalars[0].value) : 0
            let second = scalars.count > 1 ? UInt64(scalars[1].value) : 0
            table.append(first | (second << 32))
        }
        return table
    }
}
