import Testing

@testable import ChorusSimulation

@Suite struct SeededGeneratorTests {
    @Test func sameSeedAndIndexGiveTheSameStream() {
        var a = SeededGenerator(seed: 42, conversation: 7)
        var b = SeededGenerator(seed: 42, conversation: 7)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
    }

    @Test func neighbouringIndicesAndSeedsGiveDifferentStreams() {
        var a = SeededGenerator(seed: 42, conversation: 7)
        var b = SeededGenerator(seed: 42, conversation: 8)
        var c = SeededGenerator(seed: 43, conversation: 7)
        let first = a.next()
        #expect(first != b.next())
        #expect(first != c.next())
    }

    @Test func belowStaysInRangeAndCoversIt() {
        var generator = SeededGenerator(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = generator.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 7)
    }

    @Test func chanceAtTheExtremes() {
        var generator = SeededGenerator(seed: 1)
        #expect((0..<100).allSatisfy { _ in !generator.chance(0) })
        #expect((0..<100).allSatisfy { _ in generator.chance(1) })
    }

    @Test func chanceIsNearItsRate() {
        var generator = SeededGenerator(seed: 3)
        let hits = (0..<10_000).filter { _ in generator.chance(0.3) }.count
        #expect((2_800...3_200).contains(hits))
    }

    @Test func weightedPickFollowsWeights() {
        var generator = SeededGenerator(seed: 5)
        var counts = [0, 0]
        for _ in 0..<10_000 { counts[generator.pick(cumulative: [1, 4])] += 1 }
        // Weights 1 and 3: expect about 2,500 and 7,500.
        #expect((2_300...2_700).contains(counts[0]))
    }
}
