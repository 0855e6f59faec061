import ChorusTestSupport
import Foundation
import Testing

/// The release-gate workflow as a CI pipeline runs it: baseline from v1, then candidates.
@Suite struct GateEndToEndTests {
    /// Runs acme-v1 and accepts it as the baseline; returns (folder, database, baseline file).
    static func acceptedBaseline(conversations: Int = 600) async throws -> (String, String, String) {
        let directory = try Fixtures.temporaryDirectory("chorus-gate")
        let db = "\(directory)/chorus.sqlite"
        let run = try await ChorusProcess.run(
            [
                "run", CLI.suite, "--target", CLI.v1, "--conversations", "\(conversations)", "--db", db, "--out",
                "\(directory)/v1",
                "--quiet",
            ] + CLI.noLatencyBound)
        #expect(run.status == 0, "\(run.stderr)")
        let accept = try await ChorusProcess.run([
            "baseline", "accept", "latest", "--db", db, "--out", "\(directory)/baseline.json",
        ])
        #expect(accept.status == 0, "\(accept.stderr)")
        return (directory, db, "\(directory)/baseline.json")
    }

    @Test func aRegressedCandidateFailsTheGateWithExit1AndNamesWhatRegressed() async throws {
        let (directory, db, baseline) = try await Self.acceptedBaseline()
        let result = try await ChorusProcess.run(
            [
                "run", CLI.suite, "--target", CLI.v2, "--conversations", "600", "--db", db, "--out", "\(directory)/v2",
                "--baseline", baseline,
            ] + CLI.noLatencyBound)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("gate: FAIL"))
        #expect(result.stdout.contains("refund.recall"))
        #expect(result.stdout.contains("completion_rate"))
        let summary = try CLI.json("\(directory)/v2/summary.json")
        let verdict = try #require(summary["verdict"] as? [String: Any])
        #expect(verdict["passed"] as? Bool == false)
        let diff = try #require(summary["diff"] as? [String: Any])
        let intents = try #require(diff["intents"] as? [[String: Any]])
        #expect(intents.contains { $0["name"] as? String == "refund.recall" && $0["regression"] as? Bool == true })
        for file in ["report.md", "report.html", "junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: "\(directory)/v2/\(file)"), "\(file) written")
        }
    }

    @Test func theSameVersionWithAnotherSeedPasses() async throws {
        let (directory, db, baseline) = try await Self.acceptedBaseline()
        let result = try await ChorusProcess.run(
            [
                "run", CLI.suite, "--target", CLI.v1, "--conversations", "600", "--seed", "1234", "--db", db,
                "--out", "\(directory)/again", "--baseline", baseline,
            ] + CLI.noLatencyBound)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("gate: PASS"))
    }

    /// Twenty seeds of the same bot against its own baseline: the gate may cry wolf at most once.
    @Test func theGateRarelyFailsTheUnchangedBot() async throws {
        let (directory, db, baseline) = try await Self.acceptedBaseline(conversations: 400)
        var failures = 0
        for seed in 1...20 {
            let result = try await ChorusProcess.run(
                [
                    "run", CLI.suite, "--target", CLI.v1, "--conversations", "400", "--seed", "\(seed)", "--db", db,
                    "--out", "\(directory)/seed-\(seed)", "--baseline", baseline, "--quiet", "--format", "json",
                ] + CLI.noLatencyBound)
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            if result.status == 1 { failures += 1 }
        }
        #expect(failures <= 1)
    }

    @Test func reportsRenderAgainFromTheDatabaseAlone() async throws {
        let (directory, db, baseline) = try await Self.acceptedBaseline(conversations: 200)
        _ = try await ChorusProcess.run([
            "run", CLI.suite, "--target", CLI.v2, "--conversations", "200", "--db", db, "--out", "\(directory)/v2",
            "--baseline", baseline, "--quiet",
        ])
        let report = try await ChorusProcess.run(["report", "latest", "--db", db, "--out", "\(directory)/again"])
        #expect(report.status == 0, "\(report.stderr)")
        for file in ["summary.json", "report.md", "report.html", "junit.xml"] {
            let first = try String(contentsOfFile: "\(directory)/v2/\(file)", encoding: .utf8)
            let again = try String(contentsOfFile: "\(directory)/again/\(file)", encoding: .utf8)
            #expect(first == again, "\(file) renders the same from the database")
        }
        let runs = try await ChorusProcess.run(["runs", "--db", db])
        #expect(runs.stdout.contains("acme-v2") && runs.stdout.contains("200/200"))
        let show = try await ChorusProcess.run(["show", "latest", "--db", db])
        #expect(show.stdout.contains("gate: FAIL"))
        let history = try await ChorusProcess.run([
            "history", "customer-service", "--db", db, "--html", "\(directory)/history.html",
        ])
        #expect(history.status == 0 && history.stdout.contains("acme-v1") && history.stdout.contains("acme-v2"))
    }

    @Test func compareListsFlippedConversationsThatReplayExactly() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-compare")
        let result = try await ChorusProcess.run(
            [
                "compare", CLI.suite, "--target", CLI.v1, "--target", CLI.v2, "--conversations", "300",
                "--db", "\(directory)/chorus.sqlite", "--out", "\(directory)/compare",
            ] + CLI.noLatencyBound)
        #expect(result.status == 1, "v2 regressed against v1: \(result.stderr)")
        let summary = try CLI.json("\(directory)/compare/summary.json")
        let comparison = try #require(summary["comparison"] as? [String: Any])
        let flips = try #require(comparison["flips"] as? [[String: Any]])
        #expect((comparison["only_a_passed"] as? Int ?? 0) > 0)
        #expect(!flips.isEmpty)
        #expect((comparison["mcnemar_p"] as? Double ?? 1) < 0.05)
        // Each flipped conversation replays, alone, to the transcript the run stored.
        for flip in flips.prefix(3) {
            let index = flip["index"] as! Int
            for (target, outcome) in [(CLI.v1, flip["outcome_a"] as! String), (CLI.v2, flip["outcome_b"] as! String)] {
                let replay = try await ChorusProcess.run([
                    "replay", CLI.suite, "--target", target, "--conversation", "\(index)", "--json",
                ])
                let line = try #require(
                    try JSONSerialization.jsonObject(with: Data(replay.stdout.utf8)) as? [String: Any])
                #expect(line["outcome"] as? String == outcome)
            }
        }
    }
}
