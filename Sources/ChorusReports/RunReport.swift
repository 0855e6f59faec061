import ChorusModel
import ChorusScoring
import Foundation

/// Everything a report shows about one run, read from the store: the summary, the diff against
/// the baseline and the gate's verdict when there was one, the failure analysis, and the paired
/// comparison for `chorus compare` / `chorus diff`. Reporters render it, purely.
public struct RunReport: Sendable, Equatable {
    /// The run's name in the store (e.g. `customer-service-20261121-130000-a1b2`).
    public var runName: String
    /// How much of the run the report covers, and whether it was judged.
    public var status: ReportStatus
    public var summary: Summary
    public var diff: BaselineDiff?
    /// The gate's verdict; `nil` when the suite has no gate or the run was not judged (see `status`).
    public var verdict: GateVerdict?
    public var failures: FailureAnalysis
    public var comparison: PairedComparison?
    /// The command that replays conversation `i` of this run: `replayCommand` with `{i}` replaced.
    public var replayCommand: String
    /// The Chorus version that wrote the report (passed in, never read from the environment).
    public var chorusVersion: String
    /// The run's `--label` pairs and git revision (shown in report.md).
    public var labels = RunLabels()

    public init(
        runName: String, status: ReportStatus? = nil, summary: Summary, diff: BaselineDiff? = nil,
        verdict: GateVerdict? = nil,
        failures: FailureAnalysis = FailureAnalysis(), comparison: PairedComparison? = nil, replayCommand: String,
        chorusVersion: String
    ) {
        self.runName = runName
        self.status = status ?? .complete(planned: summary.conversations)
        self.summary = summary
        self.diff = diff
        self.verdict = verdict
        self.failures = failures
        self.comparison = comparison
        self.replayCommand = replayCommand
        self.chorusVersion = chorusVersion
    }

    /// The replay command for conversation `index`.
    public func replay(_ index: Int) -> String {
        replayCommand.replacingOccurrences(of: "{i}", with: "\(index)")
    }
}
