import ChorusModel
import ChorusScoring

/// A run as the store keeps it: what ran, against what, with which seed, and how it ended.
public struct StoredRun: Sendable, Equatable {
    /// The store's key for the run.
    public var id: Int64
    /// The run's name, e.g. `customer-service-20261121-130000-a1b2` (what users type).
    public var name: String
    public var suite: String
    /// Hash of the suite's files, so runs of different suite contents are never paired.
    public var suiteHash: String
    /// The suite and target paths as the user gave them (for resume and replay commands).
    public var suitePath: String
    public var targetPath: String
    public var target: TargetInfo
    public var seed: UInt64
    /// Conversations requested.
    public var conversations: Int
    /// `K/N` when the run is one shard of a larger run.
    public var shard: String?
    public var chorusVersion: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var endedAt: String?
    public var status: RunStatus
    /// The user's `--label` pairs and the git revision the run was started in.
    public var labels: RunLabels
    /// Plays of each conversation (`--repeat`; 1 for a plain run).
    public var repeats: Int

    public init(
        id: Int64 = 0, name: String, suite: String, suiteHash: String, suitePath: String, targetPath: String,
        target: TargetInfo, seed: UInt64, conversations: Int, shard: String? = nil, chorusVersion: String,
        startedAt: String, endedAt: String? = nil, status: RunStatus = .running, labels: RunLabels = RunLabels(),
        repeats: Int = 1
    ) {
        self.id = id
        self.name = name
        self.suite = suite
        self.suiteHash = suiteHash
        self.suitePath = suitePath
        self.targetPath = targetPath
        self.target = target
        self.seed = seed
        self.conversations = conversations
        self.shard = shard
        self.chorusVersion = chorusVersion
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.labels = labels
        self.repeats = repeats
    }
}

/// Where a run stands.
public enum RunStatus: String, Sendable, Codable {
    /// Started and not ended: still going, or killed (resume it).
    case running
    case completed
    /// Stopped by the user (Ctrl-C) or by the error-rate limit; resumable.
    case interrupted
}
