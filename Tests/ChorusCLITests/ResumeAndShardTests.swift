import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// Crash-safe resume and runs split across processes, as a botmaster uses them.
@Suite(.timeLimit(.minutes(20))) struct ResumeAndShardTests {
    /// Every stored conversation and turn of a run, without latencies, in index order.
    static func contents(_ db: String) throws -> [String] {
        try DatabaseQueue(path: db).read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT c.idx || '|' || c.persona || '|' || c.goal || '|' || c.outcome || '|' || c.turns || '|' ||
                        COALESCE(group_concat(t.user || '>' || COALESCE(t.predicted_intent, '') || '>' || t.bot, '§'), '')
                    FROM conversation c LEFT JOIN turn t ON t.run_id = c.run_id AND t.conversation = c.idx
                    GROUP BY c.run_id, c.idx ORDER BY c.idx
                    """)
        }
    }

    static func summary(_ directory: String) throws -> NSDictionary {
        try CLI.deterministicSummary(directory)
    }

    static func storedCount(_ db: String) -> Int {
        (try? DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM conversation") ?? 0 }) ?? 0
    }

    @Test func aRunKilledAtRandomPointsAndResumedEqualsAnUninterruptedRun() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-resume")
        // Without the latency rule, whose verdict depends on the machine's load, runs compare whole.
        let suite = try LoadShapeTests.suiteWithoutLatencyRule()
        let conversations = 40_000
        let reference = try await ChorusProcess.run([
            "run", suite, "--target", CLI.v1, "--conversations", "\(conversations)", "--db",
            "\(directory)/reference.sqlite",
            "--out", "\(directory)/reference", "--quiet", "--format", "json",
        ])
        #expect(reference.status == 0, "\(reference.stderr)")

        let db = "\(directory)/killed.sqlite"
        var generator = SystemRandomNumberGenerator()
        var arguments = [
            "run", suite, "--target", CLI.v1, "--conversations", "\(conversations)", "--db", db, "--out",
            "\(directory)/killed",
            "--quiet", "--format", "json",
        ]
        var kills = 0
        for attempt in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.chorusBinary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Kill once a random number more of conversations are stored (or the run has ended).
            let before = Self.storedCount(db)
            let target = before + Int.random(in: 1_000...6_000, using: &generator)
            try await Waiting.until(whileRunning: process) { Self.storedCount(db) >= target }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            await process.exited()
            if attempt == 0 {
                let name = try await DatabaseQueue(path: db).read {
                    try String.fetchOne($0, sql: "SELECT name FROM run")
                }
                arguments = [
                    "run", "--resume", try #require(name), "--db", db, "--out", "\(directory)/killed", "--quiet",
                    "--format", "json",
                ]
            }
        }
        #expect(kills >= 2)
        let finish = try await ChorusProcess.run(arguments)
        #expect(finish.status == 0, "\(finish.stderr)")
        #expect(Self.storedCount(db) == conversations)
        #expect(try Self.contents(db) == Self.contents("\(directory)/reference.sqlite"))
        #expect(try Self.summary("\(directory)/killed") == Self.summary("\(directory)/reference"))
    }

    @Test func fourShardsMergedGiveTheSameSummaryAsOneRun() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-shards")
        // Without the latency rule, whose verdict depends on the machine's load, runs compare whole.
        let suite = try LoadShapeTests.suiteWithoutLatencyRule()
        let conversations = 2_000
        let single = try await ChorusProcess.run([
            "run", suite, "--target", CLI.v1, "--conversations", "\(conversations)", "--db",
            "\(directory)/single.sqlite",
            "--out", "\(directory)/single", "--quiet", "--format", "json",
        ])
        #expect(single.status == 0)
        // Four separate processes, as four machines would run them (the last one through JOB_COMPLETION_INDEX).
        let processes = try (0..<4).map { shard -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Fixtures.chorusBinary)
            let shardArguments = shard == 3 ? ["--shards", "4"] : ["--shard", "\(shard)/4"]
            process.arguments =
                [
                    "run", suite, "--target", CLI.v1, "--conversations", "\(conversations)", "--db",
                    "\(directory)/shard-\(shard).sqlite", "--out", "\(directory)/shard-\(shard)", "--quiet", "--format",
                    "json",
                ] + shardArguments
            process.environment = ProcessInfo.processInfo.environment.merging(["JOB_COMPLETION_INDEX": "3"]) { $1 }
            process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes {
            await process.exited()
            #expect(process.terminationStatus == 0)
        }
        let merge = try await ChorusProcess.run(
            ["merge"] + (0..<4).map { "\(directory)/shard-\($0).sqlite" } + ["--into", "\(directory)/merged.sqlite"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stdout.contains("\(conversations) conversations"))
        let report = try await ChorusProcess.run([
            "report", "latest", "--db", "\(directory)/merged.sqlite", "--out", "\(directory)/merged", "--format",
            "json",
        ])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.summary("\(directory)/merged") == Self.summary("\(directory)/single"))
        #expect(try Self.contents("\(directory)/merged.sqlite") == Self.contents("\(directory)/single.sqlite"))

        // An incomplete set of shards is refused.
        let partial = try await ChorusProcess.run(
            [
                "merge", "\(directory)/shard-0.sqlite", "\(directory)/shard-2.sqlite", "--into",
                "\(directory)/partial.sqlite",
            ])
        #expect(partial.status == 2)
        #expect(partial.stderr.contains("needs each of 0…3 once"))
    }

    @Test func theProgressLineIsDrawnOnATerminalAndNeverInAPipe() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-progress")
        let arguments = [
            "run", CLI.suite, "--target", CLI.v1, "--conversations", "30000", "--db", "\(directory)/c.sqlite",
            "--out", "\(directory)/out", "--format", "json",
        ]
        let piped = try await ChorusProcess.run(arguments)
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("conv/s") && !piped.stdout.contains("conv/s"))
        #expect(!piped.stderr.contains("\r"))

        let (_, screen) = try await CLI.onTerminal(arguments, in: directory)
        #expect(screen.contains("conv/s"))
        #expect(screen.contains("/30,000"))
        #expect(!screen.contains("\u{1B}[2m"), "NO_COLOR turns colour off")
    }
}
