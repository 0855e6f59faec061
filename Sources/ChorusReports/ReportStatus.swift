import ChorusStore

/// How much of a run a report covers, and so whether it was judged: every output (summary.json,
/// report.md, report.html, junit.xml, the text summary) states it, so a partial run is never read
/// as a whole one and an unjudged run never as one without a gate.
public struct ReportStatus: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable {
        /// Every planned conversation ran: the figures are the run's, and the gate judged them.
        case complete
        /// The run stopped early (Ctrl-C, `--max-error-rate`, or it was killed): the figures cover
        /// the conversations that ran, and the gate did not judge them. It can be resumed.
        case partial
        /// One shard of a run split across machines: judged once the shards are merged.
        case shard
    }

    public var state: State
    /// Why the run is not complete, in words (`nil` for a complete run).
    public var reason: String?
    /// The conversations the run planned (for a shard: the whole run's).
    public var planned: Int

    public init(state: State, reason: String? = nil, planned: Int) {
        self.state = state
        self.reason = reason
        self.planned = planned
    }

    /// The status of a stored run: a shard is a shard, a completed run complete, anything else
    /// partial; `stopReason` says why it stopped, when the caller knows.
    public init(run: StoredRun, status: RunStatus? = nil, stopReason: String? = nil) {
        let status = status ?? run.status
        planned = run.conversations
        if let shard = run.shard {
            state = .shard
            reason = "shard \(shard) of a run split across machines; the gate judges the merged run (chorus merge)"
        } else {
            switch status {
            case .completed:
                state = .complete
                reason = nil
            case .interrupted:
                state = .partial
                reason = stopReason ?? "the run was stopped early (Ctrl-C or --max-error-rate); resume it to finish"
            case .running:
                state = .partial
                reason = stopReason ?? "the run has not finished (still running, or killed); resume it to finish"
            }
        }
    }

    /// A complete run: the gate judges it.
    public static func complete(planned: Int) -> ReportStatus {
        ReportStatus(state: .complete, planned: planned)
    }

    /// Whether the gate judged (or would judge) the run.
    public var isJudged: Bool { state == .complete }

    /// One line for any output: `complete: 2000 conversations`, or
    /// `partial: 812 of 2000 planned conversations ran (interrupted by Ctrl-C); not judged`.
    public func line(conversations: Int) -> String {
        switch state {
        case .complete:
            return "complete: \(conversations) conversation\(conversations == 1 ? "" : "s")"
        case .partial, .shard:
            return "\(state.rawValue): \(conversations) of \(planned) planned conversations ran"
                + (reason.map { " (\($0))" } ?? "") + "; not judged"
        }
    }
}
