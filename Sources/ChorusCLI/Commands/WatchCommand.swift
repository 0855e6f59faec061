import ArgumentParser
import ChorusReports
import ChorusRunner
import ChorusServer
import ChorusSpec
import ChorusStore
import ChorusTargets
import ChorusWatch
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// `chorus watch <suite> --target T --every 5m`: synthetic monitoring of a live bot. Each tick
/// plays a small seeded sample with the suite's gate and stores it; Prometheus metrics show the
/// last tick; a webhook hears once when the suite starts failing and once when it recovers.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract:
            "Run small seeded samples against a live bot on a schedule; export metrics and notify on failure and recovery.",
        discussion: """
            Runs until SIGTERM or Ctrl-C (the tick in flight finishes and is stored). SIGUSR1 plays the next tick \
            at once (e.g. right after a deploy); the schedule goes on from it. The alert state is kept in the \
            database, so a restarted watch resumes it. See README "Watching a live bot".
            """)

    @Argument(help: "The suite: a folder of YAML files or one file.")
    var suite: String

    @Option(name: .long, help: "The target file of the live bot.")
    var target: String

    @Option(name: .long, parsing: .unconditional, help: "Time between ticks: 90s, 5m, 1h.")
    var every: DurationOption

    @Option(name: .long, parsing: .unconditional, help: "Conversations per tick.")
    var conversations = 20

    @Option(name: .long, parsing: .unconditional, help: "Conversations in flight at once.")
    var concurrency = 4

    @Option(
        name: .long, parsing: .unconditional,
        help: "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics (0 picks a free port and logs it).")
    var metricsPort: Int?

    @Option(name: .long, help: "POST a notification here when the suite starts failing and when it recovers.")
    var webhook: String?

    @Option(name: .long, help: "The webhook body: alertmanager (Alertmanager's webhook JSON) or json.")
    var webhookFormat: WebhookFormat = .alertmanager

    @Option(name: .long, parsing: .unconditional, help: "Failing (or bot-down) ticks in a row before the alert fires.")
    var failingAfter = 3

    @Option(
        name: .long, help: "Hold notifications in this local-time window, e.g. 22:00-07:00; they are sent when it ends."
    )
    var quietHours: String?

    @Option(name: .long, parsing: .unconditional, help: "Delete ticks (and their runs) older than this: 30d, 12h.")
    var retention: DurationOption?

    @Option(name: .long, parsing: .unconditional, help: "Stop after this many ticks (default: run until stopped).")
    var ticks: Int?

    @Option(
        name: .long,
        help:
            "Override a gate rule of every tick, e.g. completion_rate.min=0.7 or completion_rate{language=fi}.min=0.9 (repeatable)."
    )
    var gate: [String] = []

    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    @OptionGroup var privacy: PrivacyOptions

    func validate() throws {
        if conversations < 1 { throw ValidationError("--conversations must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if failingAfter < 1 { throw ValidationError("--failing-after must be at least 1") }
        if let ticks, ticks < 1 { throw ValidationError("--ticks must be at least 1") }
        if let quietHours, QuietHours(quietHours) == nil {
            throw ValidationError("--quiet-hours must be HH:MM-HH:MM, e.g. 22:00-07:00; got \"\(quietHours)\"")
        }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be 0…65535")
        }
        if let webhook, !(webhook.hasPrefix("http://") || webhook.hasPrefix("https://")) {
            throw ValidationError("--webhook must be an http:// or https:// URL")
        }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            // Everything a tick needs is checked now, so a typo fails at once (exit 2), not at
            // the first tick.
            let input = try SuiteInput.load(suite: suite, target: target, concurrency: concurrency)
            let loaded = input.loaded.suite
            await input.target.shutdown()
            let rules = try GateRules.resolve(suite: loaded, overrides: gate)
            let redactor = try privacy.redactor(suite: loaded)
            let store = try ResultStore(path: db)
            let clock = SystemWaitClock()
            var logger = Logger(label: "chorus.watch")
            logger.logLevel = .info
            let metrics = WatchMetrics(suite: loaded.suite, target: input.target.info.name)
            let watcher = Watcher(
                configuration: .init(
                    suite: loaded.suite, target: input.target.info.name, seed: loaded.seed, every: every.duration,
                    failingAfter: failingAfter, quietHours: quietHours.flatMap(QuietHours.init),
                    retention: retention?.duration, maxTicks: ticks),
                store: store, metrics: metrics,
                notifier: webhook.map {
                    WebhookNotifier.http(url: $0, format: webhookFormat, clock: clock, logger: logger)
                },
                clock: clock, logger: logger,
                tick: WatchTick(
                    suite: suite, target: target, conversations: conversations, concurrency: concurrency, store: store,
                    rules: rules, redactor: redactor
                ).play)
            // Trapped before the first tick: once the watch has said anything, SIGUSR1 is a
            // request for a tick, never the end of the process.
            let tickSignals = await UnixSignalsSequence(trapping: .sigusr1)
            var services = [
                ServiceGroupConfiguration.ServiceConfiguration(
                    service: watcher, successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: TickOnSignal(signals: tickSignals, watcher: watcher)),
            ]
            if let metricsPort {
                let server = MetricsServer(port: metricsPort, text: { metrics.text() }) { [logger] bound in
                    logger.info("metrics at http://127.0.0.1:\(bound)/metrics")
                }
                services.append(.init(service: server.service))
            }
            let group = ServiceGroup(
                configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        }
    }
}

extension WebhookFormat: ExpressibleByArgument {}

/// SIGUSR1 asks the watch for a tick now.
struct TickOnSignal: Service {
    var signals: UnixSignalsSequence
    var watcher: Watcher

    func run() async {
        for await _ in signals.cancelOnGracefulShutdown() { watcher.tickNow() }
    }
}

/// One tick of `chorus watch`, as the CLI plays it: a fresh target, a greeting (a bot that does
/// not answer is `down`), then the sample through `RunExecution` — stored, redacted when privacy
/// is on — judged by the suite's gate and the error-rate bound.
struct WatchTick: Sendable {
    var suite: String
    var target: String
    var conversations: Int
    var concurrency: Int
    var store: ResultStore
    var rules: [String: GateRule]
    var redactor: Redactor?

    func play(_ tick: Watcher.Tick) async -> TickResult {
        do {
            let input = try SuiteInput.load(suite: suite, target: target, concurrency: concurrency)
            if input.target.info.kind != "reference",
                case .failure(let error) = await TargetProbe.exchange(input.target, text: TargetProbe.greeting)
            {
                await input.target.shutdown()
                return TickResult(
                    verdict: .down, reason: "the bot did not answer a greeting: \(error.kind.rawValue): \(error.detail)"
                )
            }
            let configuration = RunConfiguration(
                suite: input.loaded.suite, seed: tick.seed, conversations: conversations, concurrency: concurrency)
            let outcome = try await RunExecution(
                input: input, suitePath: suite, targetPath: target, configuration: configuration, store: store,
                transcripts: nil, quiet: true, metricsPort: nil, maxErrorRate: nil, resume: nil, marksCompletion: true,
                redactor: redactor, stop: tick.stop, handlesSignals: false
            ).execute()
            try store.setJudgement(runID: outcome.run.id, gate: GateRules.json(rules), baseline: nil)
            let report = RunReport(
                run: outcome.run, status: ReportStatus(run: outcome.run, status: outcome.status),
                aggregate: outcome.aggregate,
                failures: outcome.failures, gate: rules, baseline: nil, chorusVersion: ChorusVersion.current)
            let summary = report.summary
            var reasons = (report.verdict?.failures ?? []).map(\.detail)
            let bound = rules[GateMetric.errorRate.rawValue]?.max ?? RunOptions.defaultMaxErrorRate
            if let errorRate = summary.metrics.errorRate?.value, errorRate > bound {
                reasons.append(
                    "\(summary.outcomes.error) of \(summary.conversations) conversations ended in a target error")
            }
            let allErrors = summary.conversations > 0 && summary.outcomes.error == summary.conversations
            return TickResult(
                verdict: allErrors ? .down : reasons.isEmpty ? .pass : .fail,
                reason: reasons.isEmpty ? nil : reasons.joined(separator: "; "), run: outcome.run.name,
                completionRate: summary.metrics.completionRate?.value,
                fallbackRate: summary.metrics.fallbackRate?.value,
                errorRate: summary.metrics.errorRate?.value, latencyP95Ms: summary.latencyMs?.p95)
        } catch {
            return TickResult(verdict: .fail, reason: "the tick could not run: \(error)")
        }
    }
}
