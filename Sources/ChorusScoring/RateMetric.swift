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
}
