import ChorusModel
import ChorusScoring
import ChorusTestSupport
import Foundation
import Synchronization
import Testing

@testable import ChorusStore

private func record(_ index: Int, botBytes: Int = 10) -> ConversationRecord {
    ConversationRecord(
        index: index, persona: "calm", goal: "hours", outcome: .completed,
        turns: [TurnRecord(user: "hours", bot: [String(repeating: "b", count: botBytes)], latencyMs: 1)])
}

private func newRun(_ store: ResultStore) throws -> StoredRun {
    try store.createRun(
        StoredRun(
            name: "r1", suite: "shop", suiteHash: "abc", suitePath: "s", targetPath: "t.yaml",
            target: TargetInfo(kind: "reference", name: "acme", detail: ""), seed: 1, conversations: 10,
            chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z"))
}

/// A test clock for the sink: the time is what the test sets.
private final class ManualTime: Sendable {
    let now = Mutex<Duration>(.zero)
    func set(_ value: Duration) { now.withLock { $0 = value } }
}

/// Commits are bounded by age and bytes as well as count; reading needs no write access; one
/// process plays a run at a time.
@Suite struct DurabilityTests {
    @Test func aBatchIsCommittedOnceItsOldestConversationHasWaitedASecond() async throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        let time = ManualTime()
        let sink = StoreSink(store: store, runID: run.id, tickEvery: nil, now: { time.now.withLock { $0 } })
        try await sink.consume(record(0))
        time.set(.milliseconds(600))
        try await sink.consume(record(1))
        try await sink.waitForWrites()
        #expect(try store.conversationCount(of: run) == 0)
        #expect(await sink.buffered == 2)
        // No conversation arrives: the ticker's check commits the batch once it is a second old.
        time.set(.milliseconds(999))
        try await sink.flushIfDue()
        #expect(await sink.buffered == 2)
        time.set(.milliseconds(1000))
        try await sink.flushIfDue()
        try await sink.waitForWrites()
        #expect(try store.conversationCount(of: run) == 2)
        #expect(await sink.buffered == 0)
        try await sink.finish()
    }

    @Test func aBatchIsCommittedWhenItHoldsTooManyBytes() async throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        let sink = StoreSink(store: store, runID: run.id, maxBytes: 50_000, tickEvery: nil, now: { .zero })
        try await sink.consume(record(0, botBytes: 20_000))
        try await sink.consume(record(1, botBytes: 20_000))
        #expect(await sink.buffered == 2)
        try await sink.consume(record(2, botBytes: 20_000))
        #expect(await sink.buffered == 0)
        try await sink.waitForWrites()
        #expect(try store.conversationCount(of: run) == 3)
        try await sink.finish()
    }

    @Test func aDatabaseOpenedReadOnlyIsReadableAndRefusesWritesClearly() async throws {
        let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
        do {
            let store = try ResultStore(path: path)
            let run = try newRun(store)
            try store.append([record(0), record(1)], run: run.id)
        }
        let reader = try ResultStore(path: path, readOnly: true)
        let run = try #require(try reader.run(named: "latest"))
        #expect(try reader.conversationCount(of: run) == 2)
        #expect(try reader.aggregate(of: run).conversations == 2)
        let error = #expect(throws: StoreError.self) {
            try reader.setJudgement(runID: run.id, gate: nil, baseline: nil)
        }
        #expect(error?.description.contains("open read-only") == true)
        #expect(error?.description.contains("GRDB") == false)
    }

    @Test func aSecondPlayerOfARunIsToldWhoHoldsIt() throws {
        let db = try Fixtures.temporaryDirectory() + "/results.sqlite"
        var first: RunLock? = try RunLock.acquire(database: db, run: "r1", startedAt: "2026-01-01T00:00:00Z")
        let error = #expect(throws: StoreError.self) {
            try RunLock.acquire(database: db, run: "r1", startedAt: "later")
        }
        #expect(
            error?.description.contains("run r1 is being played by process \(getpid()) on ") == true,
            "\(String(describing: error))")
        #expect(error?.description.contains("since 2026-01-01T00:00:00Z") == true)
        // Another run of the same database is free, and the lock goes with its holder.
        _ = try RunLock.acquire(database: db, run: "r2", startedAt: "now")
        withExtendedLifetime(first) {}
        first = nil
        #expect(!FileManager.default.fileExists(atPath: "\(db).r1.lock"))
        _ = try RunLock.acquire(database: db, run: "r1", startedAt: "now")
    }
}
