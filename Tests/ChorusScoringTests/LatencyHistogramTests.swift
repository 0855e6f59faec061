import ChorusScoring
import Foundation
import Testing

@Suite struct LatencyHistogramTests {
    @Test func percentilesWithinHistogramPrecision() throws {
        var histogram = LatencyHistogram()
        for ms in 1...1000 {
            histogram.record(milliseconds: Double(ms))
        }
        #expect(histogram.count == 1000)
        let values = try #require(histogram.microseconds(atPercentiles: [50, 90, 99, 100]))
        // Three significant digits: each value is within 0.1% of the exact one.
        for (value, exact) in zip(values, [500_000.0, 900_000.0, 990_000.0, 1_000_000.0]) {
            #expect(abs(Double(value) - exact) <= exact * 0.001)
        }
        #expect(values[3] == 1_000_000)
        #expect(histogram.maxMicroseconds == 1_000_000)
        #expect(histogram.minMicroseconds == 1_000)
    }

    @Test func emptyHasNoPercentiles() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.microseconds(atPercentiles: [50]) == nil)
        #expect(histogram.maxMicroseconds == nil)
        #expect(Summary.Latency(histogram) == nil)
    }

    @Test func mergeIsExactAndOrderFree() {
        var a = LatencyHistogram()
        var b = LatencyHistogram()
        var all = LatencyHistogram()
        for (i, ms) in [0.4, 3.2, 17.9, 250.0, 1234.5, 9.75, 0.0, 60_000.0].enumerated() {
            if i.isMultiple(of: 2) { a.record(milliseconds: ms) } else { b.record(milliseconds: ms) }
            all.record(milliseconds: ms)
        }
        var ab = a
        ab.merge(b)
        var ba = b
        ba.merge(a)
        #expect(ab == all)
        #expect(ba == all)
    }

    @Test func nonsenseLatencyCountsAsZero() {
        var histogram = LatencyHistogram()
        histogram.record(milliseconds: -3)
        histogram.record(milliseconds: .nan)
        #expect(histogram.count == 2)
        #expect(histogram.maxMicroseconds == 0)
    }

    @Test func codableRoundTripIsCompactAndStable() throws {
        var histogram = LatencyHistogram()
        for ms in [1.0, 1.0, 2.5, 7000.0] { histogram.record(milliseconds: ms) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(histogram)
        #expect(
            String(decoding: data, as: UTF8.self)
                == #"{"buckets":[[1000,2],[2500,1],[6995968,1]],"max":7000000,"min":1000,"significant_digits":3,"unit":"us"}"#
        )
        #expect(try JSONDecoder().decode(LatencyHistogram.self, from: data) == histogram)
    }
}
