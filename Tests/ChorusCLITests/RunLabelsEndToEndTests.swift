import ChorusTestSupport
import Foundation
import Testing

/// Runs record `--label` pairs and the git checkout they ran in; `runs`, report.md and the
/// baseline show them.
@Suite struct RunLabelsEndToEndTests {
    /// Runs `git arguments…` in `directory`, failing the test when git fails.
    @discardableResult
    static func git(_ arguments: [String], in directory: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["git", "-C", directory, "-c", "user.name=Chorus Test", "-c", "user.email=test@example.invalid"] + arguments
        let output = try Fixtures.temporaryDirectory("git-output") + "/stdout"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        await process.exited()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
        return try String(contentsOfFile: output, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aRunInAGitCheckoutRecordsItsCommitAndShowsIt() async throws {
        // A checkout of its own, so the commit and dirtiness are known.
        let checkout = try Fixtures.temporaryDirectory("chorus-git")
        try await Self.git(["init", "-q", "-b", "release"], in: checkout)
        try "v1\n".write(toFile: "\(checkout)/bot.txt", atomically: true, encoding: .utf8)
        try await Self.git(["add", "bot.txt"], in: checkout)
        try await Self.git(["commit", "-q", "-m", "bot v1"], in: checkout)
        let commit = try await Self.git(["rev-parse", "HEAD"], in: checkout)

        let db = "\(checkout)/out/chorus.sqlite"
        let run = try await ChorusProcess.run(
            [
                "run", Fixtures.path(CLI.suite), "--target", Fixtures.path(CLI.v1), "--conversations", "20", "--db", db,
                "--out", "\(checkout)/out/clean", "--quiet", "--label", "bot=v1",
            ] + CLI.noLatencyBound,
            in: checkout)
        #expect(run.status == 0, "\(run.stderr)")
        // An edit to a tracked file makes the next run's checkout dirty.
        try "v2\n".write(toFile: "\(checkout)/bot.txt", atomically: true, encoding: .utf8)
        let dirty = try await ChorusProcess.run(
            [
                "run", Fixtures.path(CLI.suite), "--target", Fixtures.path(CLI.v1), "--conversations", "20", "--db", db,
                "--out", "\(checkout)/out/dirty", "--quiet",
            ] + CLI.noLatencyBound,
            in: checkout)
        #expect(dirty.status == 0, "\(dirty.stderr)")

        let short = String(commit.prefix(12))
        let runs = try await ChorusProcess.run(["runs", "--db", db], in: checkout)
        let lines = runs.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 3, "\(runs.stdout)")
        #expect(lines[0].contains("commit") && lines[0].contains("labels"))
        #expect(lines[1].contains("\(short) (release)") && lines[1].hasSuffix("bot=v1"))
        #expect(lines[2].contains("\(short) (release, dirty)"))

        let report = try String(contentsOfFile: "\(checkout)/out/clean/report.md", encoding: .utf8)
        #expect(report.contains("Commit `\(short)` (`release`) · labels `bot=v1`"))
        let dirtyReport = try String(contentsOfFile: "\(checkout)/out/dirty/report.md", encoding: .utf8)
        #expect(dirtyReport.contains("Commit `\(short)` (`release`, dirty)"))

        let byCommit = try await ChorusProcess.run(
            ["runs", "--db", db, "--format", "json", "--label", "commit=\(commit.prefix(7))", "--label", "dirty=true"],
            in: checkout)
        let listing = try MachineReadableOutputTests.object(byCommit.stdout)
        let entries = try #require(listing["runs"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect((entries.first?["git"] as? [String: Any])?["commit"] as? String == commit)

        // The baseline records the accepted run's labels and revision.
        let baselinePath = "\(checkout)/out/baseline.json"
        let accept = try await ChorusProcess.run(
            ["baseline", "accept", "latest~1", "--db", db, "--out", baselinePath], in: checkout)
        #expect(accept.status == 0, "\(accept.stderr)")
        let baseline = try CLI.json(baselinePath)
        let labels = try #require(baseline["labels"] as? [String: Any])
        #expect(labels["labels"] as? [String: String] == ["bot": "v1"])
        #expect((labels["git"] as? [String: Any])?["commit"] as? String == commit)
        #expect((labels["git"] as? [String: Any])?["dirty"] as? Bool == false)
    }

    @Test func aRunOutsideAGitCheckoutRecordsNoCommit() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-nogit")
        // GIT_CEILING_DIRECTORIES stops git's search above the folder, whatever holds it.
        let run = try await ChorusProcess.run(
            [
                "run", Fixtures.path(CLI.suite), "--target", Fixtures.path(CLI.v1), "--conversations", "5", "--db",
                "\(directory)/db.sqlite",
                "--out", "\(directory)/out", "--quiet",
            ] + CLI.noLatencyBound,
            in: directory, environment: ["GIT_CEILING_DIRECTORIES": (directory as NSString).deletingLastPathComponent])
        #expect(run.status == 0, "\(run.stderr)")
        let listing = try MachineReadableOutputTests.object(
            try await ChorusProcess.run(["runs", "--db", "\(directory)/db.sqlite", "--format", "json"], in: directory)
                .stdout)
        let entry = try #require((listing["runs"] as? [[String: Any]])?.first)
        #expect(entry["git"] is NSNull)
        #expect(entry["labels"] as? [String: String] == [:])
        let report = try String(contentsOfFile: "\(directory)/out/report.md", encoding: .utf8)
        #expect(!report.contains("Commit `"))
    }

    @Test func aMalformedLabelIsAUsageError() async throws {
        let result = try await ChorusProcess.run(["run", CLI.suite, "--target", CLI.v1, "--label", "no-equals"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--label takes key=value"))
    }
}
