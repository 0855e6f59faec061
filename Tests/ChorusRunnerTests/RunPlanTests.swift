import ChorusRunner
import Testing

@Suite struct RunPlanTests {
    @Test func aWholeRunPlaysEveryIndexInOrder() {
        #expect(Array(RunPlan(total: 5)) == [0, 1, 2, 3, 4])
        #expect(RunPlan(total: 0).isEmpty)
    }

    @Test func shardsAreDisjointAndTogetherComplete() {
        let total = 103
        let shards = (0..<4).map { Array(RunPlan(total: total, shard: .init(index: $0, count: 4))) }
        #expect(shards[1].prefix(3) == [1, 5, 9])
        #expect(shards.flatMap { $0 }.sorted() == Array(0..<total))
        #expect(Set(shards[0]).isDisjoint(with: shards[1]))
    }

    @Test func aResumedPlanSkipsWhatIsStored() {
        let plan = RunPlan(total: 10, excluding: [0, 1, 2, 5, 6])
        #expect(Array(plan) == [3, 4, 7, 8, 9])
        #expect(plan.count == 5)
        let shard = RunPlan(total: 20, shard: .init(index: 1, count: 3), excluding: [1, 4, 7, 13, 2, 3])
        #expect(Array(shard) == [10, 16, 19])
    }

    @Test func shardParsing() {
        #expect(RunPlan.Shard(parsing: "2/8") == .init(index: 2, count: 8))
        #expect(RunPlan.Shard(parsing: "8/8") == nil)
        #expect(RunPlan.Shard(parsing: "-1/4") == nil)
        #expect(RunPlan.Shard(parsing: "x") == nil)
    }
}
