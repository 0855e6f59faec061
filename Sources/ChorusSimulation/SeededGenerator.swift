import ChorusModel

/// A small, fast, portable pseudo-random generator (SplitMix64).
///
/// Conversation *i* of a run gets its own generator derived from (suite seed, i), so a
/// conversation's draws never depend on scheduling, and any conversation can be replayed alone.
/// Every draw goes through the methods here rather than the standard library's `random(in:)`,
/// whose algorithm is not promised to stay the same across Swift versions.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var core: SplitMix64

    public init(seed: UInt64) {
        core = SplitMix64(seed: seed)
    }

    /// The generator of conversation `index` of a run with `seed`.
    public init(seed: UInt64, conversation index: Int) {
        // Mix both numbers through the finaliser so neighbouring indices give unrelated streams.
        var mixer = SeededGenerator(seed: seed ^ 0x6A09_E667_F3BC_C908)
        let base = mixer.next()
        self.init(seed: base &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        core.next()
    }

    /// A uniform integer in `0..<count` (`count` > 0), by Lemire's multiply-shift.
    public mutating func below(_ count: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
    }

    /// A uniform double in `0..<1` with 53 bits of precision.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        p > 0 && (p >= 1 || unit() < p)
    }

    /// An element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index drawn by weight from cumulative weights (last element = total).
    public mutating func pick(cumulative: [Double]) -> Int {
        let x = unit() * cumulative[cumulative.count - 1]
        // Linear scan: persona and goal lists are short.
        for (index, bound) in cumulative.enumerated() where x < bound {
            return index
        }
        return cumulative.count - 1
    }
}
