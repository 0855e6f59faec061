import ChorusModel
import Testing

@testable import ChorusScoring

private func plays(_ index: Int, goal: String = "hours", passes: [Bool]) -> [ConversationRecord] {
    passes.enumerated().map { play, passed in
        ConversationRecord(
            index: index, repeatIndex: play, persona: "plain", goal: goal, outcome: passed ? .completed : .maxTurns,
            turns: [])
    }
}

@Suite struct RepeatFiguresTests {
    @Test func theEstimatorsAreTheCombinatorialOnes() {
        // C(3,2)/C(5,2) = 3/10; 1 − C(2,2)/C(5,2) = 9/10.
        #expect(abs(RepeatFigures.passHat(n: 5, c: 3, k: 2) - 0.3) < 1e-12)
        #expect(abs(RepeatFigures.passAt(n: 5, c: 3, k: 2) - 0.9) < 1e-12)
        #expect(RepeatFigures.passHat(n: 5, c: 3, k: 4) == 0)
        #expect(RepeatFigures.passAt(n: 5, c: 3, k: 3) == 1)
        #expect(RepeatFigures.passHat(n: 4, c: 4, k: 4) == 1)
        #expect(RepeatFigures.passAt(n: 4, c: 0, k: 4) == 0)
    }

    @Test func figuresAreMeansOverConversationsWithTheFlakyOnesListed() throws {
        var counts = RepeatCounts()
        counts.add(plays: plays(0, passes: [true, true, true]))
        counts.add(plays: plays(1, passes: [false, true, false]))
        counts.add(plays: plays(2, goal: "greeting", passes: [false, false, false]))
        counts.add(plays: plays(3, passes: [true]))  // one play is no repeat
        let figures = try #require(RepeatFigures(counts))
        #expect(figures.plays == 3 && figures.conversations == 3)
        // pass^1 = mean(1, 1/3, 0); pass^2 = mean(1, 0, 0); pass@2 = mean(1, 1 − C(2,2)/C(3,2), 0).
        #expect(abs(figures.passHat[0].value - 4.0 / 9.0) < 1e-12)
        #expect(abs(figures.passHat[1].value - 1.0 / 3.0) < 1e-12)
        let passAtTwo: Double = (1 + 2.0 / 3.0) / 3
        #expect(abs(figures.passAt[1].value - passAtTwo) < 1e-12)
        #expect(figures.flakyRate.successes == 1 && figures.flakyRate.n == 3)
        let expected = RepeatCounts.FlakyConversation(
            index: 1, goal: "hours", passed: 1, plays: 3, passingRepeat: 1, failingRepeat: 0)
        #expect(figures.flaky == [expected])
        #expect(figures.goals["greeting"]?.passHat.last?.value == 0)
        for estimate in figures.passHat { #expect(estimate.low <= estimate.value && estimate.value <= estimate.high) }
        // The same counts give the same intervals (the bootstrap is seeded).
        #expect(RepeatFigures(counts) == figures)
    }

    @Test func shardsMergeExactly() {
        var whole = RepeatCounts()
        var left = RepeatCounts()
        var right = RepeatCounts()
        for index in 0..<120 {
            let group = plays(index, passes: [index % 3 == 0, index % 2 == 0, true])
            whole.add(plays: group)
            if index % 2 == 0 { left.add(plays: group) } else { right.add(plays: group) }
        }
        var merged = right
        merged.merge(left)
        #expect(merged == whole)
        #expect(whole.flaky.count == RepeatCounts.flakyListLimit)
        #expect(whole.flaky.map(\.index) == whole.flaky.map(\.index).sorted())
    }

    @Test func playGroupsHandTheRunnerOrderOverOneConversationAtATime() {
        var groups = PlayGroups()
        var seen: [[Int]] = []
        for record in plays(0, passes: [true, false]) + plays(1, passes: [true, true]) + plays(2, passes: [false]) {
            if let group = groups.add(record) { seen.append(group.map(\.index)) }
        }
        if let group = groups.finish() { seen.append(group.map(\.index)) }
        #expect(seen == [[0, 0], [1, 1], [2]])
    }
}
