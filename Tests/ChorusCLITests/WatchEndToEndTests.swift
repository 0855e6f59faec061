import ChorusTestSupport
import Foundation
import GRDB
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `chorus watch` end to end with the built binary: `chorus serve-bot` on a loopback port, a
/// watch whose ticks the test asks for (SIGUSR1; the schedule, `--every 1h`, never comes), a
/// local webhook receiver. Stopping the bot brings the failing notification after
/// `--failing-after` ticks; restarting it brings the recovery; the metrics endpoint follows, and
/// SIGTERM stops the watch cleanly.
///
/// The test waits for events (a log line of the watch, a request at the receiver), never for
/// time; the time limit only bounds a watch that never gets there.
@Suite(.serialized) struct WatchEndToEndTests {
    /// The customer-service suite with only an error-rate gate, so a tick's verdict says whether
    /// the bot answered and not how a sample of five conversations happened to go.
    static func suite() throws -> String {
        let folder = try Fixtures.temporaryDirectory("chorus-watch-suite")
        let source = Fixtures.path(CLI.suite)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file.hasSuffix(".yaml") {
            var text = try String(contentsOfFile: "\(source)/\(file)", encoding: .utf8)
            if let gate = text.range(of: "\ngate:") {
                text = String(text[..<gate.lowerBound]) + "\ngate:\n  error_rate: {max: 0.01}\n"
            }
            try text.write(toFile: "\(folder)/\(file)", atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Scrapes `/metrics` and parses the Prometheus text format: every sample line is
    /// `name{labels} value`, every family has `# TYPE`; returns the samples by name and labels.
    static func scrape(port: Int) async throws -> [String: Double] {
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/metrics"))
        let (data, response) = try await URLSession.shared.data(from: url)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(
            (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")?.hasPrefix(
                "text/plain; version=0.0.4") == true)
        let text = String(decoding: data, as: UTF8.self)
        // Prometheus's own linter, where it is installed (theShippedAlertingRulesAreValid fails
        // where it is not).
        if let promtool = Self.promtool {
            let (status, said) = try await Self.run(promtool, ["check", "metrics"], input: text)
            #expect(status == 0, "promtool check metrics: \(said)")
        }
        var samples: [String: Double] = [:]
        var typed: Set<String> = []
        let sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$/
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                #expect(parts.count == 4 && ["gauge", "counter"].contains(String(parts[3])), "bad TYPE line: \(line)")
                typed.insert(String(parts[2]))
                continue
            }
            if line.hasPrefix("#") { continue }
            let match = try #require(try sample.wholeMatch(in: String(line)), "not a Prometheus sample: \(line)")
            #expect(typed.contains(String(match.1)), "no # TYPE before \(match.1)")
            let value: Double? = Double(String(match.3))
            #expect(value != nil, "bad value: \(line)")
            samples[String(match.1) + String(match.2 ?? "")] = value
        }
        return samples
    }

    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs `executable arguments…` with `input` on its standard input; its status and output.
    static func run(_ executable: String, _ arguments: [String], input: String = "") async throws -> (Int32, String) {
        let folder = try Fixtures.temporaryDirectory("chorus-promtool")
        try input.write(toFile: "\(folder)/in", atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: "\(folder)/out", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: "\(folder)/in"))
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(folder)/out"))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        await process.exited()
        return (process.terminationStatus, try String(contentsOfFile: "\(folder)/out", encoding: .utf8))
    }

    @Test(.timeLimit(.minutes(20))) func failingAndRecoveryNotificationsFollowTheBot() async throws {
        let bot = try await ServedBot.start()
        let folder = try Fixtures.temporaryDirectory("chorus-watch")
        let target = "\(folder)/live.yaml"
        /// Points the watch's target at `port`; the watch reads its target file afresh each tick.
        @Sendable func aim(at port: Int) throws {
            try "kind: rasa\nname: live\nurl: http://127.0.0.1:\(port)\nparse: true\ntimeout: 10\nretries: 0\n"
                .write(toFile: target, atomically: true, encoding: .utf8)
        }
        try aim(at: bot.port)
        let suite = try Self.suite()
        let db = "\(folder)/chorus.sqlite"
        let receiver = FaultServer { _, _ in .json("{}") }

        let restarted = try await receiver.run { webhookPort in
            let watch = try ChorusChild([
                "watch", suite, "--target", target, "--every", "1h", "--conversations", "5", "--failing-after", "2",
                "--webhook", "http://127.0.0.1:\(webhookPort)/alerts", "--webhook-format", "alertmanager",
                "--metrics-port", "0", "--db", db,
            ])
            let metricsPort = try await watch.port(after: "metrics at ")
            /// The log line of tick `number`, asking for it first unless it is the first.
            func tick(_ number: Int) async -> String {
                if number > 0 { watch.send(SIGUSR1) }
                return await watch.line { $0.contains("tick \(number) ") }.text
            }
            #expect(await tick(0).contains(": pass"), "\(watch.transcript)")
            let up = try await Self.scrape(port: metricsPort)
            #expect(up[#"chorus_watch_up{suite="customer-service",target="live"}"#] == 1)

            // The bot goes away: after two failing ticks, one notification.
            #expect(await bot.stop() == 0)
            #expect(await tick(1).contains(": down"), "\(watch.transcript)")
            #expect(receiver.requests.isEmpty, "one failing tick is not yet an alert")
            #expect(await tick(2).contains(": down"), "\(watch.transcript)")
            await receiver.requestsArrived(1)
            let firing = try #require(receiver.requests.first)
            #expect(firing.path == "/alerts")
            #expect(
                firing.headers.first { $0.key.lowercased() == "content-type" }?.value.hasPrefix("application/json")
                    == true)
            #expect(firing.body.contains(#""status":"firing""#))
            #expect(firing.body.contains(#""alertname":"ChorusWatchFailing""#))
            #expect(firing.body.contains("2 failing ticks in a row"))
            let down = try await Self.scrape(port: metricsPort)
            #expect(down[#"chorus_watch_up{suite="customer-service",target="live"}"#] == 0)
            #expect(down[#"chorus_watch_alert_failing{suite="customer-service",target="live"}"#] == 1)
            #expect(down[#"chorus_watch_ticks_total{suite="customer-service",target="live",verdict="pass"}"#] == 1)
            #expect(down[#"chorus_watch_ticks_total{suite="customer-service",target="live",verdict="down"}"#] == 2)

            // Back again, on a port of its own choosing (the old one is not held, so another test
            // may have it by now): one recovery, naming the passing tick's run.
            let restarted = try await ServedBot.start()
            try aim(at: restarted.port)
            #expect(await tick(3).contains(": pass"), "\(watch.transcript)")
            await receiver.requestsArrived(2)
            let resolved = receiver.requests[1]
            #expect(resolved.body.contains(#""status":"resolved""#))
            #expect(resolved.body.contains(#""run":"customer-service-"#))
            let recovered = try await Self.scrape(port: metricsPort)
            #expect(recovered[#"chorus_watch_up{suite="customer-service",target="live"}"#] == 1)
            #expect(recovered[#"chorus_watch_alert_failing{suite="customer-service",target="live"}"#] == 0)
            #expect(
                (recovered[#"chorus_watch_last_pass_timestamp_seconds{suite="customer-service",target="live"}"#] ?? 0)
                    > 0)

            // SIGTERM: the tick in flight finishes, the watch ends cleanly.
            #expect(await watch.stop() == 0, "\(watch.output.suffix(5).joined(separator: "\n"))")
            #expect(!watch.output.contains { $0.contains("tick 4 ") }, "only the ticks asked for: \(watch.transcript)")
            #expect(receiver.requests.count == 2, "one notification on failing, one on recovery")
            return restarted
        }
        _ = await restarted.stop()

        // The state and every tick are in the database, each with its own seed.
        let queue = try DatabaseQueue(path: db)
        let state = try await queue.read { db in try String.fetchOne(db, sql: "SELECT state FROM watch_state") }
        #expect(state == "recovered")
        let verdicts = try await queue.read { db in
            try String.fetchAll(db, sql: "SELECT verdict FROM watch_tick ORDER BY id")
        }
        let seeds = try await queue.read { db in try Int64.fetchAll(db, sql: "SELECT seed FROM watch_tick ORDER BY id")
        }
        #expect(verdicts == ["pass", "down", "down", "pass"])
        #expect(Set(seeds).count == seeds.count)
    }

    @Test func badOptionsAreUsageErrors() async throws {
        let quiet = try await ChorusProcess.run(
            ["watch", CLI.suite, "--target", CLI.v1, "--every", "5m", "--quiet-hours", "22-07"])
        #expect(quiet.status == 2)
        #expect(quiet.stderr.contains("--quiet-hours must be HH:MM-HH:MM"))
        let every = try await ChorusProcess.run(["watch", CLI.suite, "--target", CLI.v1, "--every", "5 minutes"])
        #expect(every.status == 2)
    }

    /// The shipped alerting rules are valid Prometheus rules (checked by promtool where it is
    /// installed; scripts/setup installs it), and every rule waits (`for:`) and has a runbook.
    @Test func theShippedAlertingRulesAreValid() async throws {
        let path = Fixtures.path("deploy/prometheus/chorus-rules.yaml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let alerts = text.split(separator: "\n").filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("- alert:")
        }
        #expect(alerts.count >= 4)
        #expect(text.components(separatedBy: "\n        for: ").count - 1 == alerts.count)
        #expect(text.components(separatedBy: "runbook_url:").count - 1 == alerts.count)
        let promtool = try #require(
            Self.promtool, "promtool is not installed: run scripts/setup (Debian's prometheus package)")
        let (status, said) = try await Self.run(promtool, ["check", "rules", path])
        #expect(status == 0, "\(said)")
        #expect(said.contains("SUCCESS: \(alerts.count) rules found"))
    }
}
