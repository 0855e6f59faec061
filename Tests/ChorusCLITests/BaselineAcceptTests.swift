import ChorusTestSupport
import Foundation
import Testing

/// `chorus baseline accept` refuses a run that would make a misleading reference — one that
/// failed its gate, did not finish, or where every conversation errored — unless `--force`.
@Suite struct BaselineAcceptTests {
    static func accept(_ db: String, in directory: String, force: Bool = false) async throws -> ChorusProcess.Result {
        try await ChorusProcess.run(
            ["baseline", "accept", "latest", "--db", db, "--out", "\(directory)/baseline.json"]
                + (force ? ["--force"] : []))
    }

    @Test func aRunThatFailedItsGateIsRefusedUnlessForced() async throws {
        let (directory, _) = try await CLI.run(
            ["--gate", "completion_rate.min=0.99"], target: CLI.v2, conversations: 100, expectStatus: 1)
        let db = "\(directory)/chorus.sqlite"
        let refused = try await Self.accept(db, in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("cannot be the baseline: it failed its gate ("))
        #expect(refused.stderr.contains("completion_rate.min"))
        #expect(refused.stderr.contains("--force accepts it anyway"))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/baseline.json"))

        let forced = try await Self.accept(db, in: directory, force: true)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("note: accepting run"))
        #expect(FileManager.default.fileExists(atPath: "\(directory)/baseline.json"))
    }

    @Test func aRunWhereEveryConversationErroredIsRefused() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-accept-errors")
        let target = try BrokenTargets.failingAfterGreeting(in: directory)
        let db = "\(directory)/chorus.sqlite"
        let run = try await ChorusProcess.run([
            "run", CLI.suite, "--target", target, "--conversations", "25", "--db", db, "--out", "\(directory)/out",
            "--format", "json",
        ])
        #expect(run.status == 3, "\(run.stderr)")
        let refused = try await Self.accept(db, in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("every one of its 25 conversations ended in a target error"))
        #expect(try await Self.accept(db, in: directory, force: true).status == 0)
    }

    @Test func anInterruptedRunIsRefused() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-accept-interrupted")
        let target = try BrokenTargets.failingAfterGreeting(in: directory)
        let db = "\(directory)/chorus.sqlite"
        let run = try await ChorusProcess.run([
            "run", CLI.suite, "--target", target, "--conversations", "500", "--max-error-rate", "0.5", "--db", db,
            "--out", "\(directory)/out", "--format", "json",
        ])
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("above --max-error-rate"))
        let refused = try await Self.accept(db, in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("it was interrupted; resume it with chorus run --resume "))
        #expect(refused.stderr.contains("every one of its"))
    }

    @Test func aShardIsRefused() async throws {
        let (directory, _) = try await CLI.run(["--shard", "1/4"], conversations: 40)
        let refused = try await Self.accept("\(directory)/chorus.sqlite", in: directory)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("it is shard 1/4 of a sharded run"))
    }
}
