/// The suite's `privacy:` section: which personal data to look for in user and bot texts, and
/// how to replace it before anything is written (database, transcripts, reports).
///
/// ```yaml
/// privacy:
///   mode: pseudonym          # or mask (the default)
///   key_env: CHORUS_PRIVACY_KEY
///   detect: [email, phone, card, iban, ip]
///   patterns:
///     employee_id: "EMP-[0-9]{6}"
/// ```
public struct PrivacySettings: Codable, Sendable, Equatable {
    /// How a detected value is replaced.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// By its kind: `<EMAIL>`, `<CARD>`, `<EMPLOYEE_ID>`.
        case mask
        /// By its kind and a keyed hash of the value, `<EMAIL:1f0c9a2b7d>`: equal values get
        /// equal pseudonyms, so clustering and slot comparison still work.
        case pseudonym
    }

    /// The built-in detectors.
    public enum Detector: String, Codable, Sendable, CaseIterable {
        case email, phone, card, iban, ip
    }

    /// The environment variable a pseudonym key is read from when `key_env` is not given.
    public static let defaultKeyEnvironment = "CHORUS_PRIVACY_KEY"

    public var mode: Mode
    /// The environment variable that holds the pseudonym key (never the key itself).
    public var keyEnv: String?
    /// The built-in detectors to run; all of them when not given.
    public var detect: [Detector]?
    /// The user's own patterns (RE2 syntax), by the name their matches are masked with.
    public var patterns: [String: String]

    enum CodingKeys: String, CodingKey {
        case mode
        case keyEnv = "key_env"
        case detect, patterns
    }

    public init(mode: Mode = .mask, keyEnv: String? = nil, detect: [Detector]? = nil, patterns: [String: String] = [:])
    {
        self.mode = mode
        self.keyEnv = keyEnv
        self.detect = detect
        self.patterns = patterns
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode) ?? .mask
        keyEnv = try c.decodeIfPresent(String.self, forKey: .keyEnv)
        detect = try c.decodeIfPresent([Detector].self, forKey: .detect)
        patterns = try c.decodeIfPresent([String: String].self, forKey: .patterns) ?? [:]
    }

    /// The detectors that run: `detect`, else every built-in one.
    public var detectors: [Detector] { detect ?? Detector.allCases }

    /// The shape of the section, for the validator and the JSON Schema.
    static let schema = SchemaObject(
        noun: "privacy",
        description:
            "Personal data to find in user and bot texts and replace before anything is written; metrics are computed on the original texts.",
        properties: [
            SchemaProperty(
                "mode", .enumeration(Mode.allCases.map(\.rawValue)),
                "mask (<EMAIL>) or pseudonym (<EMAIL:keyed hash>); default mask."),
            SchemaProperty(
                "key_env", .string,
                "The environment variable holding the pseudonym key (default CHORUS_PRIVACY_KEY); the key is never stored."
            ),
            SchemaProperty(
                "detect", .list(.enumeration(Detector.allCases.map(\.rawValue))),
                "Built-in detectors to run (default: all of email, phone, card, iban, ip)."),
            SchemaProperty(
                "patterns", .map(entry: "privacy pattern", keys: .placeholderName, values: .string(format: .regex)),
                "Your own patterns (RE2), by name; a match is replaced by <NAME>."),
        ])
}
