import ChorusModel
import ChorusScoring
import ChorusSpec
import ChorusStore
import ChorusTargets
import ChorusTestSupport
import Foundation
import GRDB
import Testing

private func records(_ count: Int) -> [ConversationRecord] {
    (0..<count).map { index in
        ConversationRecord(
            index: index, persona: index % 2 == 0 ? "careful" : "hurried", goal: "refund",
            outcome: index % 3 == 0 ? .abandoned : .completed,
            turns: [
                TurnRecord(
                    user: "I want a refund for \"AB-\(index)\"", expectedIntent: "refund", predictedIntent: "refund",
                    confidence: 0.9, expectedSlots: [Entity(name: "order_id", value: "AB-\(index)")],
                    entities: [Entity(name: "order_id", value: "AB-\(index)")], bot: ["Which item?", "Or say 'human'."],
                    latencyMs: 1.5),
                TurnRecord(
                    user: "the laptop", expectedIntent: "inform", fallback: index % 3 == 0, bot: [], latencyMs: 2,
                    error: index == 4 ? .timeout : nil, errorDetail: index == 4 ? "no reply" : nil,
                    failures: index == 5 ? ["expected intent \"inform\", got none"] : []),
            ])
    }
}

private func newRun(_ store: ResultStore, name: String = "r1") throws -> StoredRun {
    try store.createRun(
        StoredRun(
            name: name, suite: "shop", suiteHash: "abc", suitePath: "Scenarios/shop", targetPath: "t.yaml",
            target: TargetInfo(kind: "reference", name: "acme", detail: "bot.yaml"), seed: UInt64.max - 1,
            conversations: 10, chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z"))
}

@Suite struct ResultStoreTests {
    @Test func migrationsCreateTheSchemaOnceAndReopeningKeepsTheData() throws {
        let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
        let run = try newRun(try ResultStore(path: path))
        let reopened = try ResultStore(path: path)
        #expect(try reopened.runs().map(\.name) == [run.name])
        let queue = try DatabaseQueue(path: path)
        let tables = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(tables.contains("run") && tables.contains("conversation") && tables.contains("turn"))
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1: runs, conversations, turns"])
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func conversationsRoundTrip() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        let written = records(10)
        try store.append(Array(written[0..<6]), run: run.id)
        try store.append(Array(written[6...]), run: run.id)
        var read: [ConversationRecord] = []
        try store.forEachConversation(of: run) { read.append($0) }
        #expect(read == written)
        #expect(try store.conversation(4, of: run) == written[4])
        #expect(try store.conversationIndices(of: run) == Array(0..<10))
        #expect(try store.runs().first?.seed == UInt64.max - 1)
    }

    @Test func theAggregateIsKeptOrRecomputedAlike() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        try store.append(records(10), run: run.id)
        let recomputed = try store.aggregate(of: run)
        #expect(recomputed == Aggregate(records(10)))
        try store.finishRun(id: run.id, status: .completed, endedAt: "2026-01-01T00:01:00Z", aggregate: recomputed)
        #expect(try store.aggregate(of: run) == recomputed)
        #expect(try store.run(named: "latest")?.status == .completed)
    }

    @Test func aConversationIsWrittenWholeOrNotAtAll() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        try store.append(records(3), run: run.id)
        // A batch with a duplicate index fails as a whole: nothing of it is kept.
        #expect(throws: StoreError.self) { try store.append(records(5), run: run.id) }
        #expect(try store.conversationCount(of: run) == 3)
    }

    /// List columns are written and read by one codec: whatever a bot says comes back exactly.
    @Test func listColumnsRoundTripAnyText() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        let texts = [
            "quote \" backslash \\ slash /", "line\nbreak\ttab\r", "bell \u{07} null \u{00}", "\u{2028}\u{2029}",
            "emoji 🎧 and 中文", "", "[\"not\", \"a list\"]",
        ]
        var record = records(1)[0]
        record.turns[0].bot = texts
        record.turns[0].failures = texts
        record.turns[0].expectedSlots = texts.map { Entity(name: $0, value: $0) }
        record.turns[0].entities = []
        try store.append([record], run: run.id)
        #expect(try store.conversation(0, of: run) == record)
    }

    /// A damaged column is an error that says where, never an empty list.
    @Test func aDamagedListColumnIsAnErrorNotAnEmptyList() throws {
        let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
        let store = try ResultStore(path: path)
        let run = try newRun(store)
        try store.append(records(3), run: run.id)
        for (column, damage) in [("bot", "[\"unterminated"), ("expected_slots", "[[\"order_id\"]]"), ("failures", "{\"a\": 1}")] {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "UPDATE turn SET \(column) = ? WHERE conversation = 1 AND turn = 0", arguments: [damage])
            }
            try queue.close()
            let error = try #require(throws: StoreError.self) { try store.conversation(1, of: run) }
            #expect(error.description.contains("conversation 1, turn 0: column \(column)"), "\(error)")
            #expect(throws: StoreError.self) { try store.aggregate(of: run, recompute: true) }
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE turn SET \(column) = '[]' WHERE conversation = 1 AND turn = 0")
            }
        }
    }
}
