import ChorusModel
import ChorusStore

/// One stored run as `chorus runs --format json` and `chorus show --format json` describe it
/// (see the README's "Machine-readable output"). Keys are snake_case; absent values are `null`.
public struct RunEntry: Sendable, Equatable, Encodable {
    public var name: String
    public var suite: String
    public var target: TargetInfo
    public var seed: UInt64
    /// Conversations planned.
    public var conversations: Int
    /// Conversations stored (each play of a repeated conversation counts).
    public var stored: Int
    public var status: String
    public var shard: String?
    public var startedAt: String
    public var endedAt: String?
    public var chorusVersion: String
    public var labels: [String: String]
    public var git: GitRevision?

    public init(run: StoredRun, stored: Int) {
        name = run.name
        suite = run.suite
        target = run.target
        seed = run.seed
        conversations = run.conversations
        self.stored = stored
        status = run.status.rawValue
        shard = run.shard
        startedAt = run.startedAt
        endedAt = run.endedAt
        chorusVersion = run.chorusVersion
        labels = run.labels.labels
        git = run.labels.git
    }

    enum CodingKeys: String, CodingKey {
        case name, suite, target, seed, conversations, stored, status, shard
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case chorusVersion = "chorus_version"
        case labels, git
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(suite, forKey: .suite)
        try c.encode(target, forKey: .target)
        try c.encode(seed, forKey: .seed)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(stored, forKey: .stored)
        try c.encode(status, forKey: .status)
        try c.encode(shard, forKey: .shard)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(endedAt, forKey: .endedAt)
        try c.encode(chorusVersion, forKey: .chorusVersion)
        try c.encode(labels, forKey: .labels)
        try c.encode(git, forKey: .git)
    }
}

/// `chorus runs --format json`: schema `chorus.runs/1`, the runs oldest first.
public struct RunListing: Sendable, Encodable {
    public static let schema = "chorus.runs/1"
    public var runs: [RunEntry]

    public init(runs: [RunEntry]) {
        self.runs = runs
    }

    enum CodingKeys: String, CodingKey { case schema, runs }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(runs, forKey: .runs)
    }
}

/// `chorus show --format json`: schema `chorus.run/1`, the run's entry and its summary exactly
/// as `summary.json` has it (with its own `schema`, `chorus.summary/1`).
public struct RunDocument: Sendable, Encodable {
    public static let schema = "chorus.run/1"
    public var run: RunEntry
    public var report: RunReport

    public init(run: RunEntry, report: RunReport) {
        self.run = run
        self.report = report
    }

    enum CodingKeys: String, CodingKey { case schema, run, summary }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schema, forKey: .schema)
        try c.encode(run, forKey: .run)
        try c.encode(
            SummaryDocument(report: report, summary: JSONSummaryReporter.rounded(report.summary)), forKey: .summary)
    }
}
