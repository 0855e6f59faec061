import ChorusModel
import ChorusScoring
import ChorusStore
import ChorusTestSupport
import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `chorus dashboard` end to end: the built binary serves a real results database on a free
/// loopback port, and Debian's headless Chromium loads every page type; the tests check the DOM
/// after load (what a person sees), that a hostile bot reply shows as text, the headers, and
/// write a screenshot as an artifact in the test's temporary folder.
@Suite(.serialized, .timeLimit(.minutes(20))) struct DashboardEndToEndTests {
    static let hostileReply = "<script>alert('xss')</script>\"><img src=x onerror=alert(1)>"

    /// A database with two real runs of the example suite (acme-v1, and acme-v2 gated against
    /// the baseline, which fails) and a stored run whose bot answered with markup.
    static func database() async throws -> (directory: String, db: String) {
        let directory = try Fixtures.temporaryDirectory("chorus-dashboard")
        let db = "\(directory)/chorus.sqlite"
        for (target, extra) in [
            (CLI.v1, [String]()), (CLI.v2, ["--baseline", "Reports/baselines/customer-service.json"]),
        ] {
            let result = try await ChorusProcess.run(
                [
                    "run", CLI.suite, "--target", target, "--conversations", "200", "--quiet", "--db", db, "--out",
                    "\(directory)/out-\(extra.isEmpty ? "v1" : "v2")", "--format", "json",
                ] + CLI.noLatencyBound + extra)
            #expect(result.status <= 1, "\(result.stderr)")
        }
        let store = try ResultStore(path: db)
        let run = try store.createRun(
            StoredRun(
                name: "hostile-run", suite: "customer-service", suiteHash: "h", suitePath: CLI.suite,
                targetPath: "evil.yaml",
                target: TargetInfo(kind: "http", name: "evil-bot", detail: ""), seed: 1, conversations: 1,
                chorusVersion: "test", startedAt: "2026-01-01T00:00:00Z"))
        let record = ConversationRecord(
            index: 0, persona: "hurried", goal: "refund", outcome: .abandoned,
            turns: [
                TurnRecord(
                    user: "refund please", expectedIntent: "refund", predictedIntent: "refund", bot: [hostileReply],
                    latencyMs: 3)
            ])
        try store.append([record], run: run.id)
        var analyzer = FailureAnalyzer()
        analyzer.add(record)
        try store.finishRun(
            id: run.id, status: .completed, endedAt: "2026-01-01T00:01:00Z", aggregate: Aggregate([record]),
            failures: analyzer.analysis())
        return (directory, db)
    }

    /// `chorus dashboard` on the port it chose (port 0), stopped with SIGTERM at the end.
    final class Served {
        let child: ChorusChild
        let base: String

        /// Starts the dashboard and returns once it says where it serves.
        init(db: String) async throws {
            child = try ChorusChild(["dashboard", "--db", db, "--port", "0"])
            base = "http://127.0.0.1:\(try await child.port(after: "dashboard of"))"
        }

        func get(_ path: String) async throws -> (status: Int, headers: [String: String], body: String) {
            let (data, response) = try await URLSession.shared.data(from: URL(string: base + path)!)
            let http = try #require(response as? HTTPURLResponse)
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields { headers["\(key)".lowercased()] = "\(value)" }
            return (http.statusCode, headers, String(decoding: data, as: UTF8.self))
        }

        func stop() async -> Int32 {
            await child.stop()
        }
    }

    /// Debian's Chromium, run headless. A missing browser fails the test (scripts/setup installs it).
    enum Browser {
        static var path: String? {
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
        }

        static func run(_ arguments: [String], in directory: String) async throws -> (status: Int32, stdout: String) {
            let browser = try #require(path, "chromium is not installed: run scripts/setup (apt-get install chromium)")
            let out = "\(directory)/chromium-\(UUID().uuidString).out"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: browser)
            // A profile of its own per run; no sandbox (tests may run as root in CI containers).
            process.arguments =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--user-data-dir=\(directory)/profile-\(UUID().uuidString)",
                ] + arguments
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            await process.exited()
            return (process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
        }

        /// The page's DOM after load, as Chromium serialises it.
        static func dom(_ url: String, in directory: String) async throws -> String {
            let result = try await run(["--dump-dom", url], in: directory)
            #expect(result.status == 0, "chromium --dump-dom \(url) exited \(result.status)")
            return result.stdout
        }
    }

    @Test func chromiumLoadsEveryPageTypeAndHostileRepliesShowAsText() async throws {
        #expect(Browser.path != nil, "chromium is not installed: run scripts/setup (apt-get install chromium)")
        guard Browser.path != nil else { return }
        let (directory, db) = try await Self.database()
        let server = try await Served(db: db)
        defer { if server.child.process.isRunning { server.child.process.terminate() } }
        #expect(server.child.transcript.contains("on \(server.base)/"), "binds 127.0.0.1 by default")

        let store = try ResultStore(path: db, readOnly: true)
        let runs = try store.runs()
        let v1 = try #require(runs.first { $0.target.name == "acme-v1" })
        let v2 = try #require(runs.first { $0.target.name == "acme-v2" })
        let pages: [(String, String, [String])] = [
            ("suites", "/", ["Suites", "acme-v1", "acme-v2", "✘ FAIL", v2.name]),
            (
                "trends", "/trends?suite=customer-service&target=acme-v2",
                ["completion", "latency p95 (ms)", "gate min", v2.name]
            ),
            (
                "run", "/run?name=\(v2.name)",
                ["Chorus report", "Failure clusters", "Gate failed", "Baseline comparison"]
            ),
            ("failures", "/failures?run=\(v2.name)", ["Failure clusters", "chorus replay Scenarios/customer-service"]),
            ("conversation", "/conversation?run=\(v2.name)&at=5", ["Conversation 5", "Replay:"]),
            ("diff", "/diff?a=\(v1.name)&b=\(v2.name)", ["Paired comparison", "Flipped conversations", "McNemar"]),
            ("search", "/search?run=\(v2.name)", ["Search conversations", "next page", "conversation?run="]),
            (
                "search, filtered", "/search?run=\(v2.name)&outcome=completed&q=refund",
                ["Search conversations", "conversation?run="]
            ),
        ]
        for (name, path, expected) in pages {
            let response = try await server.get(path)
            #expect(response.status == 200, "\(name): \(response.status)")
            #expect(response.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true, "\(name)")
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(!response.body.contains("<script"), "\(name): the dashboard has no script")
            let dom = try await Browser.dom(server.base + path, in: directory)
            for text in expected { #expect(dom.contains(text), "\(name) shows \(text)") }
        }

        // The hostile reply, on the pages that show bot text: text in the DOM, never an element.
        for path in [
            "/failures?run=hostile-run", "/conversation?run=hostile-run&at=0", "/run?name=hostile-run",
            "/search?run=hostile-run&q=%3Cscript%3E",
        ] {
            let dom = try await Browser.dom(server.base + path, in: directory)
            #expect(!dom.contains("<script"), "\(path): no script element")
            #expect(!dom.contains("<img"), "\(path): no image element")
            if !path.hasPrefix("/search") {
                #expect(
                    dom.contains("&lt;script&gt;alert('xss')&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(1)&gt;"),
                    "\(path)")
            }
        }
        let search = try await server.get("/search?run=hostile-run&q=%3Cscript%3E")
        #expect(
            search.body.contains("conversation?run=hostile-run&amp;at=0"), "the text search finds the hostile reply")

        // Bad requests are answered, not crashed on.
        #expect(try await server.get("/nope").status == 404)
        #expect(try await server.get("/run?name=missing").status == 404)
        #expect(try await server.get("/search?outcome=sideways").status == 400)
        #expect(try await server.get("/conversation?run=\(v2.name)&at=x").status == 400)

        let screenshot = "\(directory)/dashboard-trends.png"
        let shot = try await Browser.run(
            [
                "--screenshot=\(screenshot)", "--window-size=1280,1400",
                server.base + "/trends?suite=customer-service&target=acme-v2",
            ],
            in: directory)
        #expect(shot.status == 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot at \(screenshot)")
        #expect(await server.stop() == 0, "the dashboard stops cleanly on SIGTERM")
    }

    @Test func aMissingDatabaseIsBadInput() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-dashboard-missing")
        let result = try await ChorusProcess.run(["dashboard", "--db", "\(directory)/none.sqlite", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no results database at"))
    }
}
