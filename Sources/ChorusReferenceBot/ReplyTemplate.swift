import ChorusSpec

/// Reply variants with `{name}` placeholders, and the deterministic choice between them.
enum ReplyTemplate {
    /// Picks a variant by `turn` (never at random, so a conversation replays bit for bit) and
    /// fills it. Variants whose placeholders can all be filled are preferred, and among those
    /// the ones quoting the most values ("On {date} we are {hours}." over "We are open Monday to
    /// Saturday."), so the most specific answer wins; the turn rotates between equals.
    static func render(_ variants: [Template], turn: Int, values: ReplyValues) -> String {
        guard !variants.isEmpty else { return "" }
        // Two passes over the variants instead of filtered copies: a turn allocates nothing here.
        var best = -1
        var tied = 0
        for template in variants {
            let count = filledPlaceholders(template, values)
            if count > best {
                best = count
                tied = 1
            } else if count == best {
                tied += 1
            }
        }
        let pick = ((turn % tied) + tied) % tied
        var seen = 0
        for template in variants where filledPlaceholders(template, values) == best {
            if seen == pick { return template.render { values.value(of: $0) } }
            seen += 1
        }
        return ""
    }

    /// How many placeholders `template` has, or -1 when one of them has no value. Unknown
    /// placeholders of a variant used anyway stay as written.
    private static func filledPlaceholders(_ template: Template, _ values: ReplyValues) -> Int {
        var count = 0
        for segment in template.segments {
            guard case .placeholder(let name) = segment else { continue }
            guard values.value(of: name) != nil else { return -1 }
            count += 1
        }
        return count
    }
}
