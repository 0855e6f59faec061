extension BotDefinition {
    /// Which differences in how a message is written the engine folds away before classifying it
    /// and matching entity values. Every fold is on by default; a bot with one off sees the raw
    /// form, so a user who drops an accent, shouts or types full-width commas writes features it
    /// never saw in training — the way a bot without text normalisation meets real users.
    public struct Normalization: Codable, Sendable, Equatable {
        /// Latin diacritics folded (é→e, ñ→n, ä→a, ß→ss) and combining accents dropped.
        public var accents: Bool
        /// Letters lowercased.
        public var `case`: Bool
        /// Punctuation and symbols dropped between words (with it off, each is a word of its
        /// own, and apostrophes stay inside their words).
        public var punctuation: Bool
        /// Full-width forms (ＡＢＣ，？！, the ideographic full stop 。) folded to ASCII.
        public var width: Bool

        enum CodingKeys: String, CodingKey {
            case accents, `case`, punctuation, width
        }

        public init(accents: Bool = true, case: Bool = true, punctuation: Bool = true, width: Bool = true) {
            self.accents = accents
            self.case = `case`
            self.punctuation = punctuation
            self.width = width
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            accents = try c.decodeIfPresent(Bool.self, forKey: .accents) ?? true
            `case` = try c.decodeIfPresent(Bool.self, forKey: .case) ?? true
            punctuation = try c.decodeIfPresent(Bool.self, forKey: .punctuation) ?? true
            width = try c.decodeIfPresent(Bool.self, forKey: .width) ?? true
        }

        /// Every fold off: the classifier and the entity matcher see the text as written.
        public static let off = Normalization(accents: false, case: false, punctuation: false, width: false)
    }
}
