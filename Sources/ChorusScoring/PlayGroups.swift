import ChorusModel

/// Gathers the plays of each conversation from a stream in (index, repeat) order — the order
/// the runner emits and the store reads them — so `RepeatCounts` sees a conversation's plays
/// together, in flat memory (one conversation's plays at a time).
public struct PlayGroups: Sendable {
    private var current: [ConversationRecord] = []

    public init() {}

    /// Adds one play; returns the previous conversation's plays when this one starts another.
    public mutating func add(_ record: ConversationRecord) -> [ConversationRecord]? {
        if let first = current.first, first.index != record.index || record.repeatIndex == 0 {
            let done = current
            current = [record]
            return done
        }
        current.append(record)
        return nil
    }

    /// The last conversation's plays, at the end of the stream.
    public mutating func finish() -> [ConversationRecord]? {
        defer { current = [] }
        return current.isEmpty ? nil : current
    }
}
