/// The change of one figure between a baseline and a run, with its 95% interval and verdict.
public struct MetricDelta: Sendable, Equatable, Codable {
    /// A stable name: `completion_rate`, `latency_p95_ms`, or `refund.recall` for an intent.
    public var name: String
    public var baseline: Double
    public var current: Double
    /// `current - baseline`.
    public var delta: Double
    /// The 95% interval of the delta (`nil` when it cannot be computed, e.g. latency).
    public var low: Double?
    public var high: Double?
    /// Two-sided p-value of "no change" (Holm-adjusted for intent figures); `nil` when not computed.
    public var pValue: Double?
    /// Whether a higher value is better (completion) or worse (fallback).
    public var higherIsBetter: Bool
    /// The tolerance the change must exceed to count (the gate's `max_drop`/`max_rise`, or a default).
    public var tolerance: Double
    /// The change is statistically significant (interval excludes zero, or adjusted p < 0.05).
    public var significant: Bool
    /// Significant, in the bad direction, and beyond the tolerance.
    public var regression: Bool
    /// Significant, in the good direction, and beyond the tolerance.
    public var improvement: Bool

    public init(
        name: String, baseline: Double, current: Double, low: Double?, high: Double?, pValue: Double?,
        higherIsBetter: Bool, tolerance: Double, significant: Bool
    ) {
        self.name = name
        self.baseline = baseline
        self.current = current
        delta = current - baseline
        self.low = low
        self.high = high
        self.pValue = pValue
        self.higherIsBetter = higherIsBetter
        self.tolerance = tolerance
        self.significant = significant
        let worse = higherIsBetter ? -delta : delta
        regression = significant && worse > tolerance
        improvement = significant && -worse > tolerance
    }

    enum CodingKeys: String, CodingKey {
        case name, baseline, current, delta, low, high
        case pValue = "p_value"
        case higherIsBetter = "higher_is_better"
        case tolerance, significant, regression, improvement
    }
}
