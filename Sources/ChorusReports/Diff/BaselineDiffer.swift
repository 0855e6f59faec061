import ChorusScoring
import ChorusSpec

/// Compares a run's summary with a baseline's, with the statistics of DESIGN.md.
///
/// Headline rates and each named dialogue failure's rate: the delta with Newcombe's 95% interval;
/// significant when the interval excludes zero (slot F1 as the proportion tp / (tp + (fp + fn)/2)
/// over its effective trials). Intent precision, recall and F1: the same interval, and
/// significance by the Holm-adjusted p-value over all intent figures at once (many intents means
/// many chances of a false alarm). Latency p95 and turns to success p95 have no interval: a
/// relative tolerance with an absolute floor stands in. A significant change is a regression only
/// when it exceeds the tolerance: the gate's `max_drop`/`max_rise` for headline rates,
/// `intentTolerance` for intent figures.
public struct BaselineDiffer: Sendable {
    public var gate: [String: GateRule]
    /// The change an intent figure must exceed to count: the gate's `intent_f1.max_drop`, else
    /// five points.
    public var intentTolerance: Double
    /// Latency changes below this many milliseconds never count (noise on a fast bot).
    public var latencyFloorMs: Double
    /// Changes of the turns-to-success p95 below this many turns never count.
    public var turnsFloor: Double

    public init(
        gate: [String: GateRule] = [:], intentTolerance: Double = 0.05, latencyFloorMs: Double = 1,
        turnsFloor: Double = 1
    ) {
        self.gate = gate
        self.intentTolerance = gate[GateMetric.intentF1.rawValue]?.maxDrop ?? intentTolerance
        self.latencyFloorMs = latencyFloorMs
        self.turnsFloor = turnsFloor
    }

    /// The headline rates a diff reports, with which direction is better.
    static let headline: [(GateMetric, higherIsBetter: Bool)] = [
        (.intentAccuracy, true), (.completionRate, true), (.fallbackRate, false), (.handoffRate, false),
        (.abandonmentRate, false), (.errorRate, false), (.goalCompletionRate, true), (.escalationRate, false),
        (.dialogueFailureRate, false), (.slotF1, true), (.flakyRate, false),
    ]

    public func diff(baseline: Baseline, current: Summary, currentClusters: [String] = []) -> BaselineDiff {
        let before = baseline.summary
        var metrics = Self.headline.compactMap { metric, higherIsBetter in
            rateDelta(metric, higherIsBetter: higherIsBetter, before, current)
        }
        if let old = before.latencyMs?.p95, let new = current.latencyMs?.p95 {
            // Latency has no interval here; the relative tolerance (default 50 %) and an absolute floor stand in.
            metrics.append(relativeDelta(.latencyP95, old, new, defaultRise: 0.5, floor: latencyFloorMs))
        }
        if let old = before.turns?.p95, let new = current.turns?.p95 {
            metrics.append(relativeDelta(.turnsToSuccessP95, old, new, defaultRise: 0.25, floor: turnsFloor))
        }
        if let delta = passHatDelta(before, current) { metrics.append(delta) }
        let failures = GateMetric.allCases.filter { $0.dialogueFailure != nil }.compactMap {
            rateDelta($0, higherIsBetter: false, before, current)
        }
        return BaselineDiff(
            metrics: metrics, intents: intentDeltas(before.confusion, current.confusion),
            confusionMoves: Self.confusionMoves(before.confusion, current.confusion),
            goals: Self.shifts(before.goals, current.goals), personas: Self.shifts(before.personas, current.personas),
            dialogueFailures: failures,
            // A baseline from before behaviours were recorded has none to compare with.
            behaviours: before.behaviours.isEmpty ? [:] : Self.shifts(before.behaviours, current.behaviours),
            newFailureClusters: currentClusters.filter { !Set(baseline.failureClusters).contains($0) })
    }

    /// The change of a rate with Newcombe's interval; `nil` when either run lacks the rate.
    func rateDelta(_ metric: GateMetric, higherIsBetter: Bool, _ before: Summary, _ current: Summary) -> MetricDelta? {
        guard let old = Self.rate(metric, in: before), let new = Self.rate(metric, in: current) else { return nil }
        let (s1, n1) = old.proportion(isF1: metric == .slotF1)
        let (s2, n2) = new.proportion(isF1: metric == .slotF1)
        guard let difference = ProportionDifference(successes1: s1, trials1: n1, successes2: s2, trials2: n2) else {
            return nil
        }
        let rule = gate[metric.rawValue]
        return MetricDelta(
            name: metric.rawValue, baseline: old.value, current: new.value, low: difference.low, high: difference.high,
            pValue: difference.pValue, higherIsBetter: higherIsBetter,
            tolerance: (higherIsBetter ? rule?.maxDrop : rule?.maxRise) ?? 0, significant: difference.excludesZero)
    }

    /// The change of pass^k at the baseline's k (both runs repeated at least k times), with the
    /// MOVER interval of a difference (Zou and Donner 2008), built from each run's bootstrap
    /// interval: B − A ± the square root of the squared distances to the two intervals' sides.
    func passHatDelta(_ before: Summary, _ current: Summary) -> MetricDelta? {
        guard let k = before.repeats?.plays, let old = before.repeats?.passHat(k), let new = current.repeats?.passHat(k)
        else {
            return nil
        }
        let difference = new.value - old.value
        let low =
            difference
            - ((old.high - old.value) * (old.high - old.value) + (new.value - new.low) * (new.value - new.low))
            .squareRoot()
        let high =
            difference
            + ((old.value - old.low) * (old.value - old.low) + (new.high - new.value) * (new.high - new.value))
            .squareRoot()
        return MetricDelta(
            name: GateMetric.passHatK.rawValue, baseline: old.value, current: new.value, low: low, high: high,
            pValue: nil,
            higherIsBetter: true, tolerance: gate[GateMetric.passHatK.rawValue]?.maxDrop ?? 0,
            significant: low > 0 || high < 0)
    }

    /// The change of a figure without an interval (a percentile): a rise is a regression beyond the
    /// gate's relative `max_rise` (or `defaultRise`) of the baseline, and never below `floor`.
    func relativeDelta(_ metric: GateMetric, _ old: Double, _ new: Double, defaultRise: Double, floor: Double)
        -> MetricDelta
    {
        let relative = gate[metric.rawValue]?.maxRise ?? defaultRise
        return MetricDelta(
            name: metric.rawValue, baseline: old, current: new, low: nil, high: nil, pValue: nil, higherIsBetter: false,
            tolerance: max(old * relative, floor), significant: true)
    }

    /// The rate a gate metric names, when it is one.
    static func rate(_ metric: GateMetric, in summary: Summary) -> RateMetric? {
        if let failure = metric.dialogueFailure { return summary.dialogueFailures[failure.rawValue]?.rate }
        return switch metric {
        case .latencyP95, .intentF1, .turnsToSuccessP95, .passHatK: nil
        case .flakyRate: summary.repeats?.flakyRate
        default: summary.metrics[metric.rawValue]
        }
    }

    /// Per intent: true positives, false positives and false negatives from a confusion matrix.
    struct Counts {
        var tp = 0.0, fp = 0.0, fn = 0.0
    }

    static func counts(_ confusion: [String: [String: Int]]) -> [String: Counts] {
        var counts: [String: Counts] = [:]
        for (expected, row) in confusion {
            for (predicted, n) in row {
                if expected == predicted {
                    counts[expected, default: Counts()].tp += Double(n)
                } else {
                    counts[expected, default: Counts()].fn += Double(n)
                    counts[predicted, default: Counts()].fp += Double(n)
                }
            }
        }
        return counts
    }

    func intentDeltas(_ before: [String: [String: Int]], _ after: [String: [String: Int]]) -> [MetricDelta] {
        let old = Self.counts(before)
        let new = Self.counts(after)
        // Intents the users meant in either run (a label only ever predicted has no recall to lose).
        let intents = Set(before.keys).union(after.keys).sorted()
        var tests: [(name: String, old: Double, new: Double, difference: ProportionDifference)] = []
        for intent in intents {
            let a = old[intent] ?? Counts()
            let b = new[intent] ?? Counts()
            let figures: [(String, Double, Double, Double, Double)] = [
                ("precision", a.tp, a.tp + a.fp, b.tp, b.tp + b.fp),
                ("recall", a.tp, a.tp + a.fn, b.tp, b.tp + b.fn),
                // F1 = tp / (tp + (fp + fn) / 2): a proportion over its effective trials.
                ("f1", a.tp, a.tp + (a.fp + a.fn) / 2, b.tp, b.tp + (b.fp + b.fn) / 2),
            ]
            for (figure, s1, n1, s2, n2) in figures {
                guard let difference = ProportionDifference(successes1: s1, trials1: n1, successes2: s2, trials2: n2)
                else { continue }
                tests.append(("\(intent).\(figure)", s1 / n1, s2 / n2, difference))
            }
        }
        let adjusted = Holm.adjust(tests.map(\.difference.pValue))
        return zip(tests, adjusted).map { test, p in
            MetricDelta(
                name: test.name, baseline: test.old, current: test.new, low: test.difference.low,
                high: test.difference.high, pValue: p, higherIsBetter: true, tolerance: intentTolerance,
                significant: p < 0.05)
        }
    }

    /// The confusion cells (off the diagonal) whose share of their row moved by 2 points or more,
    /// largest moves first, at most 20.
    static func confusionMoves(_ before: [String: [String: Int]], _ after: [String: [String: Int]]) -> [ConfusionMove] {
        func shares(_ confusion: [String: [String: Int]]) -> [String: [String: Double]] {
            confusion.mapValues { row in
                let total = Double(row.values.reduce(0, +))
                return total > 0 ? row.mapValues { Double($0) / total } : [:]
            }
        }
        let a = shares(before)
        let b = shares(after)
        var moves: [ConfusionMove] = []
        for expected in Set(a.keys).union(b.keys) {
            let predicted = Set(a[expected]?.keys ?? [:].keys).union(b[expected]?.keys ?? [:].keys)
            for label in predicted where label != expected {
                let old = a[expected]?[label] ?? 0
                let new = b[expected]?[label] ?? 0
                if abs(new - old) >= 0.02 {
                    moves.append(
                        ConfusionMove(expected: expected, predicted: label, baselineShare: old, currentShare: new))
                }
            }
        }
        return Array(
            moves.sorted {
                let (x, y) = (abs($0.currentShare - $0.baselineShare), abs($1.currentShare - $1.baselineShare))
                return x != y ? x > y : ($0.expected, $0.predicted) < ($1.expected, $1.predicted)
            }.prefix(20))
    }

    static func shifts(_ before: [String: OutcomeCounts], _ after: [String: OutcomeCounts]) -> [String: OutcomeShift] {
        var shifts: [String: OutcomeShift] = [:]
        for name in Set(before.keys).union(after.keys) {
            shifts[name] = OutcomeShift(
                baseline: before[name] ?? OutcomeCounts(), current: after[name] ?? OutcomeCounts())
        }
        return shifts
    }
}
