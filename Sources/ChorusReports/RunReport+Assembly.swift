import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation

extension RunReport {
    /// Assembles the report of a run from its parts: the summary, diff and verdict are computed
    /// here, so `chorus run` and `chorus report` (from the database alone) agree exactly. The
    /// status is the stored run's unless given; only a complete run is judged by the gate.
    public init(
        run: StoredRun, status: ReportStatus? = nil, aggregate: Aggregate, failures: FailureAnalysis,
        gate: [String: GateRule], baseline: Baseline?, chorusVersion: String
    ) {
        let status = status ?? ReportStatus(run: run)
        let summary = Summary(suite: run.suite, target: run.target, seed: run.seed, aggregate: aggregate)
        let diff = baseline.map {
            BaselineDiffer(gate: gate).diff(
                baseline: $0, current: summary, currentClusters: failures.clusters.map(\.signature.key))
        }
        let verdict = gate.isEmpty || !status.isJudged ? nil : GateEvaluator(rules: gate).evaluate(summary, diff: diff)
        self.init(
            runName: run.name, status: status, summary: summary, diff: diff, verdict: verdict, failures: failures,
            comparison: nil,
            replayCommand: RunReport.replayCommand(for: run), chorusVersion: chorusVersion)
        labels = run.labels
    }

    /// Reads a stored run's report: its aggregate and failure analysis (kept when it ended, else
    /// computed from its conversations), and the gate and baseline it was judged by.
    /// The status is the stored run's unless given.
    public static func load(
        run: StoredRun, status: ReportStatus? = nil, from store: ResultStore, chorusVersion: String
    ) throws(StoreError) -> RunReport {
        let aggregate = try store.aggregate(of: run)
        let failures = try store.failureAnalysis(of: run)
        let judgement = try judgement(of: run, in: store)
        return RunReport(
            run: run, status: status, aggregate: aggregate, failures: failures, gate: judgement.gate,
            baseline: judgement.baseline, chorusVersion: chorusVersion)
    }

    /// The gate rules and baseline stored with a run (empty and nil when it was not judged).
    public static func judgement(
        of run: StoredRun, in store: ResultStore
    ) throws(StoreError) -> (gate: [String: GateRule], baseline: Baseline?) {
        let stored = try store.judgement(of: run)
        let decoder = JSONDecoder()
        let gate = stored.gate.flatMap { try? decoder.decode([String: GateRule].self, from: Data($0.utf8)) } ?? [:]
        let baseline = stored.baseline.flatMap { try? decoder.decode(Baseline.self, from: Data($0.utf8)) }
        return (gate, baseline)
    }

    /// `chorus replay <suite> --target <target> --seed <seed> --conversation {i}` for a run.
    public static func replayCommand(for run: StoredRun) -> String {
        "chorus replay \(run.suitePath) --target \(run.targetPath) --seed \(run.seed) --conversation {i}"
    }
}
