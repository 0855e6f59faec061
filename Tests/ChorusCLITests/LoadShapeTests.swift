import ChorusTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite(.timeLimit(.minutes(20))) struct LoadShapeTests {
    /// Open loop: conversations start at the given rate whatever the bot does; all are played,
    /// and every verdict is the closed loop's. (The schedule and the latencies it measures are
    /// checked exactly, on a test clock, by the runner's `OpenLoopTests`.)
    @Test func anOpenLoopRunPlaysEveryConversation() async throws {
        // Open-loop latency counts queueing, so its p95 depends on how busy the machine is: the
        // suite's copy here has every gate rule but the latency one, and the verdict is exact.
        let suite = try Self.suiteWithoutLatencyRule()
        let (directory, _) = try await CLI.run(
            ["--rate", "2000", "--concurrency", "8"], suite: suite, conversations: 200)
        let lines = try CLI.transcriptLines(directory)
        #expect(lines.count == 200)
        let (closed, _) = try await CLI.run([], suite: suite, conversations: 200)
        #expect(try CLI.transcriptLines(closed) == lines, "the load shape changes timing, never conversations")
    }

    /// The example suite, copied without its `latency_p95_ms` gate rule.
    static func suiteWithoutLatencyRule() throws -> String {
        let folder = try Fixtures.temporaryDirectory("chorus-suite")
        let source = Fixtures.path(CLI.suite)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".yaml") {
            let text = try String(contentsOfFile: "\(source)/\(file)", encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.trimmingCharacters(in: .whitespaces).hasPrefix("latency_p95_ms:")
            }
            try kept.joined(separator: "\n").write(toFile: "\(folder)/\(file)", atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOfFile: "\(folder)/suite.yaml", encoding: .utf8).contains("gate:"))
        return folder
    }

    /// `--metrics-port` serves Prometheus text while the run goes on.
    @Test func prometheusMetricsAreServedDuringARun() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-metrics")
        let run = try ChorusChild([
            "run", CLI.suite, "--target", CLI.v1, "--conversations", "1000000", "--db", "\(directory)/c.sqlite",
            "--out", directory, "--quiet", "--metrics-port", "0",
        ])
        let port = try await run.port(after: "metrics at ")
        var text = ""
        let url = URL(string: "http://127.0.0.1:\(port)/metrics")!
        try await Waiting.until(whileRunning: run.process) {
            if let (data, _) = try? await URLSession.shared.data(from: url) {
                text = String(decoding: data, as: UTF8.self)
            }
            return text.contains("chorus_turns_total")
        }
        #expect(text.contains("# TYPE chorus_conversations_total counter"))
        #expect(text.contains("chorus_conversations_total{outcome=\"completed\"}"))
        #expect(text.contains("chorus_errors_total{class=\"timeout\"} 0"))
        #expect(text.contains("chorus_reply_latency_ms_bucket{le=\"+Inf\"}"))
        run.process.interrupt()
        await run.process.exited()
    }

    /// Ctrl-C stops cleanly: what is done is stored, and the message says how to resume.
    @Test func anInterruptedRunSaysHowToResume() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-interrupt")
        let db = "\(directory)/c.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.chorusBinary)
        process.arguments = [
            "run", CLI.suite, "--target", CLI.v1, "--conversations", "1000000", "--db", db, "--out", directory,
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        // To a file, read once the process has ended: reading a pipe to its end would hold one
        // of the test process's few cooperative threads for the whole run.
        let errorsPath = "\(directory)/stderr"
        _ = FileManager.default.createFile(atPath: errorsPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Another process's progress can only be watched; whatever was stored by the time of
        // the interrupt, the outcome checked below is the same.
        try await Waiting.until(whileRunning: process) { ResumeAndShardTests.storedCount(db) >= 2000 }
        process.interrupt()
        await process.exited()
        let stderr = try String(contentsOfFile: errorsPath, encoding: .utf8)
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("Resume with: chorus run --resume "))
        let runs = try await ChorusProcess.run(["runs", "--db", db])
        #expect(runs.stdout.contains("interrupted"))
    }
}
