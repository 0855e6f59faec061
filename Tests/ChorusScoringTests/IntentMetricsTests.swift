import ChorusScoring
import Testing

@Suite struct IntentMetricsTests {
    /// expected → predicted. `d` is predicted once but never meant (support 0).
    ///
    ///              a  b  c  d   support
    ///     a        3  1  .  .   4
    ///     b        .  2  .  1   3
    ///     c        1  .  1  .   2
    ///     predicted 4  3  1  1
    let confusion = [
        "a": ["a": 3, "b": 1],
        "b": ["b": 2, "d": 1],
        "c": ["a": 1, "c": 1],
    ]

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func perIntentScoresAreOfTheExpectedIntents() throws {
        let metrics = IntentMetrics(confusion: confusion)
        #expect(Set(metrics.perIntent.keys) == ["a", "b", "c"])
        let a = try #require(metrics.perIntent["a"])
        #expect(close(a.precision, 0.75) && close(a.recall, 0.75) && close(a.f1, 0.75) && a.support == 4)
        let b = try #require(metrics.perIntent["b"])
        #expect(close(b.precision, 2.0 / 3) && close(b.recall, 2.0 / 3) && close(b.f1, 2.0 / 3) && b.support == 3)
        let c = try #require(metrics.perIntent["c"])
        #expect(close(c.precision, 1) && close(c.recall, 0.5) && close(c.f1, 2.0 / 3) && c.support == 2)
        // Predicted but never expected: listed with its count, not scored.
        #expect(metrics.unexpectedPredictions == ["d": 1])
    }

    @Test func macroAndWeightedAveragesAreOverTheExpectedIntents() {
        let metrics = IntentMetrics(confusion: confusion)
        #expect(close(metrics.macro.precision, (0.75 + 2.0 / 3 + 1) / 3))
        #expect(close(metrics.macro.recall, (0.75 + 2.0 / 3 + 0.5) / 3))
        #expect(close(metrics.macro.f1, (0.75 + 2.0 / 3 + 2.0 / 3) / 3))
        #expect(metrics.macro.support == 9)
        #expect(close(metrics.weighted.precision, 7.0 / 9))
        // Weighted recall is the accuracy: 6 of 9 judged turns are correct.
        #expect(close(metrics.weighted.recall, 6.0 / 9))
        #expect(close(metrics.weighted.f1, 19.0 / 27))
        #expect(metrics.weighted.support == 9)
    }

    /// The case: every expected intent above 0.90, and stray predictions of labels no
    /// user meant. The macro F1 stays above 0.90 however many strays a large run collects, so the
    /// same bot passes `intent_f1.min` at any volume.
    @Test func strayPredictionsDoNotDragTheMacroF1DownWithVolume() {
        func matrix(scale: Int, strays: Int) -> [String: [String: Int]] {
            [
                "refund": ["refund": 95 * scale, "order_status": 5 * scale],
                "order_status": ["order_status": 97 * scale - strays, "small_talk": strays, "refund": 3 * scale],
                "greet": ["greet": 98 * scale, "nlu_fallback": 2 * scale],
            ]
        }
        let small = IntentMetrics(confusion: matrix(scale: 1, strays: 0))
        let large = IntentMetrics(confusion: matrix(scale: 100, strays: 1))
        for metrics in [small, large] {
            #expect(metrics.perIntent.values.allSatisfy { $0.f1 > 0.9 })
            #expect(metrics.macro.f1 > 0.9)
        }
        #expect(abs(small.macro.f1 - large.macro.f1) < 0.001)
        #expect(large.unexpectedPredictions == ["nlu_fallback": 200, "small_talk": 1])
    }

    @Test func intentNeverPredictedHasZeroPrecision() throws {
        let metrics = IntentMetrics(confusion: ["x": ["y": 2]])
        let x = try #require(metrics.perIntent["x"])
        #expect(x.precision == 0 && x.recall == 0 && x.f1 == 0 && x.support == 2)
        #expect(metrics.perIntent["y"] == nil)
        #expect(metrics.unexpectedPredictions == ["y": 2])
        #expect(metrics.macro.f1 == 0 && metrics.macro.support == 2)
    }

    @Test func emptyMatrix() {
        let metrics = IntentMetrics(confusion: [:])
        #expect(metrics.perIntent.isEmpty && metrics.unexpectedPredictions.isEmpty)
        #expect(metrics.macro == IntentScores(precision: 0, recall: 0, f1: 0, support: 0))
        #expect(metrics.weighted == metrics.macro)
    }
}
