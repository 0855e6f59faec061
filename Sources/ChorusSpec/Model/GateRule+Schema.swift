extension GateRule {
    /// The shape of a rule on `metric`, and so the one place the ranges of its bounds are
    /// decided: the structural validator reads them for a suite's `gate:` section, the JSON
    /// Schema publishes them, and `--gate` overrides are checked against them.
    ///
    /// Rates and the macro F1 are fractions, so their bounds and tolerances lie in 0…1
    /// (`min: 90` is a mistake for `min: 0.9`). `latency_p95_ms` is in milliseconds and its
    /// tolerances are shares of the baseline, all at least 0.
    static func schema(for metric: GateMetric) -> SchemaObject {
        let fraction = metric != .latencyP95
        let bound: SchemaNode = fraction ? .rate : .number(minimum: 0, maximum: nil, exclusiveMinimum: false)
        let unit = fraction ? "a fraction in 0…1" : "milliseconds"
        let tolerance =
            fraction ? "a fraction in 0…1 (0.02 = two points)" : "a share of the baseline (0.2 = 20 % slower)"
        var properties = [
            SchemaProperty("min", bound, "The metric must be at least this (\(unit))."),
            SchemaProperty("max", bound, "The metric must be at most this (\(unit))."),
            SchemaProperty("max_drop", bound, "Largest allowed drop against the baseline, \(tolerance)."),
            SchemaProperty("max_rise", bound, "Largest allowed rise against the baseline, \(tolerance)."),
        ]
        if languageMetrics.contains(metric) {
            let perLanguage = SchemaObject(
                noun: "language bound",
                description: "Absolute bounds on \(metric.rawValue) among one language's conversations.",
                properties: Array(properties.prefix(2)))
            properties.append(
                SchemaProperty(
                    "languages", .map(entry: "language", keys: .any, values: .object(perLanguage)),
                    "Bounds by the language the users wrote in (a persona's `language`), e.g. {fi: {min: 0.9}}."))
        }
        return SchemaObject(
            noun: "gate rule",
            description: "Absolute bounds and tolerances relative to the baseline for \(metric.rawValue).",
            properties: properties)
    }

    /// The metrics a rule may bound per language: the headline rates `LanguageFigures` carries.
    public static let languageMetrics: Set<GateMetric> = [
        .intentAccuracy, .completionRate, .fallbackRate, .handoffRate, .escalationRate, .abandonmentRate, .errorRate,
    ]

    /// The gate's metrics, each with the shape of its rule: the keys of a suite's `gate:` section.
    static let metricKeys = SchemaKeyRule.fixed(
        GateMetric.allCases.map { metric in
            SchemaProperty(
                metric.rawValue, .object(schema(for: metric)), "The release-gate rule on \(metric.rawValue).")
        })

    /// The names of a rule's bounds, as written in YAML and in `--gate metric.bound=value`.
    public static let boundNames = schema(for: .latencyP95).properties.map(\.name)

    /// Why `value` cannot be `bound` (`min`, `max`, `max_drop`, `max_rise`) of a rule on
    /// `metric`, e.g. "between 0 and 1"; nil when it can.
    public static func rangeProblem(metric: GateMetric, bound: String, value: Double) -> String? {
        guard let node = schema(for: metric).property(bound)?.schema else {
            return "one of \(boundNames.joined(separator: ", "))"
        }
        guard value.isFinite else { return "a finite number" }
        return node.rangeProblem(value)
    }
}
