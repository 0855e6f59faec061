import ChorusModel
import ChorusScoring

/// The contents of `summary.json`: the summary's keys at the top level (schema
/// `chorus.summary/1`), plus `run` and `status` (complete, partial or shard, and why), and `diff`,
/// `verdict`, `failures` and `comparison` when the report has them. Transcripts stay out (they are in the database and the transcripts file);
/// clusters and flips carry conversation indices and replay commands instead.
struct SummaryDocument: Encodable {
    var report: RunReport
    var summary: Summary

    enum Keys: String, CodingKey {
        case run, status, diff, verdict, failures, comparison
    }

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(report.runName, forKey: .run)
        try c.encode(Status(report.status), forKey: .status)
        try c.encodeIfPresent(report.diff, forKey: .diff)
        if let verdict = report.verdict {
            try c.encode(Verdict(passed: verdict.passed, checks: verdict.checks), forKey: .verdict)
        }
        try c.encode(Failures(report.failures, report: report), forKey: .failures)
        try c.encodeIfPresent(report.comparison.map { Comparison($0) }, forKey: .comparison)
    }

    /// The run's status: `judged` is false for a partial run or a shard, whose `verdict` is absent
    /// because the gate did not look at it (not because there is no gate).
    struct Status: Encodable {
        var state: ReportStatus.State
        var reason: String?
        var planned: Int
        var judged: Bool

        init(_ status: ReportStatus) {
            state = status.state
            reason = status.reason
            planned = status.planned
            judged = status.isJudged
        }

        enum CodingKeys: String, CodingKey {
            case state, reason, planned, judged
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(state, forKey: .state)
            try c.encode(reason, forKey: .reason)
            try c.encode(planned, forKey: .planned)
            try c.encode(judged, forKey: .judged)
        }
    }

    struct Verdict: Encodable {
        var passed: Bool
        var checks: [GateCheck]
    }

    struct Failures: Encodable {
        struct Cluster: Encodable {
            var signature: FailureSignature
            var count: Int
            var example: Int
            var replay: String
        }

        var clusters: [Cluster]
        var failingConversations: Int
        var fallbackUtterances: [UtteranceCount]
        var abandonment: [String: AbandonmentFunnel]
        var confusedPairs: [ConfusedPair]

        enum CodingKeys: String, CodingKey {
            case clusters, abandonment
            case failingConversations = "failing_conversations"
            case fallbackUtterances = "fallback_utterances"
            case confusedPairs = "confused_pairs"
        }

        init(_ analysis: FailureAnalysis, report: RunReport) {
            clusters = analysis.clusters.map {
                Cluster(
                    signature: $0.signature, count: $0.count, example: $0.example.index,
                    replay: report.replay($0.example.index))
            }
            failingConversations = analysis.failingConversations
            fallbackUtterances = analysis.fallbackUtterances
            abandonment = analysis.abandonment
            confusedPairs = analysis.confusedPairs
        }
    }

    struct Comparison: Encodable {
        struct FlipEntry: Encodable {
            var index: Int
            var goal: String
            var persona: String
            var outcomeA: Outcome
            var outcomeB: Outcome
            var replayA: String
            var replayB: String

            enum CodingKeys: String, CodingKey {
                case index, goal, persona
                case outcomeA = "outcome_a"
                case outcomeB = "outcome_b"
                case replayA = "replay_a"
                case replayB = "replay_b"
            }
        }

        var a: String
        var b: String
        var pairs: Int
        var bothPassed: Int
        var onlyAPassed: Int
        var onlyBPassed: Int
        var bothFailed: Int
        var mcnemarP: Double
        var delta: Double
        var low: Double
        var high: Double
        var flips: [FlipEntry]

        enum CodingKeys: String, CodingKey {
            case a, b, pairs, delta, low, high, flips
            case bothPassed = "both_passed"
            case onlyAPassed = "only_a_passed"
            case onlyBPassed = "only_b_passed"
            case bothFailed = "both_failed"
            case mcnemarP = "mcnemar_p"
        }

        init(_ c: PairedComparison) {
            a = c.a.name
            b = c.b.name
            pairs = c.pairs
            bothPassed = c.bothPassed
            onlyAPassed = c.onlyAPassed
            onlyBPassed = c.onlyBPassed
            bothFailed = c.bothFailed
            mcnemarP = JSONSummaryReporter.round(c.mcnemarP, 6)
            delta = JSONSummaryReporter.round(c.delta, 6)
            low = JSONSummaryReporter.round(c.low, 6)
            high = JSONSummaryReporter.round(c.high, 6)
            flips = c.flips.map {
                FlipEntry(
                    index: $0.index, goal: $0.a.goal, persona: $0.a.persona, outcomeA: $0.a.outcome,
                    outcomeB: $0.b.outcome, replayA: $0.replayA, replayB: $0.replayB)
            }
        }
    }
}
