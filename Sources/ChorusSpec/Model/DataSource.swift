/// A labelled data file referenced from a suite: its examples (utterance, intent, expected
/// slots) become goals, one per intent, whose openings are the examples.
///
/// YAML: `data: [{file: clinc/test.csv, text: text, intent: label}]`.
public struct DataSource: Codable, Sendable, Equatable {
    /// The file, relative to the suite file (or folder) that names it.
    public var file: String
    /// `csv`, `tsv`, `jsonl` or `rasa` (Rasa NLU YAML); absent: from the file's extension
    /// (`.csv`, `.tsv`, `.jsonl`, `.yml`/`.yaml`).
    public var format: DataFormat?
    /// CSV/TSV column or JSON Lines field holding the utterance (default `text`).
    public var text: String?
    /// CSV/TSV column or JSON Lines field holding the intent (default `intent`).
    public var intent: String?
    /// JSON Lines field holding the expected slots, an object of name → value (optional).
    public var slots: String?
    /// Every example exactly once (default true); false draws openings like any goal.
    public var each: Bool?
    /// Only these personas say the examples (absent: every persona).
    public var personas: [String]?

    public init(
        file: String, format: DataFormat? = nil, text: String? = nil, intent: String? = nil, slots: String? = nil,
        each: Bool? = nil, personas: [String]? = nil
    ) {
        self.file = file
        self.format = format
        self.text = text
        self.intent = intent
        self.slots = slots
        self.each = each
        self.personas = personas
    }

    /// The format named, or the one the file's extension implies.
    public var resolvedFormat: DataFormat? {
        if let format { return format }
        let lower = file.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") { return .rasa }
        return nil
    }
}

/// The labelled data formats a suite can read.
public enum DataFormat: String, Codable, Sendable, CaseIterable {
    case csv, tsv, jsonl, rasa
}
