import ChorusModel
import ChorusStore
import ChorusTestSupport
import Testing

/// The watch's tables: its state round-trips, ticks keep their run until retention deletes both,
/// and deleting runs takes their conversations and turns with them.
struct WatchStoreTests {
    @Test func stateRoundTripsAndRetentionDeletesTicksWithTheirRuns() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let state = StoredWatchState(
            suite: "acme", target: "live", state: "failing", consecutiveFailures: 3, ticks: 7, lastRun: "r",
            lastReason: "down", lastPassingAt: "2026-01-01T00:00:00Z", failingSince: "2026-01-01T00:05:00Z",
            pendingNotification: "{}")
        try store.saveWatchState(state)
        #expect(try store.watchState(suite: "acme", target: "live") == state)
        #expect(try store.watchState(suite: "acme", target: "other") == nil)

        var runs: [StoredRun] = []
        for (number, day) in ["01", "02", "03"].enumerated() {
            let run = try store.createRun(
                StoredRun(
                    name: "tick-\(number)", suite: "acme", suiteHash: "h", suitePath: "s", targetPath: "t",
                    target: TargetInfo(kind: "reference", name: "live", detail: ""), seed: UInt64(number),
                    conversations: 1,
                    chorusVersion: "test", startedAt: "2026-01-\(day)T00:00:00Z"))
            try store.append(
                [
                    ConversationRecord(
                        index: 0, persona: "p", goal: "g", outcome: .completed, turns: [TurnRecord(user: "hi")])
                ],
                run: run.id)
            try store.recordWatchTick(
                StoredWatchTick(
                    suite: "acme", target: "live", tick: number, seed: UInt64(number),
                    startedAt: "2026-01-\(day)T00:00:00Z",
                    run: run.name, verdict: "pass", reason: nil))
            runs.append(run)
        }
        #expect(try store.watchTicks(suite: "acme", target: "live").map(\.run) == ["tick-0", "tick-1", "tick-2"])
        #expect(try store.pruneWatchTicks(suite: "acme", target: "live", startedBefore: "2026-01-02T12:00:00Z") == 2)
        #expect(try store.watchTicks(suite: "acme", target: "live").map(\.tick) == [2])
        #expect(try store.runs().map(\.name) == ["tick-2"])
        #expect(try store.conversationCount(of: runs[0]) == 0)

        // Erasing a tick's run keeps the tick, without its run.
        #expect(try store.deleteRuns(ids: [runs[2].id]) == 1)
        #expect(try store.watchTicks(suite: "acme", target: "live").map(\.run) == [nil])
        try store.vacuum()
    }
}
