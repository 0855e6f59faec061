/// Which conversation indices a run (or a shard of it, or what is left of it) plays, in order,
/// without materialising them: a million-conversation plan is a few integers.
///
/// A shard `K/N` plays the indices `K, K+N, K+2N, …` below the run's total; a resumed run plays
/// the positions of that sequence not yet stored.
public struct RunPlan: RandomAccessCollection, Sendable, Equatable {
    /// The run's total number of conversations (all shards together).
    public let total: Int
    public let shard: Shard
    /// Positions in the shard's sequence still to play, ascending and disjoint.
    public let positions: [Range<Int>]
    /// `prefix[i]` = number of positions in `positions[..<i]`.
    private let prefix: [Int]

    /// A shard of a run: number `index` (0-based) of `count`.
    public struct Shard: Sendable, Equatable, CustomStringConvertible {
        public let index: Int
        public let count: Int

        public static let whole = Shard(index: 0, count: 1)

        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }

        /// Parses `K/N` with `0 ≤ K < N`.
        public init?(parsing text: String) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (0..<n).contains(k) else {
                return nil
            }
            self.init(index: k, count: n)
        }

        public var description: String { "\(index)/\(count)" }

        /// How many of `total` conversations fall in this shard.
        public func size(of total: Int) -> Int {
            total > index ? (total - index + count - 1) / count : 0
        }
    }

    /// Every conversation of the shard.
    public init(total: Int, shard: Shard = .whole) {
        self.init(total: total, shard: shard, positions: [0..<shard.size(of: total)])
    }

    /// The conversations of the shard that are not among `done` (ascending conversation indices).
    public init(total: Int, shard: Shard = .whole, excluding done: some Sequence<Int>) {
        var ranges: [Range<Int>] = []
        var next = 0
        let size = shard.size(of: total)
        for index in done where index >= shard.index && (index - shard.index) % shard.count == 0 {
            let position = (index - shard.index) / shard.count
            guard position >= next, position < size else { continue }
            if position > next { ranges.append(next..<position) }
            next = position + 1
        }
        if next < size { ranges.append(next..<size) }
        self.init(total: total, shard: shard, positions: ranges)
    }

    private init(total: Int, shard: Shard, positions: [Range<Int>]) {
        self.total = total
        self.shard = shard
        self.positions = positions.filter { !$0.isEmpty }
        var prefix = [0]
        for range in self.positions { prefix.append(prefix[prefix.count - 1] + range.count) }
        self.prefix = prefix
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { prefix[prefix.count - 1] }

    /// The conversation index at `offset`.
    public subscript(offset: Int) -> Int {
        // The range holding `offset`: the last one whose prefix is ≤ offset (few ranges; binary search anyway).
        var low = 0
        var high = positions.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if prefix[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let position = positions[low].lowerBound + (offset - prefix[low])
        return shard.index + position * shard.count
    }
}
