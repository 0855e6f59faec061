import ChorusModel
import ChorusScoring

/// Scores a run as its conversations stream by: the mergeable aggregate, and the failure
/// analysis (clusters, fallback utterances, abandonment), both in bounded memory.
public final class ScoringSink: RecordSink {
    private var builder = AggregateBuilder()
    private var analyzer = FailureAnalyzer()
    public var aggregate: Aggregate { builder.aggregate }

    public init() {}

    public func consume(_ record: ConversationRecord) async throws {
        score(record)
        analyze(record)
    }

    /// Adds `record` to the metrics (the original texts, so redaction never changes a metric).
    public func score(_ record: ConversationRecord) {
        builder.add(record)
    }

    /// Adds `record` to the failure analysis, whose example texts go into reports (so this is
    /// the redacted record when privacy is on).
    public func analyze(_ record: ConversationRecord) {
        analyzer.add(record)
    }

    /// Counts the last conversation's plays (`--repeat`).
    public func finish() async throws {
        builder.finish()
    }

    public var failures: FailureAnalysis { analyzer.analysis() }
}
