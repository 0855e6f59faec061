import ChorusSpec

/// Reply variants with `{name}` placeholders, and the deterministic choice between them.
enum ReplyTemplate {
    /// Picks a variant by `turn` (never at random, so a conversation replays bit for bit),
    /// preferring variants whose placeholders can all be filled, and fills them. `parsed` holds
    /// the variants' templates, parsed when the bot was built.
    static func render(_ variants: [String], turn: Int, values: [String: String], parsed: [String: Template]) -> String {
        let templates = variants.map { parsed[$0] ?? Template($0) }
        let complete = templates.filter { $0.placeholders.allSatisfy { values[$0] != nil } }
        let pool = complete.isEmpty ? templates : complete
        guard !pool.isEmpty else { return "" }
        // Unknown placeholders stay as written.
        return pool[((turn % pool.count) + pool.count) % pool.count].render { values[$0] }
    }
}
