import ChorusModel

/// The aggregate of a stream of conversations in (index, repeat) order — the order the runner
/// emits them and the store reads them — with the plays of each repeated conversation
/// (`--repeat`) counted together as they arrive, in flat memory.
public struct AggregateBuilder: Sendable {
    /// Every conversation added so far; the last conversation's plays count once `finish()` ran.
    public private(set) var aggregate = Aggregate()
    private var plays = PlayGroups()

    public init() {}

    public mutating func add(_ record: ConversationRecord) {
        aggregate.add(record)
        if let group = plays.add(record) { aggregate.repeats.add(plays: group) }
    }

    /// Counts the last conversation's plays, at the end of the stream; returns the aggregate.
    @discardableResult
    public mutating func finish() -> Aggregate {
        if let group = plays.finish() { aggregate.repeats.add(plays: group) }
        return aggregate
    }
}
