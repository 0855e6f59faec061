import ChorusModel
import ChorusScoring

/// Scores a run as its conversations stream by: the mergeable aggregate, and the failure
/// analysis (clusters, fallback utterances, abandonment), both in bounded memory.
public final class ScoringSink: RecordSink {
    public private(set) var aggregate = Aggregate()
    private var analyzer = FailureAnalyzer()
    private var plays = PlayGroups()

    public init() {}

    public func consume(_ record: ConversationRecord) async throws {
        aggregate.add(record)
        analyzer.add(record)
        if let group = plays.add(record) { aggregate.repeats.add(plays: group) }
    }

    /// Counts the last conversation's plays (`--repeat`).
    public func finish() async throws {
        if let group = plays.finish() { aggregate.repeats.add(plays: group) }
    }

    public var failures: FailureAnalysis { analyzer.analysis() }
}
