import ArgumentParser
import ChorusRunner
import ChorusScoring
import ChorusStore
import Foundation

/// `chorus merge <db…> --into <db>`: combines the shard runs of one sharded run (one database
/// per machine) into a single run whose summary equals the one-machine run's.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Combine the shard databases of a sharded run into one run.")

    @Argument(help: "The shards' databases.")
    var databases: [String]

    @Option(name: .long, help: "The database to add the merged run to (created if missing).")
    var into: String

    func run() async throws {
        try await CommandFailure.reporting {
            // The latest completed shard run of each database.
            var shards: [(path: String, store: ResultStore, run: StoredRun, shard: RunPlan.Shard)] = []
            for path in databases {
                let store = try StoreInput.open(path)
                guard let run = try store.runs().last(where: { $0.shard != nil && $0.status == .completed }),
                    let shard = RunPlan.Shard(parsing: run.shard ?? "")
                else { throw CommandFailure.badInput("\(path) holds no completed shard run (run with --shard K/N)") }
                shards.append((path, store, run, shard))
            }
            let first = shards[0]
            for other in shards.dropFirst() {
                let (a, b) = (first.run, other.run)
                guard a.suiteHash == b.suiteHash, a.seed == b.seed, a.conversations == b.conversations,
                    a.target == b.target, first.shard.count == other.shard.count
                else {
                    throw CommandFailure.badInput(
                        "\(other.path) is a shard of another run (suite, seed, conversations, target or shard count differ from \(first.path))"
                    )
                }
            }
            let indices = shards.map(\.shard.index).sorted()
            guard indices == Array(0..<first.shard.count) else {
                throw CommandFailure.badInput(
                    "shards \(indices.map(String.init).joined(separator: ", ")) given; a run of \(first.shard.count) shards needs each of 0…\(first.shard.count - 1) once"
                )
            }
            let target = try ResultStore(path: into)
            var aggregate = Aggregate()
            for shard in shards { aggregate.merge(try shard.store.aggregate(of: shard.run)) }
            let startedAt = shards.map(\.run.startedAt).min() ?? first.run.startedAt
            var merged = try target.createRun(
                StoredRun(
                    name: "\(first.run.suite)-merged-\(RunID.make(suite: "").dropFirst())", suite: first.run.suite,
                    suiteHash: first.run.suiteHash, suitePath: first.run.suitePath, targetPath: first.run.targetPath,
                    target: first.run.target, seed: first.run.seed, conversations: first.run.conversations,
                    chorusVersion: ChorusVersion.current, startedAt: startedAt))
            for shard in shards {
                try target.importConversations(of: shard.run, from: shard.path, into: merged.id)
            }
            let judgement = try first.store.judgement(of: first.run)
            try target.setJudgement(runID: merged.id, gate: judgement.gate, baseline: judgement.baseline)
            let endedAt = shards.compactMap(\.run.endedAt).max() ?? Timestamp.now()
            try target.finishRun(
                id: merged.id, status: .completed, endedAt: endedAt, aggregate: aggregate,
                failures: try target.failureAnalysis(of: merged, recompute: true))
            merged.status = .completed
            let stored = try target.conversationCount(of: merged)
            Console.out("merged \(shards.count) shards into run \(merged.name) in \(into): \(stored) conversations")
        }
    }
}
