import ChorusSpec

/// Turns normalised text into hashed TF-IDF features, in two blocks:
///
/// - **word** features: word unigrams and bigrams (for ideographic scripts, where every
///   character is a token, these are character unigrams and bigrams);
/// - **character** features: character 2-, 3- and 4-grams inside each word that is not a single
///   ideograph or kept punctuation mark,
///   padded with a space at both ends so that prefixes and suffixes are features of their own
///   (`" or"`, `"der "`); they make the classifier robust to typos and inflection.
///
/// The character n-grams are also what carries inflecting languages: "tilaukseni", "tilauksen"
/// and "tilausta" share "tila", "ilau"; on held-out Finnish paraphrases they add 13 points of
/// accuracy, which a suffix-stripping stemmer did not improve on (see `LanguageAccuracyTests`).
///
/// Every feature is an FNV-1a hash over Unicode scalar values, tagged with its kind so that a
/// word and a character n-gram with the same letters never collide; no `String` is made.
struct FeatureExtractor: Sendable {
    /// The features of one text, with repeats (term frequency is counted later).
    struct Features: Sendable {
        var word: [UInt64] = []
        var char: [UInt64] = []
    }

    private let normalizer: TextNormalizer
    /// Whether words contribute character n-grams (off only to measure what they add).
    var characterGrams: Bool

    /// An extractor folding what `folding` says (a bot's `normalize:`; default: everything).
    init(folding: BotDefinition.Normalization = BotDefinition.Normalization(), characterGrams: Bool = true) {
        normalizer = TextNormalizer(foldDigits: true, folding: folding)
        self.characterGrams = characterGrams
    }

    func features(of text: String) -> Features {
        features(of: normalize(text))
    }

    /// `text` as the features see it.
    func normalize(_ text: String) -> NormalizedText {
        normalizer.normalize(text)
    }

    func features(of text: NormalizedText) -> Features {
        var out = Features()
        let tokens = text.tokens
        out.word.reserveCapacity(tokens.count * 2)
        out.char.reserveCapacity(text.scalars.count * 3 + tokens.count * 6)
        text.scalars.withUnsafeBufferPointer { scalars in
            var previous: UInt64 = 0
            for (index, token) in tokens.enumerated() {
                var hash = FNV1a.basis(kind: 1)
                for position in Int(token.start)..<Int(token.end) {
                    hash = FNV1a.step(hash, scalars[position])
                }
                out.word.append(FNV1a.finish(hash))
                if index > 0 {
                    out.word.append(FNV1a.finish(FNV1a.combine(previous, hash, kind: 2)))
                }
                previous = hash
                if characterGrams && !token.single {
                    appendCharacterGrams(scalars, from: Int(token.start), to: Int(token.end), into: &out.char)
                }
            }
        }
        return out
    }

    /// Character 2–4-grams of the word `scalars[from..<to]` padded with a space on both sides.
    private func appendCharacterGrams(
        _ scalars: UnsafeBufferPointer<UInt32>, from: Int, to: Int, into out: inout [UInt64]
    ) {
        // Padded positions run from -1 (the leading space) to `length` (the trailing space).
        let length = to - from
        for start in -1..<length {
            var hash = FNV1a.basis(kind: 3)
            for n in 1...4 {
                let position = start + n - 1
                if position > length { break }
                let scalar: UInt32 = (position < 0 || position == length) ? 0x20 : scalars[from + position]
                hash = FNV1a.step(hash, scalar)
                if n >= 2 { out.append(FNV1a.finish(hash)) }
            }
        }
    }
}

/// 64-bit FNV-1a over Unicode scalar values, with a final avalanche so that the low bits are
/// good enough for an open-addressing table.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func basis(kind: UInt64) -> UInt64 {
        step(offsetBasis, UInt32(truncatingIfNeeded: kind))
    }

    /// Feeds one scalar, byte by byte as FNV-1a is defined (a scalar fits in three bytes).
    @inline(__always)
    static func step(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
        var h = hash
        h = (h ^ UInt64(scalar & 0xFF)) &* prime
        h = (h ^ UInt64((scalar >> 8) & 0xFF)) &* prime
        h = (h ^ UInt64(scalar >> 16)) &* prime
        return h
    }

    /// A feature made of two hashed parts (a word bigram).
    @inline(__always)
    static func combine(_ first: UInt64, _ second: UInt64, kind: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15 ^ second ^ kind) &* prime
    }

    /// The splitmix64 finaliser: spreads FNV's weak low bits.
    @inline(__always)
    static func finish(_ hash: UInt64) -> UInt64 {
        var z = hash
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
