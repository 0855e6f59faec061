import ChorusSpec
import ChorusStore
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// `chorus compare`: every run option it advertises reaches both runs, B is judged against A by
/// the suite's gate (exit 1 when it regressed), and the paired comparison is printed first, once.
@Suite struct CompareCommandTests {
    /// Both sides run with the options given: rate, metrics port, error limit, and each its own
    /// transcripts file.
    @Test func everyRunOptionReachesBothRuns() throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare-options")
        let command = try CompareCommand.parse([
            CLI.suite, "--target", CLI.v1, "--target", CLI.v2, "--rate", "250", "--metrics-port", "9464",
            "--max-error-rate", "0.2", "--transcripts", "\(directory)/t.jsonl", "--conversations", "50", "--seed", "7",
            "--concurrency", "4",
        ])
        let store = try ResultStore(path: "\(directory)/chorus.sqlite")
        for side in 0..<2 {
            let input = try SuiteInput.load(
                suite: Fixtures.path(CLI.suite), target: Fixtures.path(command.target[side]))
            let execution = try command.execution(side: side, input: input, store: store)
            #expect(execution.configuration.rate == 250)
            #expect(execution.configuration.conversations == 50)
            #expect(execution.configuration.seed == 7)
            #expect(execution.configuration.concurrency == 4)
            #expect(execution.metricsPort == 9464)
            #expect(execution.maxErrorRate == 0.2)
            #expect(execution.transcripts == "\(directory)/t-\(["a", "b"][side]).jsonl")
            #expect(execution.targetPath == [CLI.v1, CLI.v2][side])
        }
        #expect(CompareCommand.transcripts("runs", side: "b") == "runs-b")
        #expect(CompareCommand.transcripts("out/x.y.jsonl", side: "a") == "out/x.y-a.jsonl")
    }

    /// The same version on both sides: paired, nothing flipped, the gate passes (exit 0); the
    /// options are used end to end.
    @Test func theSameVersionTwicePassesAndWritesBothTranscripts() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare-same")
        let result = try await ChorusProcess.run(
            [
                "compare", CLI.suite, "--target", CLI.v1, "--target", CLI.v1, "--conversations", "150",
                "--transcripts", "\(directory)/t.jsonl", "--rate", "1000", "--metrics-port", "0",
                "--max-error-rate", "0.5", "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/compare",
            ] + CLI.noLatencyBound)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("paired: 150 conversations;"))
        #expect(result.stdout.contains("only A 0, only B 0"))
        #expect(result.stdout.contains("gate: PASS"))
        #expect(
            result.stderr.components(separatedBy: "metrics at http://127.0.0.1:").count == 3,
            "both runs served metrics: \(result.stderr)")
        #expect(!result.stderr.contains("no metrics were served"), "\(result.stderr)")
        let a = try String(contentsOfFile: "\(directory)/t-a.jsonl", encoding: .utf8).split(separator: "\n")
        let b = try String(contentsOfFile: "\(directory)/t-b.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(a.count == 150)
        #expect(a.map { CLI.withoutLatency(String($0)) } == b.map { CLI.withoutLatency(String($0)) })
    }

    /// B regressed: exit 1; the comparison comes first, and nothing is printed twice.
    @Test func aRegressionExits1AndEachPartIsPrintedOnceInOrder() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare-order")
        let result = try await ChorusProcess.run([
            "compare", CLI.suite, "--target", CLI.v1, "--target", CLI.v2, "--conversations", "300",
            "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/compare",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let out = result.stdout
        for part in ["paired: ", "metric ", "Regressions against the baseline", "gate: FAIL", "wrote "] {
            #expect(out.components(separatedBy: part).count == 2, "\"\(part)\" printed once:\n\(out)")
        }
        let order = ["A  ", "B  ", "paired: ", "metric ", "wrote ", "Regressions against the baseline", "gate: FAIL"]
        let positions = order.compactMap { out.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted(), "in order \(order):\n\(out)")
        #expect(out.hasPrefix("A  "))
    }

    /// `--max-error-rate` stops the first run early; B is not run.
    @Test func theErrorLimitStopsTheComparison() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare-errors")
        let failing = try BrokenTargets.failingAfterGreeting(in: directory)
        let result = try await ChorusProcess.run([
            "compare", CLI.suite, "--target", failing, "--target", CLI.v1, "--conversations", "400",
            "--max-error-rate", "0.3", "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/compare",
        ])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("above --max-error-rate"))
        let runs = try await ChorusProcess.run(["runs", "--db", "\(directory)/chorus.sqlite"])
        #expect(runs.stdout.contains("failing") && !runs.stdout.contains("acme-v1"), "\(runs.stdout)")
    }

    /// B answers the greeting but fails every conversation: the target's fault (exit 3), not a
    /// regression (exit 1).
    @Test func aTargetThatOnlyErrorsIsExit3NotARegression() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare-down")
        let failing = try BrokenTargets.failingAfterGreeting(in: directory)
        let result = try await ChorusProcess.run([
            "compare", CLI.suite, "--target", CLI.v1, "--target", failing, "--conversations", "40",
            "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/compare",
        ])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("every conversation ended in a target error"))
    }
}
