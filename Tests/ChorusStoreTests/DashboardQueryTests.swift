import ChorusModel
import ChorusScoring
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@testable import ChorusStore

/// The dashboard's reads: conversation search by every filter with keyset pages that cover each
/// match once and examine a bounded window, pairing in SQL, what a run keeps when it ends, and
/// query plans that use the indexes (no scan of every conversation).
@Suite struct DashboardQueryTests {
    /// Conversation i: outcome by i % 4, goal and persona by parity, a failure every fifth,
    /// "needle" said by the user every seventh and by the bot every eleventh.
    static func record(_ i: Int, completedWhen: (Int) -> Bool = { $0 % 4 == 0 }) -> ConversationRecord {
        let outcomes: [Outcome] = [.completed, .abandoned, .maxTurns, .handedOff]
        let outcome = completedWhen(i) ? .completed : outcomes[1 + i % 3]
        let turn = TurnRecord(
            user: i % 7 == 0 ? "I said Needle here" : "hello 100%",
            expectedIntent: i % 2 == 0 ? "refund" : "hours", predictedIntent: i % 3 == 0 ? "nlu_fallback" : "refund",
            bot: [i % 11 == 0 ? "a \"needle\" from the bot" : "ok"], latencyMs: Double(i % 50),
            dialogueFailures: i % 5 == 0 ? [.contextLost] : [])
        return ConversationRecord(
            index: i, persona: i % 2 == 0 ? "calm" : "hurried", goal: i % 2 == 0 ? "refund" : "hours", outcome: outcome,
            turns: [turn, TurnRecord(user: "bye", bot: ["bye"], latencyMs: 1)])
    }

    static func store(runs names: [String] = ["a"], count: Int = 300) throws -> (ResultStore, [StoredRun]) {
        let store = try ResultStore(path: try Fixtures.temporaryDirectory("chorus-dashboard-store") + "/results.sqlite")
        var runs: [StoredRun] = []
        for (number, name) in names.enumerated() {
            let run = try store.createRun(
                StoredRun(
                    name: name, suite: "shop", suiteHash: "h", suitePath: "s", targetPath: "t.yaml",
                    target: TargetInfo(kind: "reference", name: number % 2 == 0 ? "acme-v1" : "acme-v2", detail: ""),
                    seed: 7,
                    conversations: count, chorusVersion: "test", startedAt: "2026-01-0\(number + 1)T00:00:00Z"))
            let records = (0..<count).map { i in
                Self.record(i, completedWhen: number == 0 ? { $0 % 4 == 0 } : { $0 % 4 == 0 || $0 % 10 == 1 })
            }
            try store.append(records, run: run.id)
            var aggregate = Aggregate()
            var analyzer = FailureAnalyzer()
            for record in records {
                aggregate.add(record)
                analyzer.add(record)
            }
            try store.finishRun(
                id: run.id, status: .completed, endedAt: "2026-01-0\(number + 1)T01:00:00Z", aggregate: aggregate,
                failures: analyzer.analysis())
            runs.append(run)
        }
        return (store, runs)
    }

    /// Every page of a search, following `next` until the run is exhausted.
    static func all(_ query: ConversationQuery, in run: StoredRun, store: ResultStore) throws -> (
        indices: [Int], pages: Int
    ) {
        var query = query
        var indices: [Int] = []
        var pages = 0
        while true {
            let page = try store.search(query, in: run)
            pages += 1
            #expect(page.hits.count <= query.limit)
            indices += page.hits.map(\.position.index)
            guard let next = page.next, pages < 1000 else { break }
            query.after = next
        }
        return (indices, pages)
    }

    @Test func eachFilterFindsExactlyTheMatchingConversationsAcrossPages() throws {
        let (store, runs) = try Self.store()
        let run = runs[0]
        let records = (0..<300).map { Self.record($0) }
        let cases: [(ConversationQuery, (ConversationRecord) -> Bool)] = [
            (ConversationQuery(outcome: .abandoned), { $0.outcome == .abandoned }),
            (ConversationQuery(goal: "refund", persona: "calm"), { $0.goal == "refund" && $0.persona == "calm" }),
            (ConversationQuery(text: "needle"), { $0.index % 7 == 0 || $0.index % 11 == 0 }),
            (ConversationQuery(intent: "nlu_fallback"), { $0.index % 3 == 0 }),
            (ConversationQuery(dialogueFailure: .contextLost), { $0.index % 5 == 0 }),
            (
                ConversationQuery(text: "needle", outcome: .completed),
                { ($0.index % 7 == 0 || $0.index % 11 == 0) && $0.outcome == .completed }
            ),
        ]
        for (query, matches) in cases {
            var paged = query
            paged.limit = 7
            let found = try Self.all(paged, in: run, store: store)
            #expect(found.indices == records.filter(matches).map(\.index), "\(query)")
            #expect(found.pages >= found.indices.count / 7)
        }
    }

    @Test func likeWildcardsInTheSearchTextAreLiteral() throws {
        let (store, runs) = try Self.store(count: 40)
        // Every conversation says "hello 100%" except the needle ones; "0%" must not match "_" or all.
        let percent = try Self.all(ConversationQuery(text: "100%"), in: runs[0], store: store).indices
        #expect(percent == (0..<40).filter { $0 % 7 != 0 })
        let underscore = try Self.all(ConversationQuery(text: "hello_"), in: runs[0], store: store).indices
        #expect(underscore.isEmpty)
        // A quote is matched in the bot column's JSON spelling.
        let quoted = try Self.all(ConversationQuery(text: "\"needle\""), in: runs[0], store: store).indices
        #expect(quoted == (0..<40).filter { $0 % 11 == 0 })
    }

    @Test func onePageExaminesAtMostItsWindowAndSaysWhereToGoOn() throws {
        let (store, runs) = try Self.store()
        // No conversation matches: each page examines 50 indices, so six pages cover the run.
        let query = ConversationQuery(text: "never said", window: 50)
        let first = try store.search(query, in: runs[0])
        #expect(first.hits.isEmpty)
        #expect(first.examinedThrough == 49)
        #expect(first.next == ConversationPosition(index: 49, repeatIndex: Int.max))
        let all = try Self.all(query, in: runs[0], store: store)
        #expect(all.pages == 6 && all.indices.isEmpty)
    }

    @Test func positionsRoundTripThroughTheirText() {
        for position in [ConversationPosition(index: 0), ConversationPosition(index: 17, repeatIndex: 2)] {
            #expect(ConversationPosition(position.text) == position)
        }
        for bad in ["", "x", "-1", "1.2.3", "1.-2"] { #expect(ConversationPosition(bad) == nil, "\(bad)") }
    }

    @Test func pairingInSQLCountsWhatPairingTheRecordsCounts() throws {
        let (store, runs) = try Self.store(runs: ["a", "b"], count: 200)
        let cells = try store.pairedOutcomes(runs[0], runs[1])
        var expected: [PairCell: Int] = [:]
        for i in 0..<200 {
            let a = i % 4 == 0
            let b = i % 4 == 0 || i % 10 == 1
            expected[PairCell(passedA: a, passedB: b), default: 0] += 1
        }
        #expect(cells == expected)
        // Only B-passed flips exist here (B completes every conversation A does, and more).
        let flips = try store.flippedConversations(runs[0], runs[1], limit: 3)
        #expect(flips.map(\.a.index) == [1, 11, 21])
        #expect(flips.allSatisfy { $0.a.outcome != .completed && $0.b.outcome == .completed })
        let reversed = try store.flippedConversations(runs[1], runs[0], limit: 2)
        #expect(reversed.map(\.a.index) == [1, 11])
        #expect(reversed.allSatisfy { $0.a.outcome == .completed && $0.b.outcome != .completed })
    }

    @Test func aFinishedRunKeepsItsHeadlineFailuresAndVerdict() throws {
        let (store, runs) = try Self.store(runs: ["a", "b", "c"], count: 40)
        let run = runs[0]
        let stored = try store.headline(of: run)
        #expect(stored.headline?.conversations == 40)
        #expect(stored.headline?.rates["completion_rate"]?.successes == 10)
        #expect(stored.verdict == nil)
        try store.setVerdict(runID: run.id, passed: false)
        #expect(try store.headline(of: run).verdict == false)
        let failures = try store.failureAnalysis(of: run)
        #expect(failures == (try store.failureAnalysis(of: run, recompute: true)))
        #expect(failures.failingConversations >= 30, "every conversation not completed, at least")
        // The latest run of each suite and target, and one target's runs oldest first.
        #expect(try store.latestRuns().map(\.name) == ["c", "b"])
        #expect(try store.runs(suite: "shop", target: "acme-v1", limit: 10).map(\.name) == ["a", "c"])
        #expect(try store.runs(suite: "shop", target: "acme-v1", limit: 1).map(\.name) == ["c"])
    }

    @Test func theDashboardsQueriesUseIndexesNotScans() throws {
        let (store, _) = try Self.store(count: 10)
        let plans: [(String, String)] = [
            (
                "SELECT * FROM conversation c WHERE c.run_id = 1 AND c.outcome = 'abandoned' AND c.idx > 5 ORDER BY c.idx LIMIT 51",
                "conversation_outcome"
            ),
            (
                "SELECT * FROM conversation c WHERE c.run_id = 1 AND c.goal = 'refund' AND c.idx > 5 ORDER BY c.idx LIMIT 51",
                "conversation_goal"
            ),
            (
                "SELECT * FROM run WHERE suite = 'shop' AND target_name = 'acme' AND status = 'completed' ORDER BY started_at DESC LIMIT 5",
                "run_suite_target"
            ),
        ]
        for (sql, index) in plans {
            let plan = try store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }.joined(separator: "; ")
            #expect(plan.contains(index), "\(sql): \(plan)")
            #expect(!plan.contains("SCAN c") && !plan.contains("SCAN conversation"), "\(plan)")
        }
    }
}
