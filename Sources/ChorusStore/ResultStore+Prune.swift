import GRDB

extension ResultStore {
    /// The runs that started before `timestamp` (an ISO 8601 text, as runs' `started_at`),
    /// oldest first.
    public func runs(startedBefore timestamp: String) throws(StoreError) -> [StoredRun] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE started_at < ? ORDER BY id", arguments: [timestamp])
                .map(Self.run(from:))
        }
    }

    /// Deletes the runs with these ids, with their conversations and turns (and the watch ticks
    /// that point at them), in one transaction; returns how many conversations went with them.
    @discardableResult
    public func deleteRuns(ids: [Int64]) throws(StoreError) -> Int {
        guard !ids.isEmpty else { return 0 }
        return try write { db in
            var conversations = 0
            for id in ids {
                conversations +=
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversation WHERE run_id = ?", arguments: [id])
                    ?? 0
                try db.execute(sql: "DELETE FROM turn WHERE run_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM conversation WHERE run_id = ?", arguments: [id])
                try db.execute(sql: "UPDATE watch_tick SET run_id = NULL WHERE run_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM run WHERE id = ?", arguments: [id])
            }
            return conversations
        }
    }

    /// Gives the pages of deleted rows back to the file system (`VACUUM`), and truncates the
    /// write-ahead log, so erased texts are gone from every file of the database.
    public func vacuum() throws(StoreError) {
        do {
            try pool.barrierWriteWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw StoreError("cannot vacuum \(path): \(Self.describe(error))")
        }
    }
}
