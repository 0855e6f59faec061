import Testing

@testable import ChorusScoring

@Suite struct DiffStatisticsTests {
    /// Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 − 48/80, method 10.
    @Test func newcombeIntervalMatchesThePublishedExample() throws {
        let difference = try #require(ProportionDifference(successes1: 48, trials1: 80, successes2: 56, trials2: 70))
        #expect(abs(difference.delta - 0.2) < 1e-12)
        #expect(abs(difference.low - 0.0524) < 5e-5)
        #expect(abs(difference.high - 0.3339) < 5e-5)
        #expect(difference.excludesZero)
    }

    @Test func noChangeIsNotSignificant() throws {
        let difference = try #require(ProportionDifference(successes1: 50, trials1: 100, successes2: 50, trials2: 100))
        #expect(difference.delta == 0)
        #expect(!difference.excludesZero)
        #expect(abs(difference.pValue - 1) < 1e-12)
    }

    @Test func twoProportionPValueMatchesTheZTest() throws {
        // 40/100 vs 60/100: pooled p = 0.5, z = 0.2 / sqrt(0.5·0.5·0.02) = 2.828…, p = 0.004678.
        let difference = try #require(ProportionDifference(successes1: 40, trials1: 100, successes2: 60, trials2: 100))
        #expect(abs(difference.pValue - 0.004678) < 1e-5)
    }

    @Test func noTrialsMeansNoDifference() {
        #expect(ProportionDifference(successes1: 0, trials1: 0, successes2: 1, trials2: 2) == nil)
    }

    @Test func holmAdjustsInTheOriginalOrder() {
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (a, b) in zip(adjusted, expected) { #expect(abs(a - b) < 1e-12) }
        #expect(Holm.adjust([]).isEmpty)
        #expect(Holm.adjust([0.9, 0.8]) == [1, 1])
        #expect(Holm.adjust([0.01, 0.3]) == [0.02, 0.3])
    }

    @Test func mcnemarExactForFewDiscordantPairs() {
        // Two-sided exact binomial: 2 · (C(10,0) + C(10,1)) / 2^10.
        #expect(abs(McNemar.pValue(b: 1, c: 9) - 22.0 / 1024) < 1e-12)
        #expect(McNemar.pValue(b: 0, c: 0) == 1)
        #expect(McNemar.pValue(b: 5, c: 5) == 1)
    }

    @Test func mcnemarChiSquareForManyDiscordantPairs() {
        // χ² = (|6000 − 4100| − 1)² / 10100 = 357.0…; p far below 1e-10.
        #expect(McNemar.pValue(b: 6000, c: 4100) < 1e-10)
        #expect(McNemar.pValue(b: 5050, c: 5050) > 0.99)
    }

    @Test func pairedDifferenceInterval() {
        let (delta, low, high) = McNemar.differenceInterval(b: 10, c: 30, pairs: 200)
        #expect(abs(delta - 0.1) < 1e-12)
        // se = sqrt(40 − 400/200) / 200 = sqrt(38)/200.
        let half = 1.959964 * 38.0.squareRoot() / 200
        #expect(abs(low - (0.1 - half)) < 1e-12 && abs(high - (0.1 + half)) < 1e-12)
    }
}
