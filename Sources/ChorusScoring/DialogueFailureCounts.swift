import ChorusModel

/// How often one named dialogue failure occurred in a run: the conversations it hit, the turns it
/// showed on, and the behaviours of the conversations it hit (`plain` for a conversation with
/// none), so a failure that only hits conversations with a digression reads as such. Mergeable by
/// addition.
public struct DialogueFailureCounts: Sendable, Equatable, Codable {
    /// Conversations with at least one turn showing the failure.
    public var conversations: Int
    /// Turns showing the failure.
    public var occurrences: Int
    /// Of `conversations`, those with each behaviour (raw value of `Behaviour`, or `plain`); a
    /// conversation with two behaviours counts under both.
    public var behaviours: [String: Int]

    public init(conversations: Int = 0, occurrences: Int = 0, behaviours: [String: Int] = [:]) {
        self.conversations = conversations
        self.occurrences = occurrences
        self.behaviours = behaviours
    }

    /// Adds another run's (or shard's) counts.
    public mutating func merge(_ other: DialogueFailureCounts) {
        conversations += other.conversations
        occurrences += other.occurrences
        behaviours.merge(other.behaviours, uniquingKeysWith: +)
    }
}
