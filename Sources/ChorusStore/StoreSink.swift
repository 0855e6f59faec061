import ChorusRunner
import ChorusScoring

/// Streams a run's conversations into the results database in batched transactions.
///
/// While one batch is being written (on another thread of the pool), the next one fills up; at
/// most one write is outstanding, so a slow disk slows the run down instead of growing memory.
public final class StoreSink: RecordSink {
    public let store: ResultStore
    public let runID: Int64
    public let batchSize: Int
    private var batch: [ConversationRecord] = []
    private var writing: Task<Void, any Error>?

    public init(store: ResultStore, runID: Int64, batchSize: Int = 1000) {
        self.store = store
        self.runID = runID
        self.batchSize = batchSize
        batch.reserveCapacity(batchSize)
    }

    public func consume(_ record: ConversationRecord) async throws {
        batch.append(record)
        if batch.count >= batchSize { try await flush() }
    }

    public func finish() async throws {
        try await flush()
        try await writing?.value
        writing = nil
    }

    private func flush() async throws {
        try await writing?.value
        writing = nil
        guard !batch.isEmpty else { return }
        let records = batch
        batch.removeAll(keepingCapacity: true)
        let store = store
        let runID = runID
        writing = Task.detached {
            try store.append(records, run: runID)
        }
    }
}
