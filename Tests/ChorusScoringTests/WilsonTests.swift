import ChorusScoring
import Testing

@Suite struct WilsonTests {
    /// Published 95% Wilson intervals (Newcombe 1998, Table I; Wikipedia's worked example for 81/263).
    @Test(arguments: [
        (0, 10, 0.0, 0.2775),
        (5, 10, 0.2366, 0.7634),
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),
        (1, 29, 0.0061, 0.1718),
        (15, 148, 0.0624, 0.1605),
    ])
    func matchesPublishedIntervals(successes: Int, trials: Int, low: Double, high: Double) throws {
        let interval = try #require(Wilson.interval(successes: successes, trials: trials))
        #expect(abs(interval.low - low) < 0.00006)
        #expect(abs(interval.high - high) < 0.00006)
    }

    @Test func noTrialsIsNotAvailable() {
        #expect(Wilson.interval(successes: 0, trials: 0) == nil)
        #expect(RateMetric(successes: 0, trials: 0) == nil)
    }

    @Test func extremesAreExactAndInsideTheUnitInterval() throws {
        let none = try #require(Wilson.interval(successes: 0, trials: 1_000_000))
        let all = try #require(Wilson.interval(successes: 1_000_000, trials: 1_000_000))
        #expect(none.low == 0)
        #expect(all.high == 1)
        #expect(none.high > 0 && none.high < 0.00001)
        #expect(all.low < 1 && all.low > 0.99999)
    }

    @Test func widerForHigherConfidence() throws {
        let at95 = try #require(Wilson.interval(successes: 30, trials: 100))
        let at99 = try #require(Wilson.interval(successes: 30, trials: 100, z: 2.575829))
        #expect(at99.low < at95.low && at99.high > at95.high)
    }

    @Test func rateMetricCarriesValueIntervalAndCounts() throws {
        let metric = try #require(RateMetric(successes: 81, trials: 263))
        #expect(metric.n == 263)
        #expect(metric.successes == 81)
        #expect(abs(metric.value - 81.0 / 263.0) < 1e-12)
        #expect(metric.low < metric.value && metric.value < metric.high)
    }
}
