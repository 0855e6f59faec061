import ChorusModel
import ChorusScoring
import NIOPosix

/// Streams a run's conversations into the results database in batched transactions.
///
/// While one batch is being written, the next one fills up; at most one write is outstanding, so
/// a slow disk slows the run down instead of growing memory. Writes block, so they run on NIO's
/// thread pool for blocking work — never on the threads that run conversations and network I/O,
/// where they would delay replies and inflate the latencies Chorus measures.
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
        writing = Task {
            try await NIOThreadPool.singleton.runIfActive {
                try store.append(records, run: runID)
            }
        }
    }
}
