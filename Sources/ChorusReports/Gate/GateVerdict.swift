/// The release gate's verdict: every rule with the numbers behind it.
public struct GateVerdict: Sendable, Equatable, Codable {
    public var checks: [GateCheck]

    public init(checks: [GateCheck]) {
        self.checks = checks
    }

    /// True when every rule passed.
    public var passed: Bool { checks.allSatisfy(\.passed) }
    public var failures: [GateCheck] { checks.filter { !$0.passed } }
}

/// One rule of the gate, checked.
public struct GateCheck: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case min, max
        case maxDrop = "max_drop"
        case maxRise = "max_rise"
    }

    /// The metric's gate name, e.g. `completion_rate`.
    public var metric: String
    public var kind: Kind
    /// The rule's bound (absolute for min/max, a tolerance for max_drop/max_rise).
    public var threshold: Double
    /// The run's value of the metric (`nil` when not available).
    public var actual: Double?
    /// The baseline's value, for relative rules.
    public var baseline: Double?
    /// The delta's 95% interval, for relative rules.
    public var low: Double?
    public var high: Double?
    public var passed: Bool
    /// One sentence with the numbers: `completion_rate 0.712 fell 0.081 [0.052, 0.110] below the baseline 0.793 (max_drop 0.05)`.
    public var detail: String

    public init(
        metric: String, kind: Kind, threshold: Double, actual: Double?, baseline: Double? = nil, low: Double? = nil,
        high: Double? = nil, passed: Bool, detail: String
    ) {
        self.metric = metric
        self.kind = kind
        self.threshold = threshold
        self.actual = actual
        self.baseline = baseline
        self.low = low
        self.high = high
        self.passed = passed
        self.detail = detail
    }

    /// `completion_rate.max_drop`.
    public var name: String { "\(metric).\(kind.rawValue)" }
}
