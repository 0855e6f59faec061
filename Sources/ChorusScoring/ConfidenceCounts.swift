/// Judged turns (an expected and a predicted intent) by the target's confidence and by whether the
/// prediction was right: the counts behind the confidence histogram and the threshold sweep.
///
/// Confidence is cut into `bucketCount` buckets of width 0.05: bucket `k` holds confidences `c`
/// with `threshold(k) ≤ c < threshold(k + 1)` (the last bucket also holds 1.0; values below 0 count
/// in the first, above 1 in the last). The bounds are the same `Double`s the sweep compares
/// against, so "the turns a threshold keeps" (`c ≥ threshold(k)`) are exactly buckets `k…`.
/// Turns without a confidence, or with a non-finite one, are not counted. Two fixed-size arrays
/// of counts: merging adds them, so shards merge exactly and memory does not grow with volume.
public struct ConfidenceCounts: Sendable, Equatable, Codable {
    /// How many buckets: 0.00–0.05, 0.05–0.10, …, 0.95–1.00.
    public static let bucketCount = 20

    /// Correct predictions by bucket.
    public private(set) var correct: [Int]
    /// Wrong predictions by bucket.
    public private(set) var wrong: [Int]

    /// No turns.
    public init() {
        correct = Array(repeating: 0, count: Self.bucketCount)
        wrong = Array(repeating: 0, count: Self.bucketCount)
    }

    /// Counts given by bucket (tests, and aggregates read back); both lists have `bucketCount` entries.
    public init?(correct: [Int], wrong: [Int]) {
        guard correct.count == Self.bucketCount, wrong.count == Self.bucketCount else { return nil }
        self.correct = correct
        self.wrong = wrong
    }

    /// Reads the counts, refusing lists of another length (merging them would be meaningless).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let correct = try c.decode([Int].self, forKey: .correct)
        let wrong = try c.decode([Int].self, forKey: .wrong)
        guard let counts = ConfidenceCounts(correct: correct, wrong: wrong) else {
            throw DecodingError.dataCorruptedError(
                forKey: .correct, in: c, debugDescription: "expected \(Self.bucketCount) confidence buckets")
        }
        self = counts
    }

    /// Turns counted.
    public var turns: Int { correct.reduce(0, +) + wrong.reduce(0, +) }

    /// Whether no turn was counted.
    public var isEmpty: Bool { turns == 0 }

    /// The lower bound of bucket `k`, and the `k`-th threshold of the sweep: `k / 20`.
    public static func threshold(_ k: Int) -> Double { Double(k) / Double(bucketCount) }

    /// The bucket of `confidence`, or `nil` when it is not finite.
    public static func bucket(_ confidence: Double) -> Int? {
        guard confidence.isFinite else { return nil }
        var k = min(max(Int((confidence * Double(bucketCount)).rounded(.down)), 0), bucketCount - 1)
        // The product may round across a bound; settle on the bounds the sweep compares against.
        while k + 1 < bucketCount, confidence >= threshold(k + 1) { k += 1 }
        while k > 0, confidence < threshold(k) { k -= 1 }
        return k
    }

    /// Counts one judged turn.
    public mutating func add(confidence: Double, correct isCorrect: Bool) {
        guard let k = Self.bucket(confidence) else { return }
        if isCorrect { correct[k] += 1 } else { wrong[k] += 1 }
    }

    /// Adds another run's (or shard's) counts.
    public mutating func merge(_ other: ConfidenceCounts) {
        for k in 0..<Self.bucketCount {
            correct[k] += other.correct[k]
            wrong[k] += other.wrong[k]
        }
    }
}
