/// A rate with its 95% Wilson interval: `successes / n`, as reported in `summary.json`.
public struct RateMetric: Sendable, Equatable, Codable {
    /// The observed proportion, 0…1.
    public var value: Double
    /// The lower bound of the 95% Wilson interval.
    public var low: Double
    /// The upper bound of the 95% Wilson interval.
    public var high: Double
    /// The denominator: the number of trials the rate is over.
    public var n: Int
    /// The numerator, kept so a diff against this run can recompute intervals exactly rather than
    /// from a rounded `value`.
    public var successes: Int

    /// A metric with explicit values (for decoding, rounding and tests).
    public init(value: Double, low: Double, high: Double, n: Int, successes: Int) {
        self.value = value
        self.low = low
        self.high = high
        self.n = n
        self.successes = successes
    }

    /// The rate `successes / trials` with its Wilson interval; `nil` (not available) when
    /// `trials` is 0, so no rate is ever reported as NaN or as a misleading 0.
    public init?(successes: Int, trials: Int) {
        guard let interval = Wilson.interval(successes: successes, trials: trials) else { return nil }
        let clamped = min(max(successes, 0), trials)
        self.init(
            value: Double(clamped) / Double(trials), low: interval.low, high: interval.high, n: trials,
            successes: clamped)
    }

    /// An F1 score as a proportion, so it gets an interval like any rate: `2·tp / (2·tp + fp + fn)`,
    /// which is `tp / (tp + (fp + fn) / 2)`. `successes` and `n` are the first form's numerator and
    /// denominator (whole numbers, so `value == successes / n`); the Wilson interval is that of the
    /// second form, over its `n / 2` effective trials (the judgements, not twice them). `nil` when
    /// there is nothing to judge.
    public init?(f1TruePositives tp: Int, falsePositives fp: Int, falseNegatives fn: Int) {
        let effective = Double(tp) + Double(fp + fn) / 2
        guard effective > 0, let interval = Wilson.interval(successes: Double(tp), trials: effective) else {
            return nil
        }
        self.init(
            value: Double(tp) / effective, low: interval.low, high: interval.high, n: 2 * tp + fp + fn,
            successes: 2 * tp)
    }

    /// The proportion behind the rate as (successes, trials), for the difference of two runs: the
    /// counts themselves, or for an F1 (`isF1`) its effective counts, half of each.
    public func proportion(isF1: Bool = false) -> (successes: Double, trials: Double) {
        isF1 ? (Double(successes) / 2, Double(n) / 2) : (Double(successes), Double(n))
    }
}
