import ChorusModel

/// The one place a run's records leave the scorer for everything that writes them: the scorer
/// scores each conversation as it was played (so the metrics are those of the original texts),
/// then the redactor, when there is one, replaces personal data, and only the redacted record
/// reaches the failure analysis (whose examples go into reports) and the writers — the
/// database, the transcripts file, the live metrics.
public final class PrivacyBoundary: RecordSink {
    public let scoring: ScoringSink
    public let redactor: Redactor?
    private let writers: [any RecordSink]

    public init(scoring: ScoringSink, redactor: Redactor?, writers: [any RecordSink]) {
        self.scoring = scoring
        self.redactor = redactor
        self.writers = writers
    }

    public func consume(_ record: ConversationRecord) async throws {
        scoring.score(record)
        let written = redactor?.redact(record) ?? record
        scoring.analyze(written)
        for writer in writers { try await writer.consume(written) }
    }

    public func finish() async throws {
        // The scorer counts the last repeated conversation's plays.
        try await scoring.finish()
        var failure: (any Error)?
        // Every writer flushes what it holds, even when one of them fails.
        for writer in writers {
            do { try await writer.finish() } catch { failure = failure ?? error }
        }
        if let failure { throw failure }
    }
}
