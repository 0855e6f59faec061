import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation
import Hummingbird
import Logging

/// `chorus dashboard`: a read-only web application over the results database. Each page is
/// read from what runs stored when they ended (headline, aggregate, failure analysis, verdict)
/// and from indexed queries (one run's conversations by keyset), never from a scan of every
/// conversation; each is plain HTML with inline SVG, served under a Content-Security-Policy that
/// allows no script (`DashboardPage.contentSecurityPolicy`).
public struct Dashboard: Sendable {
    public let store: ResultStore
    public let chorusVersion: String
    /// The most runs on a trend.
    public var trendLimit = 200
    /// The most runs offered in the search and diff forms.
    public var choiceLimit = 50

    /// A response: its status and page.
    public struct Page: Sendable, Equatable {
        public var status: Int
        public var html: String
    }

    public init(store: ResultStore, chorusVersion: String) {
        self.store = store
        self.chorusVersion = chorusVersion
    }

    /// The page at `path` with the (already decoded) query parameters: 200, or 404 for what does
    /// not exist, 400 for a malformed parameter, 500 when the database cannot be read.
    public func page(_ path: String, _ query: [String: String]) -> Page {
        do {
            switch path {
            case "/", "": return Page(status: 200, html: try suites())
            case "/trends": return try trends(query)
            case "/run", "/failures": return try run(query, failures: path == "/failures")
            case "/conversation": return try conversation(query)
            case "/search": return try search(query)
            case "/diff": return try diff(query)
            default: return Page(status: 404, html: DashboardPage.notFound("There is no page \(path)."))
            }
        } catch let error as DashboardRequestError {
            return Page(status: 400, html: DashboardPage.notFound(error.message))
        } catch {
            return Page(status: 500, html: DashboardPage.notFound("The results database could not be read: \(error)"))
        }
    }

    // MARK: - Pages

    func suites() throws -> String {
        let rows = try store.latestRuns().map { run in
            let stored = try store.headline(of: run)
            return DashboardPage.RunRow(
                run: run, headline: stored.headline, passed: try verdict(of: run, stored: stored.verdict))
        }
        return DashboardPage.suites(rows, recent: try store.recentRuns(limit: 20))
    }

    func trends(_ query: [String: String]) throws -> Page {
        guard let suite = query["suite"], let target = query["target"] else {
            throw DashboardRequestError("a trend needs ?suite=…&target=…")
        }
        let runs = try store.runs(suite: suite, target: target, limit: trendLimit)
        guard let latest = runs.last else {
            return Page(
                status: 404, html: DashboardPage.notFound("No completed run of suite \(suite) against \(target)."))
        }
        let points = try runs.map { run in
            let stored = try store.headline(of: run)
            return DashboardPage.RunRow(
                run: run, headline: stored.headline, passed: try verdict(of: run, stored: stored.verdict))
        }
        let judgement = try RunReport.judgement(of: latest, in: store)
        return Page(
            status: 200,
            html: DashboardPage.trends(
                suite: suite, target: target, runs: points, gate: judgement.gate, baseline: judgement.baseline))
    }

    func run(_ query: [String: String], failures: Bool) throws -> Page {
        guard let run = try named(query["name"] ?? query["run"]) else {
            return missingRun(query["name"] ?? query["run"])
        }
        let report = try RunReport.load(run: run, from: store, chorusVersion: chorusVersion)
        return Page(
            status: 200, html: failures ? DashboardPage.failures(report, run: run) : DashboardPage.run(report, run: run)
        )
    }

    func conversation(_ query: [String: String]) throws -> Page {
        guard let run = try named(query["run"]) else { return missingRun(query["run"]) }
        guard let at = query["at"], let position = ConversationPosition(at) else {
            throw DashboardRequestError("a conversation needs ?run=…&at=<index>")
        }
        guard let record = try store.conversation(position.index, repeat: position.repeatIndex, of: run) else {
            return Page(
                status: 404, html: DashboardPage.notFound("Run \(run.name) holds no conversation \(position.text)."))
        }
        return Page(status: 200, html: DashboardPage.conversation(record, run: run))
    }

    func search(_ query: [String: String]) throws -> Page {
        let runs = try store.recentRuns(limit: choiceLimit)
        let run = try named(query["run"]) ?? (query["run"] == nil ? runs.first : nil)
        if query["run"] != nil, run == nil { return missingRun(query["run"]) }
        let search = try Self.conversationQuery(query)
        let page = try run.map { run throws in try store.search(search, in: run) }
        return Page(status: 200, html: DashboardPage.search(run: run, runs: runs, query: search, page: page))
    }

    func diff(_ query: [String: String]) throws -> Page {
        let runs = try store.recentRuns(limit: choiceLimit)
        let a = try named(query["a"])
        let b = try named(query["b"])
        for (name, run) in [(query["a"], a), (query["b"], b)] where name != nil && run == nil {
            return missingRun(name)
        }
        guard let a, let b else {
            return Page(status: 200, html: DashboardPage.diff(a: a, b: b, runs: runs, report: nil))
        }
        let gate = try RunReport.judgement(of: b, in: store).gate
        let report = try RunReport.comparing(
            a, b, store: store, gate: gate, chorusVersion: chorusVersion, flipLimit: 25)
        return Page(status: 200, html: DashboardPage.diff(a: a, b: b, runs: runs, report: report))
    }

    // MARK: - Reading

    func named(_ name: String?) throws -> StoredRun? {
        guard let name, !name.isEmpty else { return nil }
        return try store.run(named: name)
    }

    func missingRun(_ name: String?) -> Page {
        Page(status: 404, html: DashboardPage.notFound("There is no run named \(name ?? "") in this database."))
    }

    /// A run's verdict: as stored when it ended, else (runs stored before verdicts were kept, and
    /// merged runs) judged again from its aggregate, gate and baseline.
    func verdict(of run: StoredRun, stored: Bool?) throws -> Bool? {
        if let stored { return stored }
        let judgement = try RunReport.judgement(of: run, in: store)
        guard !judgement.gate.isEmpty, run.status == .completed else { return nil }
        let report = RunReport(
            run: run, aggregate: try store.aggregate(of: run), failures: FailureAnalysis(), gate: judgement.gate,
            baseline: judgement.baseline, chorusVersion: chorusVersion)
        return report.verdict?.passed
    }

    /// The search a query string asks for.
    static func conversationQuery(_ query: [String: String]) throws -> ConversationQuery {
        func value(_ name: String) -> String? {
            guard let text = query[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        var search = ConversationQuery(
            text: value("q"), goal: value("goal"), persona: value("persona"), intent: value("intent"))
        if let outcome = value("outcome") {
            guard let parsed = Outcome(rawValue: outcome) else {
                throw DashboardRequestError("unknown outcome \"\(outcome)\"")
            }
            search.outcome = parsed
        }
        if let failure = value("failure") {
            guard let parsed = DialogueFailure(rawValue: failure) else {
                throw DashboardRequestError("unknown dialogue failure \"\(failure)\"")
            }
            search.dialogueFailure = parsed
        }
        if let after = value("after") {
            guard let position = ConversationPosition(after) else {
                throw DashboardRequestError("malformed position \"\(after)\"")
            }
            search.after = position
        }
        return search
    }

    // MARK: - Serving

    /// The routes: every page by GET; anything else is 404 or 405.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        let dashboard = self
        for path in ["/", "/trends", "/run", "/failures", "/conversation", "/search", "/diff"] {
            router.get(RouterPath(path)) { request, _ -> Response in
                let page = dashboard.page(path, FormQuery.parse(request.uri.query ?? ""))
                return Self.response(page)
            }
        }
        return router
    }

    static func response(_ page: Page) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = DashboardPage.contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
        headers[.cacheControl] = "no-store"
        return Response(
            status: HTTPResponse.Status(code: page.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: page.html)))
    }

    /// Serves on `host:port` until SIGINT or SIGTERM (finishing the requests in flight), or
    /// until the task is cancelled when `handleSignals` is false. `onStarted` gets the bound port.
    public func run(
        host: String, port: Int, handleSignals: Bool = true,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "chorus.dashboard")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "chorus-dashboard"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) }, logger: logger)
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }
}

/// A request the dashboard cannot answer as asked (a malformed parameter): answered with 400.
struct DashboardRequestError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
