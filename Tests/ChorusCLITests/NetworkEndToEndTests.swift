import ChorusTestSupport
import Foundation
import Testing

/// The network path end to end with the built binary: `chorus serve-bot` on a free port, and
/// `chorus run` against it through the `rasa` and `http` targets gives what the embedded bot
/// gives; secrets stay out of every file Chorus writes; `chorus probe` checks a target.
@Suite(.serialized) struct NetworkEndToEndTests {
    @Test func rasaAndHTTPTargetsGiveTheEmbeddedBotsOutcomesIntentsAndMetrics() async throws {
        let server = try await ServedBot.start()
        defer { server.terminate() }
        #expect(server.port > 0)
        let folder = try Fixtures.temporaryDirectory("chorus-network")
        let rasa = try server.target("acme-v1-rasa", in: folder)
        let http = try server.target("acme-v1-http", in: folder)
        let seed = ["--seed", "42"]
        // Latency differs between the embedded and the served bot, and with the machine's load;
        // the example suite's copy without its latency rule makes every verdict exact, so the
        // summaries compare whole (the verdict included).
        let suite = try LoadShapeTests.suiteWithoutLatencyRule()
        let (embedded, _) = try await CLI.run(seed, suite: suite, target: CLI.v1, conversations: 200)
        let (viaRasa, _) = try await CLI.run(seed, suite: suite, target: rasa, conversations: 200)
        let (viaHTTP, _) = try await CLI.run(seed, suite: suite, target: http, conversations: 200)
        // Every turn reached the bot and came back: a failed one is shown, with its error.
        for directory in [viaRasa, viaHTTP] {
            let failed = try CLI.transcriptLines(directory).filter { $0.contains(#""error":""#) }
            #expect(failed.isEmpty, "\(failed.count) conversations failed, e.g. \(failed.first ?? "")")
        }
        let expected = try Self.comparable(embedded, target: CLI.v1)
        #expect(try Self.comparable(viaRasa, target: rasa) == expected)
        #expect(try Self.comparable(viaHTTP, target: http) == expected)
        let lines = try CLI.transcriptLines(embedded)
        #expect(lines.count == 200)
        #expect(try CLI.transcriptLines(viaRasa) == lines)
        #expect(try CLI.transcriptLines(viaHTTP) == lines)
        let summary = try CLI.json("\(viaRasa)/summary.json")
        #expect((summary["outcomes"] as? [String: Int])?["error"] ?? 0 == 0)
    }

    /// The deterministic summary without what names the target: its description and the
    /// target path in the failure clusters' replay commands.
    static func comparable(_ directory: String, target: String) throws -> String {
        let summary = try #require(CLI.deterministicSummary(directory).mutableCopy() as? NSMutableDictionary)
        summary.removeObject(forKey: "target")
        let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: target, with: "TARGET")
    }

    @Test func theSecretIsSentButWrittenNowhere() async throws {
        let server = try await ServedBot.start()
        defer { server.terminate() }
        let folder = try Fixtures.temporaryDirectory("chorus-secret")
        let openai = try server.target("acme-openai", in: folder)
        let secret = "sk-chorus-\(UUID().uuidString)"
        let directory = try Fixtures.temporaryDirectory("chorus-run")
        let arguments = [
            "run", CLI.suite, "--target", openai, "--conversations", "40", "--out", directory,
            "--transcripts", "\(directory)/transcripts.jsonl", "--db", "\(directory)/chorus.sqlite",
        ]
        let result = try await ChorusProcess.run(arguments, environment: ["CHORUS_OPENAI_KEY": secret])
        #expect(result.status <= 1, "\(result.stderr)")
        let summary = try CLI.json("\(directory)/summary.json")
        #expect((summary["outcomes"] as? [String: Int])?.values.reduce(0, +) == 40)
        #expect((summary["outcomes"] as? [String: Int])?["error"] ?? 0 == 0)
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory)
        #expect(
            files.contains("chorus.sqlite") && files.contains("transcripts.jsonl") && files.contains("summary.json"))
        for file in files {
            guard let data = FileManager.default.contents(atPath: "\(directory)/\(file)") else { continue }
            #expect(data.range(of: Data(secret.utf8)) == nil, "the secret is in \(file)")
        }
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))

        let unset = try await ChorusProcess.run(arguments, environment: ["CHORUS_OPENAI_KEY_OTHER": "x"])
        if ProcessInfo.processInfo.environment["CHORUS_OPENAI_KEY"] == nil {
            #expect(unset.status == 2)
            #expect(unset.stderr.contains("environment variable \"CHORUS_OPENAI_KEY\" is not set"))
            #expect(unset.stderr.contains("acme-openai.yaml:8:10: error:"))
        }
    }

    @Test func probeShowsWhatChorusExtractsOrWhyItFailed() async throws {
        let server = try await ServedBot.start()
        let folder = try Fixtures.temporaryDirectory("chorus-probe")
        let rasa = try server.target("acme-v1-rasa", in: folder)
        let probe = try await ChorusProcess.run(["probe", "--target", rasa])
        #expect(probe.status == 0, "\(probe.stderr)")
        #expect(probe.stdout.contains("bot   < "))
        #expect(probe.stdout.contains("intent:     greet"))
        #expect(probe.stdout.contains("raw   < [{"))
        // Any text, and the entities the target reports (a process target's probe is the same
        // code; ProcessTargetTests drive that target on an injected clock).
        let http = try server.target("acme-v1-http", in: folder)
        let entities = try await ChorusProcess.run(["probe", "--target", http, "--text", "where is my order AB-123456"])
        #expect(entities.status == 0, "\(entities.stderr)")
        #expect(entities.stdout.contains("entities:   order_id=AB-123456"))
        #expect(await server.stop() == 0, "serve-bot stops cleanly on SIGTERM")

        let down = try await ChorusProcess.run(["probe", "--target", rasa])
        #expect(down.status == 3)
        #expect(down.stderr.contains("the target failed: connection: webhook: connection refused"))
        let bad = try await ChorusProcess.run(["probe", "--target", "Fixtures/targets/nope.yaml"])
        #expect(bad.status == 2)
    }
}
