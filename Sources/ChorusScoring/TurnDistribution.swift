/// Exact counts of conversations by their number of user turns, mergeable across shards.
///
/// Conversations are bounded by `max_turns`, so the distinct turn counts are few and keeping them
/// exactly costs less than a histogram and loses nothing.
public struct TurnDistribution: Sendable, Equatable, Codable {
    /// Conversations by number of user turns; only non-zero entries are kept.
    public private(set) var counts: [Int: Int]

    /// An empty distribution.
    public init() {
        counts = [:]
    }

    /// Records one conversation with `turns` user turns.
    public mutating func add(turns: Int, count: Int = 1) {
        guard count > 0 else { return }
        counts[turns, default: 0] += count
    }

    /// Adds another distribution's counts.
    public mutating func merge(_ other: TurnDistribution) {
        for (turns, count) in other.counts {
            add(turns: turns, count: count)
        }
    }

    /// Conversations recorded.
    public var total: Int {
        counts.values.reduce(0, +)
    }

    /// The arithmetic mean number of turns; `nil` when empty.
    public var mean: Double? {
        let total = total
        guard total > 0 else { return nil }
        let sum = counts.reduce(0) { $0 + $1.key * $1.value }
        return Double(sum) / Double(total)
    }

    /// The median: the middle value, or the mean of the two middle values when the count is even;
    /// `nil` when empty.
    public var median: Double? {
        let total = total
        guard total > 0 else { return nil }
        let lower = value(atRank: (total + 1) / 2)
        let upper = value(atRank: total / 2 + 1)
        return total % 2 == 1 ? Double(lower) : Double(lower + upper) / 2
    }

    /// The nearest-rank percentile: the smallest turn count such that at least `percentile` percent
    /// of conversations had that many turns or fewer. `nil` when empty.
    public func percentile(_ percentile: Double) -> Int? {
        let total = total
        guard total > 0 else { return nil }
        let clamped = min(max(percentile, 0), 100)
        let rank = max(1, Int((clamped / 100 * Double(total)).rounded(.up)))
        return value(atRank: rank)
    }

    /// The turn count of the `rank`-th conversation (1-based) in ascending order.
    private func value(atRank rank: Int) -> Int {
        var seen = 0
        for turns in counts.keys.sorted() {
            seen += counts[turns, default: 0]
            if seen >= rank { return turns }
        }
        return counts.keys.max() ?? 0
    }
}
