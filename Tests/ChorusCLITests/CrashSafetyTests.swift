import ChorusTestSupport
import Foundation
import GRDB
import Testing

@Suite(.timeLimit(.minutes(20))) struct CrashSafetyTests {
    /// SIGKILL in the middle of a run: the database opens, passes SQLite's integrity check, and
    /// every conversation in it has all its turns.
    @Test func aKilledRunLeavesAConsistentDatabase() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-kill")
        let db = "\(directory)/chorus.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.chorusBinary)
        process.arguments = [
            "run", CLI.suite, "--target", CLI.v1, "--conversations", "1000000", "--db", db, "--out", directory,
            "--quiet",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some batches are committed, then kill without warning. No time limit: on a
        // loaded machine the run is slower, not different (it has a million conversations to go).
        try await Waiting.until(whileRunning: process) { ResumeAndShardTests.storedCount(db) >= 3000 }
        let stored = ResumeAndShardTests.storedCount(db)
        #expect(process.isRunning, "the run was still going when killed")
        kill(process.processIdentifier, SIGKILL)
        await process.exited()
        let storedBeforeKill = stored
        #expect(storedBeforeKill >= 3000)

        let queue = try DatabaseQueue(path: db)
        try await queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            let conversations = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversation") ?? 0
            #expect(conversations >= storedBeforeKill)
            #expect(conversations < 1_000_000)
            // Whole conversations only: each has exactly the turns it says, and indices form a prefix.
            let mismatched = try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM conversation c
                    WHERE c.turns != (SELECT COUNT(*) FROM turn t WHERE t.run_id = c.run_id AND t.conversation = c.idx)
                    """)
            #expect(mismatched == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT MAX(idx) FROM conversation") == conversations - 1)
            #expect(try String.fetchOne(db, sql: "SELECT status FROM run") == "running")
        }
        let runs = try await ChorusProcess.run(["runs", "--db", db])
        #expect(runs.status == 0 && runs.stdout.contains("running"))
    }
}
