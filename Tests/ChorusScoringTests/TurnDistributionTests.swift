import ChorusScoring
import Testing

@Suite struct TurnDistributionTests {
    @Test func meanMedianAndP95() throws {
        var distribution = TurnDistribution()
        // 20 conversations: 2 turns ×10, 3 ×6, 4 ×3, 9 ×1.
        distribution.add(turns: 2, count: 10)
        distribution.add(turns: 3, count: 6)
        distribution.add(turns: 4, count: 3)
        distribution.add(turns: 9)
        #expect(distribution.total == 20)
        #expect(distribution.mean == Double(20 + 18 + 12 + 9) / 20)
        // 10th and 11th values are 2 and 3.
        #expect(distribution.median == 2.5)
        // Nearest rank: the 19th value.
        #expect(distribution.percentile(95) == 4)
        #expect(distribution.percentile(100) == 9)
    }

    @Test func oddCountMedianAndEmpty() {
        var distribution = TurnDistribution()
        #expect(distribution.mean == nil && distribution.median == nil && distribution.percentile(95) == nil)
        #expect(Summary.Turns(distribution) == nil)
        for turns in [5, 1, 3] { distribution.add(turns: turns) }
        #expect(distribution.median == 3)
        #expect(distribution.percentile(95) == 5)
    }
}
