extension Vocab {
    /// A regular expression (without capture groups) matching any value of the pool: its values
    /// escaped, longest first (so `headphones` wins over `phone`), the pattern's own expression,
    /// or the table's values; nil when a pattern does not parse.
    public var anyValueRegex: String? {
        switch self {
        case .values(let values): return Self.alternation(values)
        case .pattern(let source): return (try? ValuePattern(parsing: source)).map { "(?:" + $0.regexSource + ")" }
        case .lookup(_, let table): return Self.alternation(Array(table.values))
        }
    }

    /// Every value a list or table can give; nil for a pattern (too many to list).
    public var listedValues: [String]? {
        switch self {
        case .values(let values): values
        case .pattern: nil
        case .lookup(_, let table): Array(Set(table.values)).sorted()
        }
    }

    private static func alternation(_ values: [String]) -> String {
        let ordered = Set(values).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        return "(?:" + ordered.map(ValuedPattern.escaped).joined(separator: "|") + ")"
    }
}

extension Suite {
    /// The vocab a goal's placeholder draws from: the goal's slot of that name (its `vocab`, or
    /// the slot's own name), else the vocab of that name.
    public func vocab(forPlaceholder name: String, in goal: Goal?) -> Vocab? {
        if let slot = goal?.slots?[name] { return vocab[slot.vocab ?? name] }
        return vocab[name]
    }
}
