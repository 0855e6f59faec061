import ChorusScoring

/// Folds a run's conversations into one mergeable `Aggregate`.
public final class AggregateSink: RecordSink {
    public private(set) var aggregate = Aggregate()

    public init() {}

    public func consume(_ record: ConversationRecord) async throws {
        aggregate.add(record)
    }

    public func finish() async throws {}
}
