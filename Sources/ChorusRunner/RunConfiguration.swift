import ChorusSpec

/// The parameters of one run, owned by the runner: which conversations (the seed they derive
/// from, how many, which shard), how fast (concurrency, open-loop rate) and how often each is
/// played (repeats). The parsed suite supplies defaults and is never modified.
public struct RunConfiguration: Sendable, Equatable {
    /// The seed conversation *i* derives its generator from, with *i*.
    public var seed: UInt64
    /// Conversations of the whole run (all shards together).
    public var conversations: Int
    /// The share of the run this process plays.
    public var shard: RunPlan.Shard
    /// Conversations in flight at once (the cap, under an open-loop rate).
    public var concurrency: Int
    /// Conversations started per second (open loop), or `nil` (closed loop).
    public var rate: Double?
    /// How many times each conversation is played against the target, with the same user.
    public var repeats: Int

    public init(
        seed: UInt64, conversations: Int, shard: RunPlan.Shard = .whole, concurrency: Int = 16, rate: Double? = nil,
        repeats: Int = 1
    ) {
        self.seed = seed
        self.conversations = conversations
        self.shard = shard
        self.concurrency = concurrency
        self.rate = rate
        self.repeats = repeats
    }

    /// The suite's own seed and volume, each replaced when given.
    public init(
        suite: Suite, seed: UInt64? = nil, conversations: Int? = nil, shard: RunPlan.Shard = .whole,
        concurrency: Int = 16,
        rate: Double? = nil, repeats: Int = 1
    ) {
        self.init(
            seed: seed ?? suite.seed, conversations: conversations ?? suite.conversations, shard: shard,
            concurrency: concurrency, rate: rate, repeats: repeats)
    }

    /// Checks every parameter; the error names the one that is out of range.
    public func validate() throws(RunConfigurationError) {
        guard conversations >= 1 else { throw .outOfRange("conversations", "must be at least 1, got \(conversations)") }
        guard concurrency >= 1 else { throw .outOfRange("concurrency", "must be at least 1, got \(concurrency)") }
        if let rate, !(rate > 0 && rate.isFinite) { throw .outOfRange("rate", "must be a number above 0, got \(rate)") }
        guard repeats >= 1 else { throw .outOfRange("repeat", "must be at least 1, got \(repeats)") }
        guard shard.count >= 1, (0..<shard.count).contains(shard.index) else {
            throw .outOfRange("shard", "must be K/N with 0 ≤ K < N, got \(shard)")
        }
    }

    /// Every conversation of this process's shard.
    public var plan: RunPlan { RunPlan(total: conversations, shard: shard) }
}

/// A run parameter out of its range.
public enum RunConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter's name (as the command line spells it) and what is wrong.
    case outOfRange(String, String)

    public var description: String {
        switch self {
        case .outOfRange(let name, let problem): "--\(name) \(problem)"
        }
    }
}
