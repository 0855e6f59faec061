import GRDB

extension ResultStore {
    /// The `v6` migration's tables: one alert state per watched suite and target, and one
    /// row per tick (its seed, run and verdict).
    static func createWatchTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE watch_state (
                    suite TEXT NOT NULL,
                    target TEXT NOT NULL,
                    state TEXT NOT NULL,
                    consecutive_failures INTEGER NOT NULL,
                    ticks INTEGER NOT NULL,
                    last_run TEXT,
                    last_reason TEXT,
                    last_passing_at TEXT,
                    failing_since TEXT,
                    pending_notification TEXT,
                    PRIMARY KEY (suite, target)
                ) WITHOUT ROWID;
                CREATE TABLE watch_tick (
                    id INTEGER PRIMARY KEY,
                    suite TEXT NOT NULL,
                    target TEXT NOT NULL,
                    tick INTEGER NOT NULL,
                    seed INTEGER NOT NULL,
                    started_at TEXT NOT NULL,
                    run_id INTEGER REFERENCES run(id) ON DELETE SET NULL,
                    verdict TEXT NOT NULL,
                    reason TEXT
                );
                CREATE INDEX watch_tick_started ON watch_tick(suite, target, started_at);
                """)
    }

    /// The stored alert state of `suite` against `target`, if it was ever watched.
    public func watchState(suite: String, target: String) throws(StoreError) -> StoredWatchState? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM watch_state WHERE suite = ? AND target = ?", arguments: [suite, target]
            )
            .map { row in
                StoredWatchState(
                    suite: row["suite"], target: row["target"], state: row["state"],
                    consecutiveFailures: row["consecutive_failures"], ticks: row["ticks"], lastRun: row["last_run"],
                    lastReason: row["last_reason"], lastPassingAt: row["last_passing_at"],
                    failingSince: row["failing_since"], pendingNotification: row["pending_notification"])
            }
        }
    }

    /// Keeps `state` (replacing the one stored for its suite and target).
    public func saveWatchState(_ state: StoredWatchState) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO watch_state (suite, target, state, consecutive_failures, ticks, last_run,
                        last_reason, last_passing_at, failing_since, pending_notification)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    state.suite, state.target, state.state, state.consecutiveFailures, state.ticks, state.lastRun,
                    state.lastReason, state.lastPassingAt, state.failingSince, state.pendingNotification,
                ])
        }
    }

    /// Records one tick.
    public func recordWatchTick(_ tick: StoredWatchTick) throws(StoreError) {
        try write { db in
            let runID = try tick.run.flatMap { name in
                try Int64.fetchOne(db, sql: "SELECT id FROM run WHERE name = ?", arguments: [name])
            }
            try db.execute(
                sql: """
                    INSERT INTO watch_tick (suite, target, tick, seed, started_at, run_id, verdict, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    tick.suite, tick.target, tick.tick, Int64(bitPattern: tick.seed), tick.startedAt, runID,
                    tick.verdict,
                    tick.reason,
                ])
        }
    }

    /// The ticks of `suite` against `target`, oldest first.
    public func watchTicks(suite: String, target: String) throws(StoreError) -> [StoredWatchTick] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT watch_tick.*, run.name AS run_name FROM watch_tick LEFT JOIN run ON run.id = watch_tick.run_id
                    WHERE watch_tick.suite = ? AND watch_tick.target = ? ORDER BY watch_tick.id
                    """,
                arguments: [suite, target]
            ).map { row in
                StoredWatchTick(
                    suite: row["suite"], target: row["target"], tick: row["tick"],
                    seed: UInt64(bitPattern: row["seed"]), startedAt: row["started_at"], run: row["run_name"],
                    verdict: row["verdict"], reason: row["reason"])
            }
        }
    }

    /// Retention: deletes the ticks of `suite` against `target` that started before `timestamp`,
    /// with their runs (conversations and turns); returns how many ticks went.
    @discardableResult
    public func pruneWatchTicks(suite: String, target: String, startedBefore timestamp: String) throws(StoreError)
        -> Int
    {
        let old: [(id: Int64, run: Int64?)] = try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, run_id FROM watch_tick WHERE suite = ? AND target = ? AND started_at < ?",
                arguments: [suite, target, timestamp]
            ).map { ($0["id"], $0["run_id"]) }
        }
        guard !old.isEmpty else { return 0 }
        try deleteRuns(ids: old.compactMap(\.run))
        try write { db in
            for tick in old { try db.execute(sql: "DELETE FROM watch_tick WHERE id = ?", arguments: [tick.id]) }
        }
        return old.count
    }
}
