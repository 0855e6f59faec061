import ChorusTestSupport
import Foundation
import Testing

/// A target that cannot be reached stops `run` and `compare` at once with exit 3 and the cause,
/// before any run is stored or report written.
@Suite struct FailFastTests {
    @Test func anUnreachableTargetExits3WithTheCauseAndWritesNothing() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-unreachable")
        try await FreePort.refusing { port in
            let target = try BrokenTargets.rasa(port: port, in: directory)
            let result = try await ChorusProcess.run([
                "run", CLI.suite, "--target", target, "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/out",
            ])
            #expect(result.status == 3, "\(result.stderr)")
            #expect(result.stderr.contains("error: target \"unreachable\" did not answer a greeting: connection: "))
            #expect(result.stderr.contains("nothing was run (check it with: chorus probe --target \(target))"))
            #expect(!FileManager.default.fileExists(atPath: "\(directory)/out"), "no report")
            let runs = try await ChorusProcess.run(["runs", "--db", "\(directory)/chorus.sqlite"])
            #expect(runs.stdout.contains("no runs"), "no run stored: \(runs.stdout)")

            // compare checks both targets before running either.
            let compare = try await ChorusProcess.run([
                "compare", CLI.suite, "--target", CLI.v1, "--target", target, "--db", "\(directory)/chorus.sqlite",
                "--out", "\(directory)/compare",
            ])
            #expect(compare.status == 3, "\(compare.stderr)")
            #expect(compare.stderr.contains("did not answer a greeting"))
            #expect(!FileManager.default.fileExists(atPath: "\(directory)/compare"))
            let after = try await ChorusProcess.run(["runs", "--db", "\(directory)/chorus.sqlite"])
            #expect(after.stdout.contains("no runs"))
        }
    }

    /// A target that answers with errors is sent the greeting three times: one that answers
    /// the third runs (a flaky proxy's HTTP 500 does not stop a run), one that never does stops
    /// the run with exit 3, naming the tries and the last error.
    @Test func aGreetingAnsweredWithAnErrorIsTriedThreeTimes() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-late")
        let late = try BrokenTargets.failingFirst(2, in: directory)
        let ran = try await ChorusProcess.run([
            "run", CLI.suite, "--target", late, "--conversations", "5", "--db", "\(directory)/chorus.sqlite",
            "--out", "\(directory)/out", "--format", "json",
        ])
        #expect(!ran.stderr.contains("did not answer a greeting"), "\(ran.stderr)")
        let summary = try CLI.json("\(directory)/out/summary.json")
        #expect(summary["conversations"] as? Int == 5)

        let down = try BrokenTargets.failingFirst(-1, in: directory)
        let refused = try await ChorusProcess.run([
            "run", CLI.suite, "--target", down, "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/down",
        ])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "did not answer a greeting in 3 tries: malformed_reply: the program answered with an error: not ready yet"
            ),
            "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/down"), "no report")
    }

    /// A target that answers the check but fails every conversation still runs (and says so,
    /// exit 3); the greeting is not part of the run.
    @Test func aTargetThatFailsAfterTheGreetingRunsAndEndsWithExit3() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-failing")
        let target = try BrokenTargets.failingAfterGreeting(in: directory)
        let result = try await ChorusProcess.run([
            "run", CLI.suite, "--target", target, "--conversations", "30", "--db", "\(directory)/chorus.sqlite",
            "--out", "\(directory)/out", "--format", "json",
        ])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("every conversation ended in a target error"))
        let summary = try CLI.json("\(directory)/out/summary.json")
        #expect(summary["conversations"] as? Int == 30)
        #expect((summary["outcomes"] as? [String: Int])?["error"] == 30)
    }
}
