/// What the synthetic user needs to know about a language: default fillers, the word that joins
/// two answers, and whether words are separated by spaces.
public struct LanguageProfile: Sendable, Equatable {
    /// The language tag as the suite gives it (`en`, `es-MX`).
    public var tag: String = "en"
    public var fillers: [String]
    public var conjunction: String
    public var usesSpaces: Bool

    /// The profile of a language tag such as `en`, `es-MX` or `zh-Hans`; English for unknown tags.
    public init(language: String) {
        let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? "en"
        switch primary {
        case "es": self.init(fillers: ["eh", "pues", "bueno", "mmm"], conjunction: "y", usesSpaces: true)
        case "fr": self.init(fillers: ["euh", "ben", "alors", "bon"], conjunction: "et", usesSpaces: true)
        case "fi": self.init(fillers: ["no", "öö", "siis", "tota"], conjunction: "ja", usesSpaces: true)
        case "de": self.init(fillers: ["äh", "also", "naja"], conjunction: "und", usesSpaces: true)
        case "zh": self.init(fillers: ["嗯", "那个", "呃"], conjunction: "，", usesSpaces: false)
        case "ja": self.init(fillers: ["えっと", "あの"], conjunction: "、", usesSpaces: false)
        default: self.init(fillers: ["um", "uh", "well", "so", "hmm"], conjunction: "and", usesSpaces: true)
        }
        tag = language
    }

    /// The primary language subtag, lower-cased: `es` for `es-MX`.
    public var primary: String {
        tag.split(separator: "-").first.map { $0.lowercased() } ?? "en"
    }

    public init(fillers: [String], conjunction: String, usesSpaces: Bool) {
        self.fillers = fillers
        self.conjunction = conjunction
        self.usesSpaces = usesSpaces
    }

    /// What joins two answers in one sentence: ` and `, ` y `, `，`.
    public var separator: String {
        usesSpaces ? " \(conjunction) " : conjunction
    }
}
