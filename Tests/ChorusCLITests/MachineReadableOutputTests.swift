import ChorusTestSupport
import Foundation
import Testing

/// `--format json` of runs, show, history, validate and probe, against the shapes the README
/// documents; and run names by unique prefix, `latest` and `latest~N`.
@Suite struct MachineReadableOutputTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    /// Two labelled runs (acme-v1 then acme-v2, 40 conversations each) in one database.
    static func twoRuns() async throws -> (db: String, first: String, second: String) {
        let directory = try Fixtures.temporaryDirectory("chorus-json")
        let db = "\(directory)/chorus.sqlite"
        for (target, bot) in [(CLI.v1, "v1"), (CLI.v2, "v2")] {
            let result = try await ChorusProcess.run(
                [
                    "run", CLI.suite, "--target", target, "--conversations", "40", "--db", db, "--out",
                    "\(directory)/\(bot)",
                    "--quiet", "--label", "bot=\(bot)", "--label", "team=qa",
                ] + CLI.noLatencyBound)
            #expect(result.status <= 1, "\(result.stderr)")
        }
        let listing = try object(try await ChorusProcess.run(["runs", "--db", db, "--format", "json"]).stdout)
        let names = try #require(listing["runs"] as? [[String: Any]]).compactMap { $0["name"] as? String }
        try #require(names.count == 2)
        return (db, names[0], names[1])
    }

    @Test func runsShowAndHistoryPrintTheirDocumentedShapes() async throws {
        let (db, first, second) = try await Self.twoRuns()

        let runs = try await ChorusProcess.run(["runs", "--db", db, "--format", "json"])
        #expect(runs.status == 0, "\(runs.stderr)")
        let listing = try Self.object(runs.stdout)
        #expect(listing["schema"] as? String == "chorus.runs/1")
        let entries = try #require(listing["runs"] as? [[String: Any]])
        #expect(
            Set(entries[0].keys) == [
                "name", "suite", "target", "seed", "conversations", "stored", "status", "shard", "started_at",
                "ended_at",
                "chorus_version", "labels", "git",
            ])
        #expect(entries.map { $0["name"] as? String } == [first, second])
        #expect(entries[0]["stored"] as? Int == 40 && entries[0]["status"] as? String == "completed")
        #expect(entries[1]["labels"] as? [String: String] == ["bot": "v2", "team": "qa"])
        #expect((entries[1]["target"] as? [String: Any])?["name"] as? String == "acme-v2")

        let filtered = try Self.object(
            try await ChorusProcess.run(["runs", "--db", db, "--format", "json", "--label", "bot=v1"]).stdout)
        #expect((filtered["runs"] as? [[String: Any]])?.map { $0["name"] as? String } == [first])

        let show = try await ChorusProcess.run(["show", "latest~1", "--db", db, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        let document = try Self.object(show.stdout)
        #expect(document["schema"] as? String == "chorus.run/1")
        #expect((document["run"] as? [String: Any])?["name"] as? String == first)
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["schema"] as? String == "chorus.summary/1")
        #expect(summary["conversations"] as? Int == 40)
        #expect(summary["run"] as? String == first)

        let history = try await ChorusProcess.run(["history", "customer-service", "--db", db, "--format", "json"])
        #expect(history.status == 0, "\(history.stderr)")
        let points = try Self.object(history.stdout)
        #expect(points["schema"] as? String == "chorus.history/1")
        #expect(points["suite"] as? String == "customer-service")
        let rows = try #require(points["runs"] as? [[String: Any]])
        #expect(rows.map { $0["run"] as? String } == [first, second])
        #expect(
            Set(rows[0].keys) == [
                "run", "target", "seed", "started_at", "labels", "git", "conversations", "metrics", "latency_ms",
            ])
        let completion = try #require((rows[0]["metrics"] as? [String: Any])?["completion_rate"] as? [String: Any])
        #expect(completion["n"] as? Int == 40)

        let onlyV2 = try Self.object(
            try await ChorusProcess.run(
                ["history", "customer-service", "--db", db, "--format", "json", "--label", "bot=v2"]).stdout)
        #expect((onlyV2["runs"] as? [[String: Any]])?.map { $0["run"] as? String } == [second])
    }

    @Test func runNamesResolveByPrefixAndPositionAndSayWhenAmbiguous() async throws {
        let (db, first, second) = try await Self.twoRuns()
        // The run names differ after their common start; the shortest unique prefixes name them.
        let common = zip(first, second).prefix { $0 == $1 }.count
        let show = try await ChorusProcess.run(["show", String(second.prefix(common + 1)), "--db", db])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("run \(second) ·"))
        #expect(show.stdout.contains("labels: bot=v2 · team=qa"))

        let older = try await ChorusProcess.run(["show", "latest~1", "--db", db])
        #expect(older.stdout.hasPrefix("run \(first) ·"))
        let labelled = try await ChorusProcess.run(["show", "latest", "--label", "bot=v1", "--db", db])
        #expect(labelled.stdout.hasPrefix("run \(first) ·"))

        let ambiguous = try await ChorusProcess.run(["show", "customer-service", "--db", db])
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr.contains("is the start of 2 runs' names"))
        let tooFar = try await ChorusProcess.run(["show", "latest~2", "--db", db])
        #expect(tooFar.status == 2)
        #expect(tooFar.stderr.contains("no run named \"latest~2\""))
        let malformed = try await ChorusProcess.run(["diff", "latest~one", "latest", "--db", db])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("after latest~ comes the number of runs back"))

        let diff = try await ChorusProcess.run(["diff", "latest~1", "latest", "--db", db, "--out", "\(db).compare"])
        #expect(diff.status <= 1, "\(diff.stderr)")
        #expect(diff.stdout.contains("A  \(first)  (acme-v1)  bot=v1 · team=qa"))
        #expect(diff.stdout.contains("B  \(second)  (acme-v2)  bot=v2 · team=qa"))
    }

    @Test func validatePrintsEveryDiagnosticAsJSON() async throws {
        let good = try await ChorusProcess.run(["validate", CLI.suite, "--target", CLI.v1, "--format", "json"])
        #expect(good.status == 0, "\(good.stderr)")
        let ok = try Self.object(good.stdout)
        #expect(ok["schema"] as? String == "chorus.validate/1")
        #expect(ok["ok"] as? Bool == true)
        #expect(
            (ok["checked"] as? [String])?.first?.hasPrefix("Scenarios/customer-service: suite \"customer-service\"")
                == true)
        #expect((ok["diagnostics"] as? [Any])?.isEmpty == true)

        let directory = try Fixtures.temporaryDirectory()
        let file = "\(directory)/broken.yaml"
        try "version: 1\nsuite: broken\ngoals:\n  refund:\n    oppenings: [\"x\"]\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let bad = try await ChorusProcess.run(["validate", file, "--format", "json"])
        #expect(bad.status == 2)
        let report = try Self.object(bad.stdout)
        #expect(report["ok"] as? Bool == false)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let typo = try #require(diagnostics.first { ($0["message"] as? String)?.contains("oppenings") == true })
        #expect(typo["file"] as? String == file)
        #expect(typo["line"] as? Int == 5 && typo["column"] as? Int == 5)
        #expect(typo["severity"] as? String == "error")
        #expect(typo["source_line"] as? String == "    oppenings: [\"x\"]")
    }

    @Test func probePrintsTheReplyOrTheFailureAsJSON() async throws {
        let probe = try await ChorusProcess.run([
            "probe", "--target", CLI.v1, "--text", "I want a refund", "--format", "json",
        ])
        #expect(probe.status == 0, "\(probe.stderr)")
        let document = try Self.object(probe.stdout)
        #expect(document["schema"] as? String == "chorus.probe/1")
        #expect(document["ok"] as? Bool == true)
        #expect(document["sent"] as? String == "I want a refund")
        #expect((document["target"] as? [String: Any])?["name"] as? String == "acme-v1")
        let reply = try #require(document["reply"] as? [String: Any])
        #expect(Set(reply.keys) == ["texts", "raw", "intent", "confidence", "entities", "handoff"])
        #expect(reply["intent"] as? String == "refund")
        #expect((reply["texts"] as? [String])?.isEmpty == false)

        let directory = try Fixtures.temporaryDirectory()
        let failed = try await FreePort.refusing { port in
            try await ChorusProcess.run([
                "probe", "--target", try BrokenTargets.rasa(port: port, in: directory), "--format", "json",
            ])
        }
        #expect(failed.status == 3)
        let failure = try Self.object(failed.stdout)
        #expect(failure["ok"] as? Bool == false)
        #expect((failure["error"] as? [String: Any])?["kind"] as? String == "connection")
    }
}
