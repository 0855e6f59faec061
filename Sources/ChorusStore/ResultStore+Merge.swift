import ChorusScoring
import GRDB

extension ResultStore {
    /// Copies every conversation and turn of `run` from the database at `path` into the run
    /// `target` of this database, in one transaction (SQL does the copying; nothing is decoded).
    public func importConversations(of run: StoredRun, from path: String, into target: Int64) throws(StoreError) {
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [path])
                defer { try? db.execute(sql: "DETACH DATABASE source") }
                try db.inTransaction {
                    try db.execute(
                        sql: """
                            INSERT INTO conversation (run_id, idx, repeat_idx, persona, goal, outcome, turns, goals, behaviours,
                                language)
                            SELECT ?, idx, repeat_idx, persona, goal, outcome, turns, goals, behaviours, language
                            FROM source.conversation WHERE run_id = ?
                            """, arguments: [target, run.id])
                    try db.execute(
                        sql: """
                            INSERT INTO turn (run_id, conversation, repeat_idx, turn, user, expected_intent, predicted_intent,
                                confidence, expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail,
                                failures, act, goal, dialogue_failures)
                            SELECT ?, conversation, repeat_idx, turn, user, expected_intent, predicted_intent, confidence,
                                expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail, failures,
                                act, goal, dialogue_failures
                            FROM source.turn WHERE run_id = ?
                            """, arguments: [target, run.id])
                    return .commit
                }
            }
        } catch {
            throw StoreError("cannot copy run \(run.name) from \(path) into \(self.path): \(error)")
        }
    }
}
