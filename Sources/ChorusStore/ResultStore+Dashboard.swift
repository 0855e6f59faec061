import ChorusModel
import ChorusScoring
import Foundation
import GRDB

/// The reads behind `chorus dashboard`: each is served by an index or by what a run stored when
/// it ended, so no page view scans the conversations of every run.
extension ResultStore {
    /// The failure analysis kept when the run finished, or (with `recompute`, or when none was
    /// kept: runs stored by an older Chorus, merged runs) computed from its stored conversations.
    public func failureAnalysis(of run: StoredRun, recompute: Bool = false) throws(StoreError) -> FailureAnalysis {
        if !recompute, let analysis = try stored(FailureAnalysis.self, column: "failures", of: run) { return analysis }
        var analyzer = FailureAnalyzer()
        try forEachConversation(of: run) { analyzer.add($0) }
        return analyzer.analysis()
    }

    /// Keeps the gate's verdict on a run (`true` passed, `false` failed, nil not judged).
    public func setVerdict(runID: Int64, passed: Bool?) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET verdict = ? WHERE id = ?", arguments: [passed.map { $0 ? "pass" : "fail" }, runID])
        }
    }

    /// The stored headline of a run and its stored verdict; the headline is computed from the
    /// aggregate when the run ended before headlines were kept, and nil for a run with neither.
    public func headline(of run: StoredRun) throws(StoreError) -> (headline: RunHeadline?, verdict: Bool?) {
        let row = try read { db in
            try Row.fetchOne(
                db, sql: "SELECT verdict, aggregate IS NOT NULL AS has FROM run WHERE id = ?", arguments: [run.id])
        }
        let verdict = Self.verdict(row?["verdict"])
        if let headline = try stored(RunHeadline.self, column: "headline", of: run) { return (headline, verdict) }
        guard row?["has"] == true else { return (nil, verdict) }
        return (RunHeadline(try aggregate(of: run)), verdict)
    }

    static func verdict(_ text: String?) -> Bool? {
        switch text {
        case "pass": true
        case "fail": false
        default: nil
        }
    }

    /// The latest completed run of each suite and target, by suite then target name.
    public func latestRuns() throws(StoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM run WHERE id IN (
                        SELECT (SELECT r.id FROM run r WHERE r.suite = k.suite AND r.target_name = k.target_name
                                AND r.status = 'completed' ORDER BY r.started_at DESC, r.id DESC LIMIT 1)
                        FROM (SELECT DISTINCT suite, target_name FROM run) k)
                    ORDER BY suite, target_name
                    """
            ).map(Self.run(from:))
        }
    }

    /// The last `limit` completed runs of one suite against one target, oldest first.
    public func runs(suite: String, target: String, limit: Int) throws(StoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (SELECT * FROM run WHERE suite = ? AND target_name = ? AND status = 'completed'
                        ORDER BY started_at DESC, id DESC LIMIT ?) ORDER BY started_at, id
                    """, arguments: [suite, target, limit]
            ).map(Self.run(from:))
        }
    }

    /// The most recent runs of every suite and target, newest first.
    public func recentRuns(limit: Int) throws(StoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map(
                Self.run(from:))
        }
    }

    /// One page of the conversations of `run` that match `query`, in index order.
    public func search(_ query: ConversationQuery, in run: StoredRun) throws(StoreError) -> ConversationPage {
        let after = query.after ?? ConversationPosition(index: -1, repeatIndex: Int.max)
        // Saturating: `after` comes from a link a person may edit.
        let (sum, overflow) = after.index.addingReportingOverflow(max(1, query.window))
        let through = overflow ? Int.max : sum
        var conditions = ["c.run_id = ?", "(c.idx > ? OR (c.idx = ? AND c.repeat_idx > ?))", "c.idx <= ?"]
        var arguments: [any DatabaseValueConvertible] = [run.id, after.index, after.index, after.repeatIndex, through]
        if let outcome = query.outcome {
            conditions.append("c.outcome = ?")
            arguments.append(outcome.rawValue)
        }
        if let goal = query.goal {
            conditions.append("c.goal = ?")
            arguments.append(goal)
        }
        if let persona = query.persona {
            conditions.append("c.persona = ?")
            arguments.append(persona)
        }
        // Filters on turns hold when one turn of the conversation satisfies each (not
        // necessarily the same turn): a search for a failure and a text finds the conversation.
        let turnOf = "FROM turn t WHERE t.run_id = c.run_id AND t.conversation = c.idx AND t.repeat_idx = c.repeat_idx"
        if let text = query.text, !text.isEmpty {
            // The bot column holds JSON texts, so the needle is matched in its JSON spelling there.
            let jsonBody = String(JSON.string(text).text.dropFirst().dropLast())
            conditions.append("EXISTS (SELECT 1 \(turnOf) AND (t.user LIKE ? ESCAPE '\\' OR t.bot LIKE ? ESCAPE '\\'))")
            arguments.append("%\(Self.likeEscaped(text))%")
            arguments.append("%\(Self.likeEscaped(jsonBody))%")
        }
        if let intent = query.intent {
            conditions.append("EXISTS (SELECT 1 \(turnOf) AND (t.expected_intent = ? OR t.predicted_intent = ?))")
            arguments.append(intent)
            arguments.append(intent)
        }
        if let failure = query.dialogueFailure {
            conditions.append("EXISTS (SELECT 1 \(turnOf) AND t.dialogue_failures LIKE ?)")
            arguments.append("%\"\(failure.rawValue)\"%")
        }
        let limit = max(1, query.limit)
        let sql = """
            SELECT c.idx, c.repeat_idx, c.persona, c.goal, c.outcome, c.turns, c.language FROM conversation c
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY c.idx, c.repeat_idx LIMIT \(limit + 1)
            """
        return try read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            var hits: [ConversationPage.Hit] = []
            for row in rows.prefix(limit) {
                let outcome = try Self.outcome(row[4])
                hits.append(
                    ConversationPage.Hit(
                        position: ConversationPosition(index: row[0], repeatIndex: row[1]), persona: row[2],
                        goal: row[3],
                        outcome: outcome, turns: row[5], language: row[6]))
            }
            if rows.count > limit, let last = hits.last {
                return ConversationPage(hits: hits, next: last.position, examinedThrough: last.position.index)
            }
            let highest =
                try Int.fetchOne(db, sql: "SELECT MAX(idx) FROM conversation WHERE run_id = ?", arguments: [run.id])
                ?? -1
            let next = through < highest ? ConversationPosition(index: through, repeatIndex: Int.max) : nil
            return ConversationPage(hits: hits, next: next, examinedThrough: min(through, highest))
        }
    }

    /// `text` with LIKE's wildcards (and the escape character) escaped by a backslash.
    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// How the conversations of two runs, matched by index and play, split by success (outcome
    /// `completed`) with A and with B: `[passedA, passedB] → pairs`. One pass over A's
    /// conversations, each looked up in B by its key.
    public func pairedOutcomes(_ a: StoredRun, _ b: StoredRun) throws(StoreError) -> [PairCell: Int] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.outcome = 'completed' AS pa, b.outcome = 'completed' AS pb, COUNT(*) AS n
                    FROM conversation a JOIN conversation b ON b.run_id = ? AND b.idx = a.idx AND b.repeat_idx = a.repeat_idx
                    WHERE a.run_id = ? GROUP BY pa, pb
                    """, arguments: [b.id, a.id])
            var cells: [PairCell: Int] = [:]
            for row in rows { cells[PairCell(passedA: row["pa"], passedB: row["pb"])] = row["n"] }
            return cells
        }
    }

    /// The first `limit` conversations (by index) that succeeded with A and not with B, and the
    /// first `limit` the other way round, each as stored in A and in B. One pass over the pairs.
    public func flippedConversations(
        _ a: StoredRun, _ b: StoredRun, limit: Int
    ) throws(StoreError) -> [(a: ConversationRecord, b: ConversationRecord)] {
        let positions = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT idx, repeat_idx FROM (
                        SELECT a.idx, a.repeat_idx,
                            ROW_NUMBER() OVER (PARTITION BY a.outcome = 'completed' ORDER BY a.idx, a.repeat_idx) AS n
                        FROM conversation a
                        JOIN conversation b ON b.run_id = ? AND b.idx = a.idx AND b.repeat_idx = a.repeat_idx
                        WHERE a.run_id = ? AND (a.outcome = 'completed') != (b.outcome = 'completed'))
                    WHERE n <= ? ORDER BY idx, repeat_idx
                    """, arguments: [b.id, a.id, limit]
            ).map { (index: $0[0] as Int, play: $0[1] as Int) }
        }
        var pairs: [(a: ConversationRecord, b: ConversationRecord)] = []
        for position in positions {
            guard let left = try conversation(position.index, repeat: position.play, of: a),
                let right = try conversation(position.index, repeat: position.play, of: b)
            else { continue }
            pairs.append((left, right))
        }
        return pairs
    }
}

/// One cell of a paired comparison's two-by-two table.
public struct PairCell: Sendable, Hashable {
    public var passedA: Bool
    public var passedB: Bool

    public init(passedA: Bool, passedB: Bool) {
        self.passedA = passedA
        self.passedB = passedB
    }
}
