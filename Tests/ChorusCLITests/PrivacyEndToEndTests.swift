import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// With privacy on, a bot that echoes e-mail addresses, card numbers and IBANs leaves none of
/// them in any file Chorus wrote (database, transcripts, every report), in mask and in pseudonym
/// mode, while the run's metrics equal those of the run without privacy.
@Suite(.serialized) struct PrivacyEndToEndTests {
    static let suite = "Fixtures/scenarios/privacy"
    static let target = "Fixtures/targets/privacy-echo.yaml"
    /// Every personal value the suite's users give (Fixtures/scenarios/privacy/suite.yaml), as
    /// given and without the spaces of a grouped card number.
    static let personal = [
        "ann.lee@example.com", "bob+shop@example.org", "carol_99@mail.example.net",
        "4111 1111 1111 1111", "4111111111111111", "5500 0000 0000 0004", "5500000000000004", "4012888888881881",
        "DE89370400440532013000", "GB82WEST12345698765432", "NL91ABNA0417164300",
    ]
    static let key = "a-test-key-that-must-never-be-written"

    func run(_ extra: [String], environment: [String: String] = [:]) async throws -> String {
        let directory = try Fixtures.temporaryDirectory("chorus-privacy")
        let result = try await ChorusProcess.run(
            [
                "run", Self.suite, "--target", Self.target, "--conversations", "30", "--out", directory,
                "--transcripts", "\(directory)/transcripts.jsonl", "--db", "\(directory)/chorus.sqlite", "--quiet",
            ] + extra,
            environment: environment)
        #expect(result.status <= 1, "chorus run exited \(result.status): \(result.stderr)")
        return directory
    }

    /// The raw values found in any file under `directory` (the database and its journal too).
    func leaks(in directory: String, of values: [String]) throws -> [String] {
        var found: [String] = []
        let files = try #require(FileManager.default.subpathsOfDirectory(atPath: directory) as [String]?)
        #expect(files.contains("chorus.sqlite") && files.contains("transcripts.jsonl") && files.contains("report.html"))
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)") else { continue }
            for value in values where data.range(of: Data(value.utf8)) != nil {
                found.append("\(file): \(value)")
            }
        }
        return found
    }

    /// The metrics of summary.json: everything computed from the texts' judgement, not the texts.
    func metrics(_ directory: String) throws -> NSDictionary {
        let summary = try CLI.json("\(directory)/summary.json")
        var kept: [String: Any] = [:]
        for key in [
            "metrics", "outcomes", "intents", "confusion", "errors", "turns", "goals", "personas", "conversations",
        ] {
            kept[key] = summary[key]
        }
        return kept as NSDictionary
    }

    @Test func maskAndPseudonymsLeaveNoPersonalDataInAnyFileAndKeepTheMetrics() async throws {
        let plain = try await run([])
        // Without privacy the echoing bot does put them in the files: the check below can fail.
        #expect(try leaks(in: plain, of: Self.personal).count > 5)

        let masked = try await run(["--privacy", "mask"])
        #expect(try leaks(in: masked, of: Self.personal) == [])
        let transcripts = try String(contentsOfFile: "\(masked)/transcripts.jsonl", encoding: .utf8)
        #expect(transcripts.contains("<EMAIL>") && transcripts.contains("<CARD>") && transcripts.contains("<IBAN>"))
        #expect(try metrics(masked) == metrics(plain))

        let pseudonymised = try await run(
            ["--privacy", "pseudonym", "--privacy-key-env", "CHORUS_TEST_PRIVACY_KEY"],
            environment: ["CHORUS_TEST_PRIVACY_KEY": Self.key])
        #expect(try leaks(in: pseudonymised, of: Self.personal + [Self.key]) == [])
        let pseudonyms = try String(contentsOfFile: "\(pseudonymised)/transcripts.jsonl", encoding: .utf8)
        #expect(pseudonyms.contains(/<EMAIL:[0-9a-f]{10}>/))
        #expect(pseudonyms.contains(/<IBAN:[0-9a-f]{10}>/))
        #expect(try metrics(pseudonymised) == metrics(plain))
    }

    /// `chorus replay` prints a conversation as the run wrote it.
    @Test func replayPrintsTheRedactedConversation() async throws {
        let masked = try await run(["--privacy", "mask"])
        let lines = try CLI.transcriptLines(masked)
        let replay = try await ChorusProcess.run(
            ["replay", Self.suite, "--target", Self.target, "--conversation", "1", "--json", "--privacy", "mask"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(CLI.withoutLatency(replay.stdout.trimmingCharacters(in: .newlines)) == lines[1])
        #expect(Self.personal.allSatisfy { !replay.stdout.contains($0) })
    }

    @Test func pseudonymsWithoutAKeyAreBadInput() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-privacy")
        let result = try await ChorusProcess.run(
            [
                "run", Self.suite, "--target", Self.target, "--conversations", "2", "--out", directory, "--db",
                "\(directory)/chorus.sqlite", "--privacy", "pseudonym", "--privacy-key-env",
                "CHORUS_UNSET_KEY_FOR_TEST",
            ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("CHORUS_UNSET_KEY_FOR_TEST"))
    }

    @Test func anInvalidPrivacyPatternIsALocatedError() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-privacy")
        let suite =
            try String(contentsOfFile: Fixtures.path("\(Self.suite)/suite.yaml"), encoding: .utf8)
            + "privacy:\n  mode: mask\n  patterns:\n    employee_id: \"EMP-(?<=x)[0-9]{6}\"\n"
        try suite.write(toFile: "\(directory)/suite.yaml", atomically: true, encoding: .utf8)
        let lines = suite.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("employee_id:") }) + 1
        let result = try await ChorusProcess.run(["validate", "\(directory)/suite.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("suite.yaml:\(line):18: error:"), "\(result.stderr)")
    }

    @Test func pruneDeletesRunsByNameAndByAge() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-prune")
        let db = "\(directory)/chorus.sqlite"
        for _ in 0..<2 {
            let result = try await ChorusProcess.run(
                [
                    "run", Self.suite, "--target", Self.target, "--conversations", "3", "--out", "\(directory)/out",
                    "--db", db, "--quiet",
                ])
            #expect(result.status <= 1, "\(result.stderr)")
        }
        let store = try StoreInput.open(db)
        let runs = try store.runs()
        try #require(runs.count == 2)

        let byName = try await ChorusProcess.run(["prune", "--run", runs[0].name, "--vacuum", "--db", db])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.contains("deleted 1 run and 3 conversations"))
        #expect(try store.runs().map(\.name) == [runs[1].name])
        #expect(try store.conversationCount(of: runs[0]) == 0)

        // "Now" is fixed relative to when the remaining run started, not read from the system
        // clock: a day later nothing is 30 days old; 31 days later it is.
        let started = try #require(ISO8601DateFormatter().date(from: runs[1].startedAt))
        var prune = try PruneCommand.parse(["--older-than", "30d", "--db", db])
        prune.now = { started.addingTimeInterval(86_400) }
        try await prune.run()
        #expect(try store.runs().count == 1)
        prune.now = { started.addingTimeInterval(31 * 86_400) }
        try await prune.run()
        #expect(try store.runs().isEmpty)

        let unknown = try await ChorusProcess.run(["prune", "--run", "no-such-run", "--db", db])
        #expect(unknown.status == 2)
    }
}
