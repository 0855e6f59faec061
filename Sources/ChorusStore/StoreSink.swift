import ChorusModel
import ChorusScoring
import NIOPosix

/// Streams a run's conversations into the results database in batched transactions.
///
/// A batch is committed when it holds `batchSize` conversations, or `maxBytes` of text, or when
/// its oldest conversation has waited `maxAge` — whichever comes first, and the age is checked
/// by a ticker even while no conversation finishes — so a killed run loses at most about
/// `maxAge` of work, and memory between commits is bounded in bytes, not only in conversations.
///
/// While one batch is being written, the next one fills up; at most one write is outstanding, so
/// a slow disk slows the run down instead of growing memory. Writes block, so they run on NIO's
/// thread pool for blocking work — never on the threads that run conversations and network I/O,
/// where they would delay replies and inflate the latencies Chorus measures.
public actor StoreSink: RecordSink {
    public let store: ResultStore
    public let runID: Int64
    public let batchSize: Int
    public let maxBytes: Int
    public let maxAge: Duration
    /// The time since some fixed origin (injected so tests decide when a batch is old).
    private let now: @Sendable () -> Duration
    private var batch: [ConversationRecord] = []
    private var batchBytes = 0
    /// When the oldest buffered conversation arrived.
    private var oldest: Duration?
    private var writing: Task<Void, any Error>?
    private var ticker: Task<Void, Never>?
    private let tickEvery: Duration?

    /// At most this many conversations wait for a commit.
    public static let defaultBatchSize = 1000
    /// At most this much text (bytes of user and bot texts, roughly) waits for a commit.
    public static let defaultMaxBytes = 4 << 20
    /// No conversation waits longer than this for its commit (plus one tick).
    public static let defaultMaxAge = Duration.seconds(1)

    /// - Parameter tickEvery: how often the age of the batch is checked while no conversation
    ///   arrives (`nil`: only when one arrives, for tests that call `flushIfDue()` themselves).
    public init(
        store: ResultStore, runID: Int64, batchSize: Int = defaultBatchSize, maxBytes: Int = defaultMaxBytes,
        maxAge: Duration = defaultMaxAge, tickEvery: Duration? = .milliseconds(250),
        now: (@Sendable () -> Duration)? = nil
    ) {
        self.store = store
        self.runID = runID
        self.batchSize = max(1, batchSize)
        self.maxBytes = maxBytes
        self.maxAge = maxAge
        self.tickEvery = tickEvery
        if let now {
            self.now = now
        } else {
            let origin = ContinuousClock.now
            self.now = { ContinuousClock.now - origin }
        }
    }

    public func consume(_ record: ConversationRecord) async throws {
        if batch.isEmpty { oldest = now() }
        batch.append(record)
        batchBytes += Self.size(of: record)
        if batch.count >= batchSize || batchBytes >= maxBytes {
            try await flush()
        } else {
            try await flushIfDue()
        }
        startTicking()
    }

    public func finish() async throws {
        ticker?.cancel()
        ticker = nil
        try await flush()
        try await writing?.value
        writing = nil
    }

    /// Commits the batch when its oldest conversation has waited `maxAge`.
    public func flushIfDue() async throws {
        guard let oldest, now() - oldest >= maxAge else { return }
        try await flush()
    }

    /// Conversations buffered and not yet handed to a write.
    public var buffered: Int { batch.count }

    /// Returns once the write in progress, if any, is committed.
    public func waitForWrites() async throws {
        try await writing?.value
    }

    private func startTicking() {
        guard ticker == nil, let tickEvery else { return }
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: tickEvery)
                // A failed write is reported by the next consume or by finish, which await it.
                try? await self?.flushIfDue()
            }
        }
    }

    private func flush() async throws {
        try await writing?.value
        writing = nil
        guard !batch.isEmpty else { return }
        let records = batch
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
        oldest = nil
        let store = store
        let runID = runID
        writing = Task {
            try await NIOThreadPool.singleton.runIfActive {
                try store.append(records, run: runID)
            }
        }
    }

    /// A conversation's weight in the batch: its texts and a little per turn.
    static func size(of record: ConversationRecord) -> Int {
        record.turns.reduce(256) { total, turn in
            total + 128 + turn.user.utf8.count + turn.bot.reduce(0) { $0 + $1.utf8.count }
                + (turn.errorDetail?.utf8.count ?? 0)
        }
    }
}
