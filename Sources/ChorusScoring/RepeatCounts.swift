import ChorusModel

/// The counts behind pass@k, pass^k and the flaky share of a run with `--repeat n`: how many
/// conversations passed c of their n plays, overall and by goal, and the first flaky
/// conversations (some plays passed, some failed) with one passing and one failing play.
///
/// A play passes when its conversation completed. Counts are a histogram over (n, c), so merging
/// adds them and shards merge exactly (all plays of a conversation are in one shard); the flaky
/// list keeps the `flakyListLimit` lowest conversation indices of both sides.
public struct RepeatCounts: Sendable, Equatable, Codable {
    /// Conversations by `"n:c"` (plays, passing plays).
    public var conversations: [String: Int] = [:]
    /// The same, by the goal the conversation opened with.
    public var goals: [String: [String: Int]] = [:]
    /// The flaky conversations with the lowest indices.
    public var flaky: [FlakyConversation] = []

    /// The most flaky conversations listed.
    public static let flakyListLimit = 50

    /// One conversation some of whose plays passed and some failed.
    public struct FlakyConversation: Sendable, Equatable, Codable {
        public var index: Int
        public var goal: String
        /// Plays that passed, of `plays`.
        public var passed: Int
        public var plays: Int
        /// A repeat index that passed, and one that failed (to replay both).
        public var passingRepeat: Int
        public var failingRepeat: Int

        enum CodingKeys: String, CodingKey {
            case index, goal, passed, plays
            case passingRepeat = "passing_repeat"
            case failingRepeat = "failing_repeat"
        }
    }

    public init() {}

    /// Whether any repeated conversation was counted.
    public var isEmpty: Bool { conversations.isEmpty }

    /// Counts the plays of one conversation (in repeat order); a single play is not a repeat and
    /// counts nothing.
    public mutating func add(plays: [ConversationRecord]) {
        guard plays.count >= 2, let first = plays.first else { return }
        let passing = plays.filter { $0.outcome == .completed }
        let key = Self.key(plays: plays.count, passed: passing.count)
        conversations[key, default: 0] += 1
        goals[first.goal, default: [:]][key, default: 0] += 1
        if !passing.isEmpty, passing.count < plays.count,
            let failing = plays.first(where: { $0.outcome != .completed })
        {
            flaky.append(
                FlakyConversation(
                    index: first.index, goal: first.goal, passed: passing.count, plays: plays.count,
                    passingRepeat: passing[0].repeatIndex, failingRepeat: failing.repeatIndex))
            trimFlaky()
        }
    }

    /// Adds another run's (a shard's) counts.
    public mutating func merge(_ other: RepeatCounts) {
        conversations.merge(other.conversations, uniquingKeysWith: +)
        for (goal, counts) in other.goals { goals[goal, default: [:]].merge(counts, uniquingKeysWith: +) }
        flaky += other.flaky
        trimFlaky()
    }

    private mutating func trimFlaky() {
        flaky.sort { $0.index < $1.index }
        if flaky.count > Self.flakyListLimit { flaky.removeLast(flaky.count - Self.flakyListLimit) }
    }

    static func key(plays: Int, passed: Int) -> String { "\(plays):\(passed)" }

    /// `"n:c"` keys back as (n, c, conversations), ordered.
    static func cells(_ histogram: [String: Int]) -> [(plays: Int, passed: Int, count: Int)] {
        histogram.compactMap { key, count in
            let parts = key.split(separator: ":")
            guard parts.count == 2, let n = Int(parts[0]), let c = Int(parts[1]) else { return nil }
            return (n, c, count)
        }.sorted { ($0.plays, $0.passed) < ($1.plays, $1.passed) }
    }
}
