import ChorusScoring
import ChorusSpec
import ChorusStore

extension RunReport {
    /// The comparison of two stored runs, as `chorus diff` and the dashboard show it: B judged
    /// against A as its baseline and — when both ran the same suite with the same seed and shard —
    /// the conversations paired one to one. Reads what the runs stored when they ended, and pairs
    /// in the database (see `pairedComparison`), so neither run's turns are read beyond the flips.
    public static func comparing(
        _ a: StoredRun, _ b: StoredRun, store: ResultStore, gate: [String: GateRule], chorusVersion: String,
        flipLimit: Int = 200
    ) throws(StoreError) -> RunReport {
        let failuresA = try store.failureAnalysis(of: a)
        let baseline = Baseline(
            suite: a.suite, suiteHash: a.suiteHash,
            summary: Summary(suite: a.suite, target: a.target, seed: a.seed, aggregate: try store.aggregate(of: a)),
            failureClusters: failuresA.clusters.map(\.signature.key))
        var report = RunReport(
            run: b, aggregate: try store.aggregate(of: b), failures: try store.failureAnalysis(of: b), gate: gate,
            baseline: baseline, chorusVersion: chorusVersion)
        if arePaired(a, b) { report.comparison = try pairedComparison(a, b, store: store, flipLimit: flipLimit) }
        return report
    }

    /// Whether two runs played the same synthetic conversations (same suite contents, seed and shard).
    public static func arePaired(_ a: StoredRun, _ b: StoredRun) -> Bool {
        a.seed == b.seed && a.suiteHash == b.suiteHash && a.shard == b.shard
    }

    /// The paired comparison of two runs: the two-by-two table counted in the database, and the
    /// first `flipLimit` flips in each direction (by index) read with their transcripts.
    public static func pairedComparison(
        _ a: StoredRun, _ b: StoredRun, store: ResultStore, flipLimit: Int = 200
    ) throws(StoreError) -> PairedComparison {
        var comparer = PairedComparer(
            replayA: replayCommand(for: a), replayB: replayCommand(for: b), flipLimit: flipLimit)
        for (cell, pairs) in try store.pairedOutcomes(a, b) {
            comparer.count(passedA: cell.passedA, passedB: cell.passedB, pairs: pairs)
        }
        for pair in try store.flippedConversations(a, b, limit: flipLimit) { comparer.keep(a: pair.a, b: pair.b) }
        return comparer.comparison(a: a.target, b: b.target)
    }
}
