import ChorusModel
import ChorusScoring

extension HistoryReport {
    /// `chorus history --format json`: schema `chorus.history/1`, the suite and one entry per run,
    /// oldest first, each with the run's name, target, seed, start, labels, git revision,
    /// conversations, `metrics` (the same object as in `summary.json`) and `latency_ms`.
    public func json() -> String {
        JSONOutput.render(Document(suite: suite, runs: points.map(Entry.init))) ?? ""
    }

    struct Document: Encodable {
        var schema = "chorus.history/1"
        var suite: String
        var runs: [Entry]
    }

    struct Entry: Encodable {
        var run: String
        var target: String
        var seed: UInt64
        var startedAt: String
        var labels: [String: String]
        var git: GitRevision?
        var conversations: Int
        var metrics: Summary.Metrics
        var latencyMs: Summary.Latency?

        init(_ point: Point) {
            let rounded = JSONSummaryReporter.rounded(point.summary)
            run = point.run
            target = point.target
            seed = point.seed
            startedAt = point.startedAt
            labels = point.labels.labels
            git = point.labels.git
            conversations = rounded.conversations
            metrics = rounded.metrics
            latencyMs = rounded.latencyMs
        }

        enum CodingKeys: String, CodingKey {
            case run, target, seed
            case startedAt = "started_at"
            case labels, git, conversations, metrics
            case latencyMs = "latency_ms"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(run, forKey: .run)
            try c.encode(target, forKey: .target)
            try c.encode(seed, forKey: .seed)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(labels, forKey: .labels)
            try c.encode(git, forKey: .git)
            try c.encode(conversations, forKey: .conversations)
            try c.encode(metrics, forKey: .metrics)
            try c.encode(latencyMs, forKey: .latencyMs)
        }
    }
}
