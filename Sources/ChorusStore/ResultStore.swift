import ChorusModel
import ChorusScoring
import ChorusSpec
import Foundation
import GRDB

/// The results database: every run, conversation and turn, in one SQLite file (WAL mode).
///
/// Writes come from one writer in batched transactions, each holding whole conversations, so a
/// killed process leaves a database that opens and holds every conversation of every committed
/// batch — the prefix a resumed run continues from.
public final class ResultStore: Sendable {
    public let path: String
    /// Whether the database was opened only for reading (a file or folder Chorus may not write).
    public let readOnly: Bool
    let pool: any DatabaseWriter

    /// Opens (creating and migrating as needed) the database at `path`; with `readOnly`, opens
    /// it for reading only, as it is (`runs`, `show`, `report` on a database Chorus may not write).
    public init(path: String, readOnly: Bool = false) throws(StoreError) {
        self.path = path
        self.readOnly = readOnly
        if readOnly {
            pool = try Self.openReadOnly(path)
            return
        }
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                // WAL (the pool's mode) with NORMAL sync: a crash never corrupts the file, and a
                // commit costs no fsync of the main database.
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            configuration.busyMode = .timeout(10)
            pool = try Self.openPool(path, configuration)
            try Self.migrate(pool)
        } catch {
            throw StoreError("cannot open results database \(path): \(Self.describe(error))")
        }
    }

    /// Opens the pool, again while SQLite answers "database is locked" without waiting: a
    /// connection that switches a new file to WAL while another does the same gets SQLITE_BUSY at
    /// once, not after the busy timeout (shards started together). The other connection finishes
    /// the switch within moments; a file locked for longer is still an error.
    private static func openPool(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 100 {
                attempt += 1
                usleep(10_000)
            }
        }
    }

    /// Brings the schema up to date while other processes may do the same to the same new file
    /// (shards started together): GRDB reads which migrations are applied before it takes the
    /// write lock, so a migration another process applied in between fails here ("table already
    /// exists", "UNIQUE constraint failed"). Each retry reads the applied list again and skips it.
    private static func migrate(_ pool: any DatabaseWriter) throws {
        let migrator = Self.migrator
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                attempt += 1
                if try pool.read({ db in try migrator.hasCompletedMigrations(db) }) { return }
                // Each retry follows a migration another process applied: at most one per migration.
                if attempt > migrator.migrations.count { throw error }
            }
        }
    }

    /// A read-only connection: no directory, no migration, no journal file of its own. A
    /// database left with an uncheckpointed journal by a killed run, in a folder Chorus may not
    /// write, is read as an immutable file.
    private static func openReadOnly(_ path: String) throws(StoreError) -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        func open(_ location: String) throws -> DatabaseQueue {
            let queue = try DatabaseQueue(path: location, configuration: configuration)
            let current = try queue.read { db in try migrator.hasCompletedMigrations(db) }
            guard current else {
                throw StoreError(
                    "cannot read \(path): it was written by an older Chorus; open it once where it can be written, to update it"
                )
            }
            return queue
        }
        do {
            return try open(path)
        } catch let error as StoreError {
            throw error
        } catch {
            do {
                return try open("file:\(path)?immutable=1")
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError("cannot read \(path) (opened read-only): \(Self.describe(error))")
            }
        }
    }

    /// A database error as a person reads it: SQLite's message, without GRDB's internals.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return "\(error)" }
        return error.message ?? error.resultCode.description
    }

    /// The schema's history; each migration runs once per database, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, conversations, turns") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE,
                        suite TEXT NOT NULL,
                        suite_hash TEXT NOT NULL,
                        suite_path TEXT NOT NULL,
                        target_path TEXT NOT NULL,
                        target_kind TEXT NOT NULL,
                        target_name TEXT NOT NULL,
                        target_detail TEXT NOT NULL,
                        seed INTEGER NOT NULL,
                        conversations INTEGER NOT NULL,
                        shard TEXT,
                        chorus_version TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL,
                        gate TEXT,
                        baseline TEXT,
                        aggregate TEXT
                    );
                    CREATE INDEX run_suite ON run(suite, started_at);
                    CREATE TABLE conversation (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        idx INTEGER NOT NULL,
                        persona TEXT NOT NULL,
                        goal TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        turns INTEGER NOT NULL,
                        PRIMARY KEY (run_id, idx)
                    ) WITHOUT ROWID;
                    CREATE TABLE turn (
                        run_id INTEGER NOT NULL,
                        conversation INTEGER NOT NULL,
                        turn INTEGER NOT NULL,
                        user TEXT NOT NULL,
                        expected_intent TEXT,
                        predicted_intent TEXT,
                        confidence REAL,
                        expected_slots TEXT NOT NULL,
                        entities TEXT,
                        fallback INTEGER NOT NULL,
                        handoff INTEGER NOT NULL,
                        bot TEXT NOT NULL,
                        latency_ms REAL NOT NULL,
                        error TEXT,
                        error_detail TEXT,
                        failures TEXT,
                        PRIMARY KEY (run_id, conversation, turn),
                        FOREIGN KEY (run_id, conversation) REFERENCES conversation(run_id, idx) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2: repeats, acts, goals, dialogue failures, behaviours") { db in
            // The key of a conversation gains its repeat index (`--repeat k` stores k plays of one
            // conversation), so both tables are rebuilt: SQLite cannot change a primary key in
            // place. Rows of older databases are kept, as repeat 0; their goals column stays NULL
            // and reads as the one goal the conversation had.
            try db.execute(
                sql: """
                    CREATE TABLE conversation_v2 (
                        run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                        idx INTEGER NOT NULL,
                        repeat_idx INTEGER NOT NULL DEFAULT 0,
                        persona TEXT NOT NULL,
                        goal TEXT NOT NULL,
                        outcome TEXT NOT NULL,
                        turns INTEGER NOT NULL,
                        goals TEXT,
                        behaviours TEXT,
                        PRIMARY KEY (run_id, idx, repeat_idx)
                    ) WITHOUT ROWID;
                    INSERT INTO conversation_v2 (run_id, idx, repeat_idx, persona, goal, outcome, turns)
                        SELECT run_id, idx, 0, persona, goal, outcome, turns FROM conversation;
                    CREATE TABLE turn_v2 (
                        run_id INTEGER NOT NULL,
                        conversation INTEGER NOT NULL,
                        repeat_idx INTEGER NOT NULL DEFAULT 0,
                        turn INTEGER NOT NULL,
                        user TEXT NOT NULL,
                        expected_intent TEXT,
                        predicted_intent TEXT,
                        confidence REAL,
                        expected_slots TEXT NOT NULL,
                        entities TEXT,
                        fallback INTEGER NOT NULL,
                        handoff INTEGER NOT NULL,
                        bot TEXT NOT NULL,
                        latency_ms REAL NOT NULL,
                        error TEXT,
                        error_detail TEXT,
                        failures TEXT,
                        act TEXT,
                        goal INTEGER NOT NULL DEFAULT 0,
                        dialogue_failures TEXT,
                        PRIMARY KEY (run_id, conversation, repeat_idx, turn),
                        FOREIGN KEY (run_id, conversation, repeat_idx)
                            REFERENCES conversation(run_id, idx, repeat_idx) ON DELETE CASCADE
                    ) WITHOUT ROWID;
                    INSERT INTO turn_v2 (run_id, conversation, repeat_idx, turn, user, expected_intent, predicted_intent,
                        confidence, expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail, failures)
                        SELECT run_id, conversation, 0, turn, user, expected_intent, predicted_intent, confidence,
                            expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail, failures
                        FROM turn;
                    DROP TABLE turn;
                    DROP TABLE conversation;
                    ALTER TABLE conversation_v2 RENAME TO conversation;
                    ALTER TABLE turn_v2 RENAME TO turn;
                    """)
        }
        migrator.registerMigration("v3: the language of each conversation") { db in
            // NULL for conversations stored before languages were recorded.
            try db.execute(sql: "ALTER TABLE conversation ADD COLUMN language TEXT")
        }
        migrator.registerMigration("v4: run labels and git checkout") { db in
            // A run's `--label` pairs (a JSON object) and the git checkout it was started in.
            try db.execute(
                sql: """
                    ALTER TABLE run ADD COLUMN labels TEXT;
                    ALTER TABLE run ADD COLUMN git_commit TEXT;
                    ALTER TABLE run ADD COLUMN git_branch TEXT;
                    ALTER TABLE run ADD COLUMN git_dirty INTEGER;
                    """)
        }
        migrator.registerMigration("v5: plays per conversation") { db in
            // Plays of each conversation (`--repeat k`), so a resumed run plays as many.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1")
        }
        migrator.registerMigration("v6: alert state and ticks of chorus watch") { db in
            try createWatchTables(db)
        }
        migrator.registerMigration("v7: per-run headline, failures and verdict; search indexes") { db in
            // What the dashboard shows of a run is kept when the run ends, so no page reads a run's
            // conversations to draw it: the headline rates (small JSON), the failure analysis, and
            // the gate's verdict (`pass`/`fail`, NULL when not judged). The indexes serve the
            // dashboard's conversation search (filters within one run, keyset on idx) and its
            // per-suite, per-target trends.
            try db.execute(
                sql: """
                    ALTER TABLE run ADD COLUMN headline TEXT;
                    ALTER TABLE run ADD COLUMN failures TEXT;
                    ALTER TABLE run ADD COLUMN verdict TEXT;
                    CREATE INDEX run_suite_target ON run(suite, target_name, started_at);
                    CREATE INDEX conversation_outcome ON conversation(run_id, outcome, idx);
                    CREATE INDEX conversation_goal ON conversation(run_id, goal, idx);
                    CREATE INDEX conversation_persona ON conversation(run_id, persona, idx);
                    """)
        }
        return migrator
    }

    // MARK: - Runs

    /// Records a new run and returns it with its id.
    public func createRun(_ run: StoredRun) throws(StoreError) -> StoredRun {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (name, suite, suite_hash, suite_path, target_path, target_kind, target_name,
                        target_detail, seed, conversations, shard, chorus_version, started_at, ended_at, status,
                        labels, git_commit, git_branch, git_dirty, repeats)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.name, run.suite, run.suiteHash, run.suitePath, run.targetPath, run.target.kind,
                    run.target.name, run.target.detail, Int64(bitPattern: run.seed), run.conversations, run.shard,
                    run.chorusVersion, run.startedAt, run.endedAt, run.status.rawValue,
                    run.labels.labels.isEmpty ? nil : ColumnCodec.encode(labels: run.labels.labels),
                    run.labels.git?.commit,
                    run.labels.git?.branch, run.labels.git?.dirty, run.repeats,
                ])
            var stored = run
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Marks a run ended with `status`, keeping its final aggregate (and its headline rates) and,
    /// when given, its failure analysis for reports and the dashboard.
    public func finishRun(
        id: Int64, status: RunStatus, endedAt: String, aggregate: Aggregate?, failures: FailureAnalysis? = nil
    ) throws(StoreError) {
        let encoder = JSONEncoder()
        let json = aggregate.flatMap { try? String(decoding: encoder.encode($0), as: UTF8.self) }
        let headline = aggregate.flatMap { try? String(decoding: encoder.encode(RunHeadline($0)), as: UTF8.self) }
        let analysis = failures.flatMap { try? String(decoding: encoder.encode($0), as: UTF8.self) }
        try write { db in
            try db.execute(
                sql: "UPDATE run SET status = ?, ended_at = ?, aggregate = ?, headline = ?, failures = ? WHERE id = ?",
                arguments: [status.rawValue, endedAt, json, headline, analysis, id])
        }
    }

    /// Keeps the gate rules and the baseline (as JSON texts) a run is judged by, so its reports
    /// can be rendered again from the database alone.
    public func setJudgement(runID: Int64, gate: String?, baseline: String?) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "UPDATE run SET gate = ?, baseline = ? WHERE id = ?", arguments: [gate, baseline, runID])
        }
    }

    /// The gate rules and baseline stored with a run (JSON texts).
    public func judgement(of run: StoredRun) throws(StoreError) -> (gate: String?, baseline: String?) {
        try read { db in
            let row = try Row.fetchOne(db, sql: "SELECT gate, baseline FROM run WHERE id = ?", arguments: [run.id])
            return (row?["gate"], row?["baseline"])
        }
    }

    /// Every run, oldest first.
    public func runs(suite: String? = nil) throws(StoreError) -> [StoredRun] {
        try read { db in
            let rows =
                if let suite {
                    try Row.fetchAll(db, sql: "SELECT * FROM run WHERE suite = ? ORDER BY id", arguments: [suite])
                } else {
                    try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id")
                }
            return try rows.map(Self.run(from:))
        }
    }

    /// The run called `name`; `latest` names the most recent run.
    public func run(named name: String) throws(StoreError) -> StoredRun? {
        try read { db in
            let row =
                name == "latest"
                ? try Row.fetchOne(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT 1")
                : try Row.fetchOne(db, sql: "SELECT * FROM run WHERE name = ?", arguments: [name])
            return try row.map(Self.run(from:))
        }
    }

    /// The aggregate kept when the run finished, or (with `recompute`, or when none was kept)
    /// recomputed from its stored conversations.
    public func aggregate(of run: StoredRun, recompute: Bool = false) throws(StoreError) -> Aggregate {
        if !recompute, let aggregate = try stored(Aggregate.self, column: "aggregate", of: run) { return aggregate }
        var builder = AggregateBuilder()
        try forEachConversation(of: run) { record in builder.add(record) }
        return builder.finish()
    }

    /// A JSON column of a run's row, decoded; nil when it is NULL or does not decode (then the
    /// caller computes it from the conversations).
    func stored<T: Decodable>(_ type: T.Type, column: String, of run: StoredRun) throws(StoreError) -> T? {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT \(column) FROM run WHERE id = ?", arguments: [run.id])
        }
        return text.flatMap { try? JSONDecoder().decode(T.self, from: Data($0.utf8)) }
    }

    static func run(from row: Row) throws(StoreError) -> StoredRun {
        StoredRun(
            id: row["id"], name: row["name"], suite: row["suite"], suiteHash: row["suite_hash"],
            suitePath: row["suite_path"], targetPath: row["target_path"],
            target: TargetInfo(kind: row["target_kind"], name: row["target_name"], detail: row["target_detail"]),
            seed: UInt64(bitPattern: row["seed"]), conversations: row["conversations"], shard: row["shard"],
            chorusVersion: row["chorus_version"], startedAt: row["started_at"], endedAt: row["ended_at"],
            status: RunStatus(rawValue: row["status"]) ?? .running, labels: try labels(from: row),
            repeats: row["repeats"])
    }

    /// A run's labels and git revision (none in runs stored before labels were kept).
    static func labels(from row: Row) throws(StoreError) -> RunLabels {
        let pairs = try (row["labels"] as String?).map { text throws(StoreError) in
            try ColumnCodec.labels(text, column: "labels")
        }
        let git = (row["git_commit"] as String?).map { commit in
            GitRevision(commit: commit, branch: row["git_branch"], dirty: (row["git_dirty"] as Bool?) ?? false)
        }
        return RunLabels(labels: pairs ?? [:], git: git)
    }

    // MARK: - Conversations

    /// Writes whole conversations in one transaction.
    public func append(_ records: [ConversationRecord], run: Int64) throws(StoreError) {
        try write { db in
            let conversation = try db.cachedStatement(
                sql: """
                    INSERT INTO conversation (run_id, idx, repeat_idx, persona, goal, outcome, turns, goals, behaviours,
                        language)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let turn = try db.cachedStatement(
                sql: """
                    INSERT INTO turn (run_id, conversation, repeat_idx, turn, user, expected_intent, predicted_intent,
                        confidence, expected_slots, entities, fallback, handoff, bot, latency_ms, error, error_detail,
                        failures, act, goal, dialogue_failures)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var conversationRow = RowBinder(conversation)
            var turnRow = RowBinder(turn)
            for record in records {
                conversationRow.bind(run)
                conversationRow.bind(record.index)
                conversationRow.bind(record.repeatIndex)
                conversationRow.bind(record.persona)
                conversationRow.bind(record.goal)
                conversationRow.bind(record.outcome.rawValue)
                conversationRow.bind(record.turns.count)
                conversationRow.bind(record.goals, as: ColumnCodec.write)
                conversationRow.bind(record.behaviours.isEmpty ? nil : record.behaviours, as: ColumnCodec.write)
                conversationRow.bind(record.language)
                try conversationRow.step()
                for (number, t) in record.turns.enumerated() {
                    turnRow.bind(run)
                    turnRow.bind(record.index)
                    turnRow.bind(record.repeatIndex)
                    turnRow.bind(number)
                    turnRow.bind(t.user)
                    turnRow.bind(t.expectedIntent)
                    turnRow.bind(t.predictedIntent)
                    turnRow.bind(t.confidence)
                    turnRow.bind(t.expectedSlots, as: ColumnCodec.write)
                    turnRow.bind(t.entities, as: ColumnCodec.write)
                    turnRow.bind(t.fallback)
                    turnRow.bind(t.handoff)
                    turnRow.bind(t.bot, as: ColumnCodec.write)
                    turnRow.bind(t.latencyMs)
                    turnRow.bind(t.error?.rawValue)
                    turnRow.bind(t.errorDetail)
                    turnRow.bind(t.failures.isEmpty ? nil : t.failures, as: ColumnCodec.write)
                    turnRow.bind(t.act?.rawValue)
                    turnRow.bind(t.goal)
                    turnRow.bind(t.dialogueFailures.isEmpty ? nil : t.dialogueFailures, as: ColumnCodec.write)
                    try turnRow.step()
                }
            }
        }
    }

    /// Number of conversations stored for a run (each play of a repeated conversation counts).
    public func conversationCount(of run: StoredRun) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversation WHERE run_id = ?", arguments: [run.id]) ?? 0
        }
    }

    /// Deletes the plays of every conversation of a repeated run that has fewer than the run's
    /// `repeats` plays stored (a kill between two plays), so a resumed run plays it whole again.
    public func dropIncompletePlays(of run: StoredRun) throws(StoreError) {
        guard run.repeats > 1 else { return }
        try write { db in
            try db.execute(
                sql: """
                    DELETE FROM conversation WHERE run_id = ? AND idx IN (
                        SELECT idx FROM conversation WHERE run_id = ? GROUP BY idx HAVING COUNT(*) < ?)
                    """, arguments: [run.id, run.id, run.repeats])
        }
    }

    /// The conversation indices stored for a run, ascending, each once (however many plays).
    public func conversationIndices(of run: StoredRun) throws(StoreError) -> [Int] {
        try read { db in
            try Int.fetchAll(
                db, sql: "SELECT DISTINCT idx FROM conversation WHERE run_id = ? ORDER BY idx", arguments: [run.id])
        }
    }

    /// One stored play of a conversation (the first, unless `repeat` says), with its turns.
    public func conversation(_ index: Int, repeat: Int = 0, of run: StoredRun) throws(StoreError) -> ConversationRecord?
    {
        var found: ConversationRecord?
        try forEachConversation(of: run, from: index, to: index) { record in
            if record.repeatIndex == `repeat` { found = record }
        }
        return found
    }

    /// Calls `body` with each stored conversation of a run in index order (plays of one
    /// conversation in repeat order), streaming (flat memory).
    public func forEachConversation(
        of run: StoredRun, from first: Int = 0, to last: Int = Int.max, _ body: (ConversationRecord) throws -> Void
    ) throws(StoreError) {
        do {
            try pool.read { db in
                let turns = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT c.idx, c.persona, c.goal, c.outcome, t.turn, t.user, t.expected_intent, t.predicted_intent,
                            t.confidence, t.expected_slots, t.entities, t.fallback, t.handoff, t.bot, t.latency_ms,
                            t.error, t.error_detail, t.failures, c.repeat_idx, c.goals, c.behaviours, t.act, t.goal,
                            t.dialogue_failures, c.language
                        FROM conversation c
                        LEFT JOIN turn t ON t.run_id = c.run_id AND t.conversation = c.idx AND t.repeat_idx = c.repeat_idx
                        WHERE c.run_id = ? AND c.idx BETWEEN ? AND ?
                        ORDER BY c.idx, c.repeat_idx, t.turn
                        """, arguments: [run.id, first, last])
                var current: ConversationRecord?
                // A conversation's stored goals (NULL in databases from before goals were kept).
                var storedGoals: [GoalRecord]?
                while let row = try turns.next() {
                    let index: Int = row[0]
                    let play: Int = row[18]
                    if current?.index != index || current?.repeatIndex != play {
                        if let done = current { try body(Self.withGoals(done, storedGoals)) }
                        do throws(StoreError) {
                            storedGoals = try (row[19] as String?).map { text throws(StoreError) in
                                try ColumnCodec.goals(text, column: "goals")
                            }
                            current = ConversationRecord(
                                index: index, repeatIndex: play, persona: row[1], goal: row[2],
                                outcome: try Self.outcome(row[3]), turns: [],
                                behaviours: try (row[20] as String?).map { text throws(StoreError) in
                                    try ColumnCodec.names(text, column: "behaviours", as: Behaviour.self)
                                } ?? [],
                                language: row[24])
                        } catch {
                            throw StoreError("cannot read \(path): run \(run.name), conversation \(index): \(error)")
                        }
                    }
                    guard let number = row[4] as Int? else { continue }
                    do throws(StoreError) {
                        current?.turns.append(
                            TurnRecord(
                                user: row[5], expectedIntent: row[6], predictedIntent: row[7], confidence: row[8],
                                expectedSlots: try ColumnCodec.entities(row[9], column: "expected_slots"),
                                entities: try (row[10] as String?).map { text throws(StoreError) in
                                    try ColumnCodec.entities(text, column: "entities")
                                },
                                fallback: row[11], handoff: row[12],
                                bot: try ColumnCodec.strings(row[13], column: "bot"),
                                latencyMs: row[14],
                                error: (row[15] as String?).flatMap(TargetErrorClass.init(rawValue:)),
                                errorDetail: row[16],
                                failures: try (row[17] as String?).map { text throws(StoreError) in
                                    try ColumnCodec.strings(text, column: "failures")
                                } ?? [],
                                act: try (row[21] as String?).map { text throws(StoreError) in
                                    guard let act = UserAct(rawValue: text) else {
                                        throw StoreError("column act holds an unknown act \"\(text)\"")
                                    }
                                    return act
                                },
                                goal: row[22],
                                dialogueFailures: try (row[23] as String?).map { text throws(StoreError) in
                                    try ColumnCodec.names(text, column: "dialogue_failures", as: DialogueFailure.self)
                                } ?? []))
                    } catch {
                        throw StoreError(
                            "cannot read \(path): run \(run.name), conversation \(index), turn \(number): \(error)")
                    }
                }
                if let done = current { try body(Self.withGoals(done, storedGoals)) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read \(path): \(Self.describe(error))")
        }
    }

    /// A conversation read back with its stored goals; one stored before goals were kept gets
    /// the single goal it pursued, rebuilt from its outcome and turns.
    static func withGoals(_ record: ConversationRecord, _ goals: [GoalRecord]?) -> ConversationRecord {
        var record = record
        record.goals = goals ?? [GoalRecord(name: record.goal, outcome: record.outcome, turns: record.turns.count)]
        return record
    }

    /// An outcome column; an unknown outcome is an error, not a guess.
    static func outcome(_ text: String) throws(StoreError) -> Outcome {
        guard let outcome = Outcome(rawValue: text) else {
            throw StoreError("column outcome holds an unknown outcome \"\(text)\"")
        }
        return outcome
    }

    // MARK: - Access

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch {
            if readOnly {
                throw StoreError(
                    "cannot write to \(path): it is open read-only (the file or its folder cannot be written)")
            }
            throw StoreError("cannot write to \(path): \(Self.describe(error))")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError("cannot read \(path): \(Self.describe(error))")
        }
    }
}
