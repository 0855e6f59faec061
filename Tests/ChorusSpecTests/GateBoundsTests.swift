import ChorusSpec
import Foundation
import Testing

/// The ranges of gate bounds, decided in one place (`GateRule`): rates and macro F1 are
/// fractions, latency is milliseconds; the suite's `gate:` section, the JSON Schema and
/// `--gate` all read them from there.
struct GateBoundsTests {
    @Test func ratesAreFractionsAndLatencyIsNotNegative() {
        #expect(GateRule.rangeProblem(metric: .completionRate, bound: "min", value: 90) == "between 0 and 1")
        #expect(GateRule.rangeProblem(metric: .completionRate, bound: "min", value: 0.9) == nil)
        #expect(GateRule.rangeProblem(metric: .fallbackRate, bound: "max_rise", value: -0.01) == "between 0 and 1")
        #expect(GateRule.rangeProblem(metric: .intentF1, bound: "max_drop", value: 1) == nil)
        #expect(GateRule.rangeProblem(metric: .latencyP95, bound: "max", value: 900) == nil)
        #expect(GateRule.rangeProblem(metric: .latencyP95, bound: "max_rise", value: 2.5) == nil)
        #expect(GateRule.rangeProblem(metric: .latencyP95, bound: "min", value: -1) == "at least 0")
        #expect(GateRule.rangeProblem(metric: .errorRate, bound: "max", value: .nan) == "a finite number")
        #expect(
            GateRule.rangeProblem(metric: .errorRate, bound: "maximum", value: 1)
                == "one of min, max, max_drop, max_rise")
        #expect(GateRule.boundNames == ["min", "max", "max_drop", "max_rise"])
    }

    /// Every metric has a rule shape in the published schema, with its ranges.
    @Test func theSchemaPublishesEachMetricsRanges() throws {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(SchemaExport.suiteJSONSchema().utf8)) as? [String: Any])
        let properties = try #require(schema["properties"] as? [String: Any])
        let gate = try #require(properties["gate"] as? [String: Any])
        #expect(gate["additionalProperties"] as? Bool == false)
        let metrics = try #require(gate["properties"] as? [String: [String: Any]])
        #expect(Set(metrics.keys) == Set(GateMetric.allCases.map(\.rawValue)))
        for (name, rule) in metrics {
            var bounds = try #require(rule["properties"] as? [String: [String: Any]])
            // The headline rates may also be bounded per language.
            let languages = bounds.removeValue(forKey: "languages")
            #expect((languages != nil) == GateRule.languageMetrics.contains(GateMetric(rawValue: name)!), "\(name)")
            #expect(Set(bounds.keys) == ["min", "max", "max_drop", "max_rise"])
            for bound in bounds.values {
                #expect(bound["minimum"] as? Double == 0)
                #expect(bound["maximum"] as? Double == (name == "latency_p95_ms" ? nil : 1), "\(name)")
            }
        }
    }
}
