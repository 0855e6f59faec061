import ChorusModel
import ChorusScoring

/// The same synthetic conversations against two targets (or two stored runs with the same seed
/// and suite), matched one to one by conversation index.
public struct PairedComparison: Sendable, Equatable, Codable {
    public var a: TargetInfo
    public var b: TargetInfo
    /// Pairs compared.
    public var pairs: Int
    /// Pairs by success (outcome `completed`) with A and with B.
    public var bothPassed: Int
    public var onlyAPassed: Int
    public var onlyBPassed: Int
    public var bothFailed: Int
    /// McNemar's test of the completion change (exact binomial for few discordant pairs).
    public var mcnemarP: Double
    /// Completion rate of B minus A, with its 95% interval for paired proportions.
    public var delta: Double
    public var low: Double
    public var high: Double
    /// The flipped conversations (at most a report's worth), A-passed-B-failed first, by index.
    public var flips: [Flip]

    public init(
        a: TargetInfo, b: TargetInfo, pairs: Int, bothPassed: Int, onlyAPassed: Int, onlyBPassed: Int, bothFailed: Int,
        mcnemarP: Double, delta: Double, low: Double, high: Double, flips: [Flip]
    ) {
        self.a = a
        self.b = b
        self.pairs = pairs
        self.bothPassed = bothPassed
        self.onlyAPassed = onlyAPassed
        self.onlyBPassed = onlyBPassed
        self.bothFailed = bothFailed
        self.mcnemarP = mcnemarP
        self.delta = delta
        self.low = low
        self.high = high
        self.flips = flips
    }

    enum CodingKeys: String, CodingKey {
        case a, b, pairs
        case bothPassed = "both_passed"
        case onlyAPassed = "only_a_passed"
        case onlyBPassed = "only_b_passed"
        case bothFailed = "both_failed"
        case mcnemarP = "mcnemar_p"
        case delta, low, high, flips
    }
}

/// One conversation that passed with one target and failed with the other, with both transcripts.
public struct Flip: Sendable, Equatable, Codable {
    public var index: Int
    /// The conversation as it ran against A and against B.
    public var a: ConversationRecord
    public var b: ConversationRecord
    /// The `chorus replay` commands that reproduce each side.
    public var replayA: String
    public var replayB: String

    public init(index: Int, a: ConversationRecord, b: ConversationRecord, replayA: String, replayB: String) {
        self.index = index
        self.a = a
        self.b = b
        self.replayA = replayA
        self.replayB = replayB
    }

    enum CodingKeys: String, CodingKey {
        case index, a, b
        case replayA = "replay_a"
        case replayB = "replay_b"
    }
}
