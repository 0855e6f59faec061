import ChorusModel

/// The slot judgement of what a bot confirmed or acted on, summed over goals: values stated equal
/// to the user's (true positives), stated but different (false positives), and user values never
/// stated correctly (false negatives). Only goals where the bot confirmed or acted on something
/// count (`GoalRecord.confirmed` non-empty): a goal the bot never got to is a completion failure,
/// not a slot error. Mergeable by addition.
public struct SlotCounts: Sendable, Equatable, Codable {
    /// Goals judged (the bot confirmed or acted on at least one value).
    public var goals: Int
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(goals: Int = 0, truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.goals = goals
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    enum CodingKeys: String, CodingKey {
        case goals
        case truePositives = "true_positives"
        case falsePositives = "false_positives"
        case falseNegatives = "false_negatives"
    }

    /// Counts one goal, when the bot confirmed or acted on something in it.
    public mutating func add(_ goal: GoalRecord) {
        guard !goal.confirmed.isEmpty else { return }
        let counts = goal.slotCounts
        goals += 1
        truePositives += counts.truePositives
        falsePositives += counts.falsePositives
        falseNegatives += counts.falseNegatives
    }

    /// Adds another run's (or shard's) counts.
    public mutating func merge(_ other: SlotCounts) {
        goals += other.goals
        truePositives += other.truePositives
        falsePositives += other.falsePositives
        falseNegatives += other.falseNegatives
    }
}
