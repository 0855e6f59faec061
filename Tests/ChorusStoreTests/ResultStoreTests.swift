import ChorusModel
import ChorusScoring
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import ChorusStore

private func records(_ count: Int) -> [ConversationRecord] {
    (0..<count).map { index in
        ConversationRecord(
            index: index, persona: index % 2 == 0 ? "careful" : "hurried", goal: "refund",
            outcome: index % 3 == 0 ? .abandoned : .completed,
            turns: [
                TurnRecord(
                    user: "I want a refund for \"AB-\(index)\"", expectedIntent: "refund", predictedIntent: "refund",
                    confidence: 0.9, expectedSlots: [Entity(name: "order_id", value: "AB-\(index)")],
                    entities: [Entity(name: "order_id", value: "AB-\(index)")],
                    bot: ["Which item?", "Or say 'human'."],
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
        let tables = try queue.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("run") && tables.contains("conversation") && tables.contains("turn"))
        let applied = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(
            applied == [
                "v1: runs, conversations, turns", "v2: repeats, acts, goals, dialogue failures, behaviours",
                "v3: the language of each conversation", "v4: run labels and git checkout",
                "v5: plays per conversation",
                "v6: alert state and ticks of chorus watch",
                "v7: per-run headline, failures and verdict; search indexes",
            ])
        let mode = try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// Shards started together open the same new database at once: every one opens it, and the
    /// schema is migrated once.
    @Test func storesOpeningOneNewDatabaseTogetherAllOpenIt() throws {
        for _ in 0..<10 {
            let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
            let opened = Mutex([Bool]())
            let errors = Mutex([String]())
            // Threads of their own, all at once (opening blocks while another holds the write lock).
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    _ = try ResultStore(path: path)
                    opened.withLock { $0.append(true) }
                } catch {
                    opened.withLock { $0.append(false) }
                    errors.withLock { $0.append("\(error)") }
                }
            }
            #expect(opened.withLock { $0 } == [true, true, true, true], "\(errors.withLock { $0 })")
            let applied = try DatabaseQueue(path: path).read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations")
            }
            #expect(applied == ResultStore.migrator.migrations.count)
        }
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
        for (column, damage) in [
            ("bot", "[\"unterminated"), ("expected_slots", "[[\"order_id\"]]"), ("failures", "{\"a\": 1}"),
        ] {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(
                    sql: "UPDATE turn SET \(column) = ? WHERE conversation = 1 AND turn = 0", arguments: [damage])
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

    /// Conversations with dialogue judgement: goals with the user's and the confirmed values,
    /// behaviours, per-turn acts, goal indices and dialogue failures, and two plays of one
    /// conversation (`--repeat`).
    static func dialogueRecords() -> [ConversationRecord] {
        func turn(_ text: String, act: UserAct?, goal: Int = 0, failures: [DialogueFailure] = []) -> TurnRecord {
            TurnRecord(user: text, bot: ["ok"], latencyMs: 1, act: act, goal: goal, dialogueFailures: failures)
        }
        let first = ConversationRecord(
            index: 0, persona: "calm", goal: "refund", outcome: .failed,
            turns: [
                turn("refund AB-1", act: .open), turn("sorry, I meant AB-2", act: .correct),
                turn("yes", act: .affirm, failures: [.correctionIgnored, .wrongValueConfirmed]),
                turn("and your hours?", act: .open, goal: 1),
                turn("bye", act: .close, goal: 1, failures: [.closingUnanswered]),
            ],
            goals: [
                GoalRecord(
                    name: "refund", outcome: .failed, turns: 3, values: [Entity(name: "order_id", value: "AB-2")],
                    confirmed: [Entity(name: "order_id", value: "AB-1")]),
                GoalRecord(name: "hours", outcome: .completed, turns: 2),
            ],
            behaviours: [.closing, .correction, .multiGoal])
        var again = first
        again.repeatIndex = 1
        again.outcome = .completed
        again.turns[2].dialogueFailures = []
        again.goals[0].outcome = .completed
        again.goals[0].confirmed = [Entity(name: "order_id", value: "AB-2")]
        let plain = ConversationRecord(
            index: 1, persona: "hasty", goal: "hours", outcome: .completed, turns: [turn("hours?", act: nil)])
        return [first, again, plain]
    }

    @Test func dialogueRecordsAndRepeatsRoundTrip() throws {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory() + "/results.sqlite")
        let run = try newRun(store)
        let written = Self.dialogueRecords()
        try store.append(written, run: run.id)
        var read: [ConversationRecord] = []
        try store.forEachConversation(of: run) { read.append($0) }
        #expect(read == written)
        #expect(try store.conversation(0, repeat: 1, of: run) == written[1])
        #expect(try store.conversation(0, of: run) == written[0])
        #expect(try store.conversationIndices(of: run) == [0, 1])
        #expect(try store.conversationCount(of: run) == 3)
        #expect(try store.aggregate(of: run, recompute: true) == Aggregate(written))
    }

    /// A database written before goals, acts and repeats were stored opens, migrates and reads:
    /// its conversations as repeat 0, each with the one goal it pursued, no acts.
    @Test func anOlderDatabaseIsMigratedAndStillReads() throws {
        let path = try Fixtures.temporaryDirectory() + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try ResultStore.migrator.migrate(queue, upTo: "v1: runs, conversations, turns")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (id, name, suite, suite_hash, suite_path, target_path, target_kind, target_name,
                        target_detail, seed, conversations, chorus_version, started_at, status)
                    VALUES (1, 'old', 'shop', 'h', 's', 't', 'reference', 'acme', '', 7, 1, 'test', '2026-01-01', 'completed');
                    INSERT INTO conversation (run_id, idx, persona, goal, outcome, turns) VALUES (1, 0, 'calm', 'refund', 'abandoned', 1);
                    INSERT INTO turn (run_id, conversation, turn, user, expected_intent, predicted_intent, confidence,
                        expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail, failures)
                    VALUES (1, 0, 0, 'refnud', 'refund', 'nlu_fallback', 0.3, '[]', '[]', 1, 0, '["Sorry?"]', 2.5, NULL, NULL, NULL);
                    """)
        }
        try queue.close()
        let store = try ResultStore(path: path)
        let run = try #require(try store.run(named: "old"))
        let record = try #require(try store.conversation(0, of: run))
        #expect(record.repeatIndex == 0 && record.behaviours.isEmpty)
        #expect(record.goals == [GoalRecord(name: "refund", outcome: .abandoned, turns: 1)])
        #expect(record.turns.map(\.user) == ["refnud"] && record.turns[0].act == nil && record.turns[0].goal == 0)
        #expect(record.turns[0].bot == ["Sorry?"] && record.turns[0].fallback)
        // And new conversations go in beside the old.
        try store.append(
            [Self.dialogueRecords()[2]].map {
                var r = $0
                r.index = 1
                return r
            }, run: run.id)
        #expect(try store.conversationIndices(of: run) == [0, 1])
    }

    @Test func anUnknownNameInADialogueColumnIsAnError() throws {
        let path = try Fixtures.temporaryDirectory() + "/results.sqlite"
        let store = try ResultStore(path: path)
        let run = try newRun(store)
        try store.append(Self.dialogueRecords(), run: run.id)
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: "UPDATE turn SET dialogue_failures = '[\"forgot_everything\"]' WHERE conversation = 0 AND turn = 2"
            )
        }
        let error = try #require(throws: StoreError.self) { try store.conversation(0, of: run) }
        #expect(
            error.description.contains("column dialogue_failures holds an item that is not a known name"), "\(error)")
    }
}
