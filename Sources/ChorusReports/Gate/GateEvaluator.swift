import ChorusScoring
import ChorusSpec

/// Applies a suite's gate (with command-line overrides) to a run: absolute `min`/`max` on the
/// run's figures, and `max_drop`/`max_rise` against the baseline, failing only on significant
/// changes beyond the tolerance (see `BaselineDiffer`).
public struct GateEvaluator: Sendable {
    public var rules: [String: GateRule]

    public init(rules: [String: GateRule]) {
        self.rules = rules
    }

    public func evaluate(_ summary: Summary, diff: BaselineDiff?) -> GateVerdict {
        var checks: [GateCheck] = []
        for metric in GateMetric.allCases {
            guard let rule = rules[metric.rawValue] else { continue }
            let actual = Self.value(metric, in: summary)
            let shown = actual.map { Self.format($0, metric) } ?? "not available"
            // A bound on a metric the run has no value for is not evaluated: neither passed nor failed.
            let unavailable = "\(metric.rawValue) not available in this run: rule not evaluated"
            if let min = rule.min {
                let passed = actual.map { $0 >= min } ?? false
                checks.append(
                    GateCheck(
                        metric: metric.rawValue, kind: .min, threshold: min, actual: actual, passed: passed,
                        evaluated: actual != nil,
                        detail: actual == nil
                            ? unavailable
                            : "\(metric.rawValue) \(shown) \(passed ? "≥" : "<") min \(Self.format(min, metric))"))
            }
            if let max = rule.max {
                let passed = actual.map { $0 <= max } ?? false
                checks.append(
                    GateCheck(
                        metric: metric.rawValue, kind: .max, threshold: max, actual: actual, passed: passed,
                        evaluated: actual != nil,
                        detail: actual == nil
                            ? unavailable
                            : "\(metric.rawValue) \(shown) \(passed ? "≤" : ">") max \(Self.format(max, metric))"))
            }
            if metric == .intentF1 {
                if let tolerance = rule.maxDrop, let diff {
                    checks.append(Self.intentCheck(diff, tolerance: tolerance))
                }
                continue
            }
            guard let delta = diff?.delta(named: metric.rawValue) else { continue }
            for (kind, tolerance) in [(GateCheck.Kind.maxDrop, rule.maxDrop), (.maxRise, rule.maxRise)] {
                guard let tolerance else { continue }
                // A drop is a regression for figures where higher is better; a rise for the others.
                let watched = (kind == .maxDrop) == delta.higherIsBetter
                let passed = !(watched && delta.regression)
                let significance = delta.significant ? "" : ", not significant"
                checks.append(
                    GateCheck(
                        metric: metric.rawValue, kind: kind, threshold: tolerance, actual: delta.current,
                        baseline: delta.baseline, low: delta.low, high: delta.high, passed: passed,
                        detail: "\(metric.rawValue) \(Self.format(delta.current, metric)) vs baseline "
                            + "\(Self.format(delta.baseline, metric)): "
                            + Figures.change(of: metric.rawValue, delta.delta, low: delta.low, high: delta.high)
                            + "\(significance); \(kind.rawValue) \(Self.tolerance(tolerance, metric))"
                            + (passed ? "" : Self.dialogueContext(metric, summary, diff))))
            }
        }
        checks += languageChecks(summary)
        return GateVerdict(checks: checks)
    }

    /// The `languages:` bounds of each rule: `min`/`max` on the rate among one language's
    /// conversations, named `metric{language=tag}`. A language the run did not have is not
    /// available, like any missing figure.
    func languageChecks(_ summary: Summary) -> [GateCheck] {
        var checks: [GateCheck] = []
        for metric in GateMetric.allCases {
            guard let languages = rules[metric.rawValue]?.languages else { continue }
            for language in languages.keys.sorted() {
                let rule = languages[language]!
                let name = "\(metric.rawValue){language=\(language)}"
                let actual = summary.languages[language]?.rate(named: metric.rawValue)?.value
                let shown = actual.map { Self.format($0, metric) } ?? "not available"
                for (kind, bound) in [(GateCheck.Kind.min, rule.min), (.max, rule.max)] {
                    guard let bound else { continue }
                    let passed = actual.map { kind == .min ? $0 >= bound : $0 <= bound } ?? true
                    let relation = kind == .min ? (passed ? "≥" : "<") : (passed ? "≤" : ">")
                    checks.append(
                        GateCheck(
                            metric: name, kind: kind, threshold: bound, actual: actual, passed: passed,
                            detail: "\(name) \(shown) \(relation) \(kind.rawValue) \(Self.format(bound, metric))"))
                }
            }
        }
        return checks
    }

    /// `intent_f1.max_drop`: no intent's precision, recall or F1 may regress (significant after
    /// Holm's correction, and beyond the tolerance).
    static func intentCheck(_ diff: BaselineDiff, tolerance: Double) -> GateCheck {
        let regressed = diff.intents.filter(\.regression)
        let named = regressed.prefix(5).map {
            "\($0.name) \(Figures.score($0.baseline)) → \(Figures.score($0.current))"
        }
        let more = regressed.count > 5 ? " and \(regressed.count - 5) more" : ""
        let detail =
            regressed.isEmpty
            ? "no intent figure regressed beyond \(Figures.score(tolerance)) (Holm-corrected)"
            : "\(regressed.count) intent figures regressed beyond \(Figures.score(tolerance)): \(named.joined(separator: ", "))\(more)"
        return GateCheck(
            metric: GateMetric.intentF1.rawValue, kind: .maxDrop, threshold: tolerance, actual: Double(regressed.count),
            passed: regressed.isEmpty, detail: detail)
    }

    static func value(_ metric: GateMetric, in summary: Summary) -> Double? {
        switch metric {
        case .latencyP95: summary.latencyMs?.p95
        case .turnsToSuccessP95: summary.turns?.p95
        case .intentF1: summary.intentAverages?.macro.f1
        case .passHatK: summary.repeats.flatMap { $0.passHat($0.plays)?.value }
        default: BaselineDiffer.rate(metric, in: summary)?.value
        }
    }

    /// What a failed dialogue rule is about: for a named failure, the behaviours of the
    /// conversations it hit; for the dialogue failure rate, the failures that regressed.
    static func dialogueContext(_ metric: GateMetric, _ summary: Summary, _ diff: BaselineDiff?) -> String {
        if let failure = metric.dialogueFailure {
            let behaviours = summary.dialogueFailures[failure.rawValue]?.behaviours ?? [:]
            return behaviours.isEmpty ? "" : "; hit conversations with " + ReportFormat.behavioursHit(behaviours)
        }
        guard metric == .dialogueFailureRate, let diff else { return "" }
        let risen = diff.dialogueFailureRegressions(summary)
        return risen.isEmpty ? "" : "; regressed: " + risen.joined(separator: "; ")
    }

    /// A figure of the metric in its unit (see `Figures`).
    static func format(_ value: Double, _ metric: GateMetric) -> String {
        Figures.value(of: metric.rawValue, value)
    }

    /// A relative rule's tolerance: points for rates, a share of the baseline for latency.
    static func tolerance(_ value: Double, _ metric: GateMetric) -> String {
        Figures.tolerance(of: metric.rawValue, value)
    }
}

extension GateEvaluator {
    /// Parses command-line overrides such as `completion_rate.min=0.7` into `rules`. A bound
    /// must lie in the range a suite's `gate:` section allows (`GateRule.rangeProblem`): rates are
    /// fractions, so `completion_rate.min=90` is refused rather than read as 9000 %.
    ///
    /// A language's bound is named like its gate check, `completion_rate{language=fi}.min=0.9`,
    /// and takes `min` or `max` on the metrics `GateRule.languageMetrics` lists; with `languages`
    /// (the suite's), a language the suite's users do not write is refused.
    public mutating func override(_ assignments: [String], languages: Set<String>? = nil) throws(GateOverrideError) {
        for assignment in assignments {
            guard let parsed = Self.parse(assignment) else {
                throw GateOverrideError(
                    "expected METRIC.BOUND=NUMBER, e.g. completion_rate.min=0.7 or completion_rate{language=fi}.min=0.9; got \"\(assignment)\""
                )
            }
            let (name, language, bound, text) = parsed
            guard let metric = GateMetric(rawValue: name) else {
                let known = GateMetric.allCases.map(\.rawValue).joined(separator: ", ")
                throw GateOverrideError("unknown gate metric \"\(name)\" (known: \(known))")
            }
            let key = language.map { "\(name){language=\($0)}" } ?? name
            let bounds = language == nil ? GateRule.boundNames : GateRule.languageBoundNames
            guard bounds.contains(bound) else {
                throw GateOverrideError(
                    "unknown gate bound \"\(bound)\" of \(key) (known: \(bounds.joined(separator: ", ")))")
            }
            guard let value = Double(text) else {
                throw GateOverrideError("\(key).\(bound) must be a number, found \"\(text)\"")
            }
            if let problem = GateRule.rangeProblem(metric: metric, bound: bound, value: value) {
                let hint = metric == .latencyP95 ? "" : " (rates are fractions: 0.9 means 90 %)"
                throw GateOverrideError("\(key).\(bound) must be \(problem), found \(text)\(hint)")
            }
            var rule = rules[name] ?? GateRule()
            if let language {
                guard GateRule.languageMetrics.contains(metric) else {
                    let known = GateRule.languageMetrics.map(\.rawValue).sorted().joined(separator: ", ")
                    throw GateOverrideError("\(name) has no bounds by language (those that do: \(known))")
                }
                if let languages, !languages.contains(language) {
                    let hint = NameSuggestion.hint(for: language, in: languages)
                    throw GateOverrideError(
                        "unknown language \"\(language)\" in \(key): the suite's users write \(languages.sorted().joined(separator: ", "))\(hint)"
                    )
                }
                var languageRule = rule.languages?[language] ?? GateRule()
                languageRule.set(bound, to: value)
                rule.languages = (rule.languages ?? [:]).merging([language: languageRule]) { $1 }
            } else {
                rule.set(bound, to: value)
            }
            rules[name] = rule
        }
    }

    /// `metric.bound=value` or `metric{language=tag}.bound=value`, taken apart; nil when the
    /// assignment has neither shape.
    static func parse(_ assignment: String) -> (metric: String, language: String?, bound: String, value: String)? {
        var rest = Substring(assignment)
        var metric: Substring
        var language: String?
        if let open = rest.firstIndex(of: "{") {
            metric = rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let selector = rest[rest.index(after: open)..<close]
            guard selector.hasPrefix("language="), selector.count > "language=".count else { return nil }
            language = String(selector.dropFirst("language=".count))
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(".") else { return nil }
            rest = rest.dropFirst()
        } else {
            guard let dot = rest.firstIndex(of: ".") else { return nil }
            metric = rest[..<dot]
            rest = rest[rest.index(after: dot)...]
        }
        let parts = rest.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard !metric.isEmpty, parts.count == 2, !parts[0].isEmpty, !parts[0].contains("."), !parts[1].isEmpty else {
            return nil
        }
        return (String(metric), language, String(parts[0]), String(parts[1]))
    }
}

extension GateRule {
    /// The bounds a language's rule takes: absolute ones only.
    public static let languageBoundNames = ["min", "max"]

    /// Sets the bound named as in YAML (`min`, `max`, `max_drop`, `max_rise`).
    mutating func set(_ bound: String, to value: Double) {
        switch bound {
        case "min": min = value
        case "max": max = value
        case "max_drop": maxDrop = value
        default: maxRise = value
        }
    }
}

/// A `--gate` override that cannot be read.
public struct GateOverrideError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
