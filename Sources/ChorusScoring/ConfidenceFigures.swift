/// The confidence histogram of correct and wrong predictions and the threshold sweep of a run,
/// from its `ConfidenceCounts`, with the threshold the data supports.
///
/// For each threshold `t` of the sweep (0.00, 0.05, …, 0.95) a turn is *kept* when its confidence
/// is at least `t`, and falls back otherwise. The sweep gives, per threshold, the fallback rate
/// (judged turns below `t` / judged turns with a confidence) and the accuracy of the kept turns.
///
/// The recommended threshold maximises the **net** of the kept turns, correct − wrong: a right
/// answer gains as much as a wrong answer costs, and a fallback neither gains nor costs. Raising
/// the threshold past a bucket pays exactly when that bucket has more wrong than correct
/// predictions. Ties go to the lowest threshold (fewest fallbacks).
public struct ConfidenceFigures: Sendable, Equatable, Codable {
    /// One bucket of the histogram: confidences in `[low, high)` (the last includes 1.0).
    public struct Bucket: Sendable, Equatable, Codable {
        public var low: Double
        public var high: Double
        public var correct: Int
        public var wrong: Int

        public init(low: Double, high: Double, correct: Int, wrong: Int) {
            self.low = low
            self.high = high
            self.correct = correct
            self.wrong = wrong
        }
    }

    /// One threshold of the sweep.
    public struct Point: Sendable, Equatable, Codable {
        /// Turns with a confidence below this fall back.
        public var threshold: Double
        /// Judged turns at or above the threshold, and how many of them were right.
        public var kept: Int
        public var keptCorrect: Int
        /// Judged turns below the threshold / judged turns with a confidence.
        public var fallbackRate: Double
        /// `keptCorrect / kept`; `nil` when nothing is kept.
        public var keptAccuracy: Double?
        /// `keptCorrect − (kept − keptCorrect)`, what the recommendation maximises.
        public var net: Int

        public init(
            threshold: Double, kept: Int, keptCorrect: Int, fallbackRate: Double, keptAccuracy: Double?, net: Int
        ) {
            self.threshold = threshold
            self.kept = kept
            self.keptCorrect = keptCorrect
            self.fallbackRate = fallbackRate
            self.keptAccuracy = keptAccuracy
            self.net = net
        }

        enum CodingKeys: String, CodingKey {
            case threshold, kept
            case keptCorrect = "kept_correct"
            case fallbackRate = "fallback_rate"
            case keptAccuracy = "kept_accuracy"
            case net
        }

        /// Encodes every key, writing `null` for the accuracy of nothing.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(kept, forKey: .kept)
            try c.encode(keptCorrect, forKey: .keptCorrect)
            try c.encode(fallbackRate, forKey: .fallbackRate)
            try c.encode(keptAccuracy, forKey: .keptAccuracy)
            try c.encode(net, forKey: .net)
        }
    }

    /// The rule the recommendation follows, stated in the report.
    public static let rule = "maximises correct − wrong over the kept turns (lowest threshold on ties)"

    /// Judged turns that carried a confidence.
    public var turns: Int
    /// The histogram, one bucket per 0.05.
    public var histogram: [Bucket]
    /// The sweep, one point per bucket's lower bound.
    public var sweep: [Point]
    /// The threshold the data supports (see the type's documentation).
    public var recommendedThreshold: Double
    /// `rule`, carried in `summary.json` so the file explains itself.
    public var recommendationRule: String

    /// The sweep's point at the recommended threshold (`nil` only for figures read from a file
    /// that lacks it).
    public var recommended: Point? {
        sweep.first { $0.threshold == recommendedThreshold }
    }

    enum CodingKeys: String, CodingKey {
        case turns, histogram, sweep
        case recommendedThreshold = "recommended_threshold"
        case recommendationRule = "recommendation_rule"
    }

    /// The figures of `counts`; `nil` when no judged turn had a confidence.
    public init?(_ counts: ConfidenceCounts) {
        guard !counts.isEmpty else { return nil }
        let n = ConfidenceCounts.bucketCount
        turns = counts.turns
        histogram = (0..<n).map {
            Bucket(
                low: ConfidenceCounts.threshold($0), high: ConfidenceCounts.threshold($0 + 1),
                correct: counts.correct[$0], wrong: counts.wrong[$0])
        }
        var points: [Point] = []
        var kept = turns
        var keptCorrect = counts.correct.reduce(0, +)
        for k in 0..<n {
            if k > 0 {
                kept -= counts.correct[k - 1] + counts.wrong[k - 1]
                keptCorrect -= counts.correct[k - 1]
            }
            points.append(
                Point(
                    threshold: ConfidenceCounts.threshold(k), kept: kept, keptCorrect: keptCorrect,
                    fallbackRate: Double(turns - kept) / Double(turns),
                    keptAccuracy: kept == 0 ? nil : Double(keptCorrect) / Double(kept),
                    net: 2 * keptCorrect - kept))
        }
        sweep = points
        // `max(by:)` keeps the last of equal maxima; scanning for a strictly larger net keeps the first.
        var best = points[0]
        for point in points.dropFirst() where point.net > best.net { best = point }
        recommendedThreshold = best.threshold
        recommendationRule = Self.rule
    }
}
