/// The release gate's verdict: every rule with the numbers behind it.
public struct GateVerdict: Sendable, Equatable, Codable {
    public var checks: [GateCheck]

    public init(checks: [GateCheck]) {
        self.checks = checks
    }

    /// True when no rule failed (a rule that could not be evaluated does not fail the gate, and
    /// is listed as such, never as passed).
    public var passed: Bool { checks.allSatisfy { $0.passed || !$0.evaluated } }
    public var failures: [GateCheck] { checks.filter { $0.evaluated && !$0.passed } }
    /// Rules on a metric the run has no value for (`intent_accuracy.min` on a text-only bot).
    public var notEvaluated: [GateCheck] { checks.filter { !$0.evaluated } }

    /// How a passing verdict reads: `all 5 gate rules passed`, or `4 gate rules passed, 1 not
    /// evaluated (intent_accuracy.min: not available)`.
    public var passLine: String {
        let skipped = notEvaluated
        let evaluated = checks.count - skipped.count
        guard !skipped.isEmpty else { return "all \(checks.count) gate rule\(checks.count == 1 ? "" : "s") passed" }
        return "\(evaluated) gate rule\(evaluated == 1 ? "" : "s") passed, \(skipped.count) not evaluated ("
            + skipped.map { "\($0.name): metric not available" }.joined(separator: ", ") + ")"
    }
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
    /// False when the run has no value for the metric, so the rule could not be checked; such a
    /// rule is reported as not evaluated (`passed` is false, and it does not fail the gate).
    public var evaluated: Bool
    /// One sentence with the numbers: `completion_rate 0.712 fell 0.081 [0.052, 0.110] below the baseline 0.793 (max_drop 0.05)`.
    public var detail: String

    public init(
        metric: String, kind: Kind, threshold: Double, actual: Double?, baseline: Double? = nil, low: Double? = nil,
        high: Double? = nil, passed: Bool, evaluated: Bool = true, detail: String
    ) {
        self.metric = metric
        self.kind = kind
        self.threshold = threshold
        self.actual = actual
        self.baseline = baseline
        self.low = low
        self.high = high
        self.passed = passed
        self.evaluated = evaluated
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case metric, kind, threshold, actual, baseline, low, high, passed, evaluated, detail
    }

    /// Reads a check; one written before rules could be left unevaluated reads as evaluated.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metric = try c.decode(String.self, forKey: .metric)
        kind = try c.decode(Kind.self, forKey: .kind)
        threshold = try c.decode(Double.self, forKey: .threshold)
        actual = try c.decodeIfPresent(Double.self, forKey: .actual)
        baseline = try c.decodeIfPresent(Double.self, forKey: .baseline)
        low = try c.decodeIfPresent(Double.self, forKey: .low)
        high = try c.decodeIfPresent(Double.self, forKey: .high)
        passed = try c.decode(Bool.self, forKey: .passed)
        evaluated = try c.decodeIfPresent(Bool.self, forKey: .evaluated) ?? true
        detail = try c.decode(String.self, forKey: .detail)
    }

    /// How the rule's result reads: `pass`, `fail` or `not evaluated`.
    public var result: String { !evaluated ? "not evaluated" : passed ? "pass" : "fail" }

    /// `completion_rate.max_drop`.
    public var name: String { "\(metric).\(kind.rawValue)" }
}
