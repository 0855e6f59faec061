/// Reply variants with `{name}` placeholders, and the deterministic choice between them.
enum ReplyTemplate {
    /// Picks a variant by `turn` (never at random, so a conversation replays bit for bit),
    /// preferring variants whose placeholders can all be filled, and fills them.
    static func render(_ variants: [String], turn: Int, values: [String: String]) -> String {
        let complete = variants.filter { placeholders(in: $0).allSatisfy { values[$0] != nil } }
        let pool = complete.isEmpty ? variants : complete
        guard !pool.isEmpty else { return "" }
        return fill(pool[((turn % pool.count) + pool.count) % pool.count], values: values)
    }

    /// Replaces every `{name}` that has a value; unknown placeholders stay as written.
    static func fill(_ template: String, values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The placeholder names in `template`.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
