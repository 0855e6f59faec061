import ChorusModel
import ChorusScoring

/// Scores a run as its conversations stream by: the mergeable aggregate, and the failure
/// analysis (clusters, fallback utterances, abandonment), both in bounded memory.
public final class ScoringSink: RecordSink {
    public private(set) var aggregate = Aggregate()
    private var analyzer = FailureAnalyzer()

    public init() {}

    public func consume(_ record: ConversationRecord) async throws {
        aggregate.add(record)
        analyzer.add(record)
    }

    public func finish() async throws {}

    public var failures: FailureAnalysis { analyzer.analysis() }
}
