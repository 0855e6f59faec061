import ChorusScoring

/// Runs a sequence of conversations with bounded concurrency and hands the records to a
/// consumer in order.
///
/// It starts `concurrency` conversations and starts the next one each time one finishes (a
/// closed loop). Records are emitted in plan order; a small reorder buffer holds the ones that
/// finished early, and no conversation starts more than `window` positions ahead of the last
/// emitted one, so memory stays flat however long the run and however slow one conversation.
public struct RunScheduler: Sendable {
    public let concurrency: Int
    public let window: Int

    public init(concurrency: Int) {
        self.concurrency = max(1, concurrency)
        window = max(4 * self.concurrency, 64)
    }

    /// Runs the conversations `indices` (in that order), calling `consume` for each record in
    /// the same order. Stops starting new conversations when the task is cancelled or `consume`
    /// throws; conversations already started finish and are consumed first (unless it threw).
    public func run<Indices: RandomAccessCollection & Sendable>(
        _ indices: Indices, driver: ConversationDriver, consume: (ConversationRecord) async throws -> Void
    ) async throws where Indices.Element == Int, Indices.Index == Int {
        try await withThrowingTaskGroup(of: (Int, ConversationRecord).self) { group in
            let first = indices.startIndex
            var started = 0
            var emitted = 0
            var inFlight = 0
            var pending: [Int: ConversationRecord] = [:]
            var stopping = false
            func startMore() {
                while !stopping, inFlight < concurrency, started < indices.count, started < emitted + window {
                    let position = started
                    let index = indices[first + position]
                    group.addTask { (position, await driver.run(conversation: index)) }
                    started += 1
                    inFlight += 1
                }
            }
            startMore()
            while let (position, record) = try await group.next() {
                inFlight -= 1
                pending[position] = record
                while let ready = pending.removeValue(forKey: emitted) {
                    try await consume(ready)
                    emitted += 1
                }
                if Task.isCancelled { stopping = true }
                startMore()
            }
        }
    }
}
