import ChorusModel
import ChorusRunner
import ChorusScoring
import ChorusServer
import ChorusStore
import Foundation

/// One run from start to end: records it in the store (or picks up a stored run to resume),
/// streams every conversation to the scoring, the database, the transcripts file and the live
/// metrics, draws the progress line, and marks the run completed — or interrupted, when Ctrl-C,
/// SIGTERM or the error limit stopped it, so it can be resumed.
struct RunExecution {
    var input: SuiteInput
    var suitePath: String
    var targetPath: String
    /// Seed, volume, shard, concurrency and rate.
    var configuration: RunConfiguration
    var store: ResultStore
    var transcripts: String?
    /// The `--label` pairs and git revision recorded with a new run.
    var labels = RunLabels()
    var quiet = true
    var metricsPort: Int?
    /// Stop early when more than this share of conversations end in a transport error.
    var maxErrorRate: Double?
    /// The stored run to continue, for `--resume`.
    var resume: StoredRun?
    /// Whether a run that played to its end is marked complete here; `chorus run` marks it
    /// itself once its reports are written.
    var marksCompletion = true
    /// Replaces personal data in every text before it is written (nil: texts are written as played).
    var redactor: Redactor?
    /// Stops the run early when raised; Ctrl-C and SIGTERM raise it when `handlesSignals`.
    var stop = StopFlag()
    /// Whether the run handles Ctrl-C and SIGTERM itself (`chorus watch` leaves them to its
    /// service group, which raises `stop`).
    var handlesSignals = true

    struct Outcome {
        var run: StoredRun
        var aggregate: Aggregate
        var failures: FailureAnalysis
        var status: RunStatus
        /// Why the run stopped early, when it did.
        var stopReason: StopFlag.Reason?
        /// What this process played (a resumed run's earlier share is not counted).
        var played: LiveMetrics.Snapshot
    }

    func execute() async throws -> Outcome {
        let suite = input.loaded.suite
        let run: StoredRun
        if let resume {
            run = resume
        } else {
            run = try store.createRun(
                StoredRun(
                    name: RunID.make(suite: suite.suite), suite: suite.suite, suiteHash: input.loaded.contentHash,
                    suitePath: suitePath, targetPath: targetPath, target: input.target.info, seed: configuration.seed,
                    conversations: configuration.conversations,
                    shard: configuration.shard == .whole ? nil : configuration.shard.description,
                    chorusVersion: ChorusVersion.current, startedAt: Timestamp.now(), labels: labels,
                    repeats: configuration.repeats))
        }
        // One process plays a run at a time; the lock goes with this process, however it ends.
        let lock = try RunLock.acquire(database: store.path, run: run.name, startedAt: Timestamp.now())
        defer { withExtendedLifetime(lock) {} }
        if resume != nil { try store.dropIncompletePlays(of: run) }
        let done = resume == nil ? [] : try store.conversationIndices(of: run)
        let plan = RunPlan(total: configuration.conversations, shard: configuration.shard, excluding: done)
        let metrics = LiveMetrics(
            planned: plan.count * configuration.repeats, alreadyDone: done.count * configuration.repeats)
        let scoring = ScoringSink()
        var writers: [any RecordSink] = [StoreSink(store: store, runID: run.id), LiveMetricsSink(metrics: metrics)]
        if let transcripts {
            do throws(OutputFileError) {
                writers.append(try TranscriptSink(path: transcripts, append: resume != nil))
            } catch {
                throw CommandFailure.badInput(error.description)
            }
        }
        if let maxErrorRate { writers.append(ErrorRateGuard(limit: maxErrorRate, stop: stop)) }
        // Every record passes the privacy boundary: scored as played, written redacted.
        let sinks: [any RecordSink] = [PrivacyBoundary(scoring: scoring, redactor: redactor, writers: writers)]

        let interrupt = handlesSignals ? InterruptSignal(stop: stop) : nil
        let progress = ProgressLine.make(metrics: metrics, label: run.name, quiet: quiet).map { line in
            Task { await line.run() }
        }
        let server = metricsPort.map { port in
            Task {
                try await MetricsServer(port: port, text: { metrics.prometheusText() }) { bound in
                    Console.error("metrics at http://127.0.0.1:\(bound)/metrics")
                }.run()
            }
        }
        defer {
            progress?.cancel()
            server?.cancel()
            withExtendedLifetime(interrupt) {}
        }
        /// Clears the progress line and closes the metrics endpoint, so the port is free again
        /// when this returns (`chorus compare` serves its second run on it). An endpoint that
        /// could not serve (the port taken) is said, not passed over.
        func stopShowing() async {
            progress?.cancel()
            server?.cancel()
            _ = await progress?.value
            if let server, let port = metricsPort, case .failure(let error) = await server.result,
                !(error is CancellationError)
            {
                Console.error("note: no metrics were served on port \(port): \(error)")
            }
        }

        let driver = ConversationDriver(
            suite: input.compiled, seed: configuration.seed, target: input.target, runTag: run.name)
        do {
            try await RunScheduler(configuration).run(plan, driver: driver, stop: stop) { record in
                for sink in sinks { try await sink.consume(record) }
            }
        } catch {
            // Keep what was done: flush every sink before reporting the failure.
            for sink in sinks { try? await sink.finish() }
            try? store.finishRun(id: run.id, status: .interrupted, endedAt: Timestamp.now(), aggregate: nil)
            await stopShowing()
            await input.target.shutdown()
            throw error
        }
        for sink in sinks { try await sink.finish() }
        await stopShowing()
        await input.target.shutdown()

        if stop.isRaised {
            try store.finishRun(id: run.id, status: .interrupted, endedAt: Timestamp.now(), aggregate: nil)
            return Outcome(
                run: run, aggregate: scoring.aggregate, failures: scoring.failures, status: .interrupted,
                stopReason: stop.why, played: metrics.snapshot)
        }
        // A resumed run's figures cover every stored conversation, not just this process's share.
        let aggregate = resume == nil ? scoring.aggregate : try store.aggregate(of: run, recompute: true)
        if marksCompletion {
            try store.finishRun(
                id: run.id, status: .completed, endedAt: Timestamp.now(), aggregate: aggregate,
                failures: resume == nil ? scoring.failures : nil)
        }
        var finished = run
        finished.status = .completed
        return Outcome(
            run: finished, aggregate: aggregate, failures: scoring.failures, status: .completed, stopReason: nil,
            played: metrics.snapshot)
    }
}

/// Stops a run early when the share of conversations ending in a transport error exceeds the
/// limit (checked once 20 conversations have finished, so one early error does not stop it).
final class ErrorRateGuard: RecordSink {
    let limit: Double
    let stop: StopFlag
    private var conversations = 0
    private var errors = 0

    init(limit: Double, stop: StopFlag) {
        self.limit = limit
        self.stop = stop
    }

    func consume(_ record: ConversationRecord) async throws {
        conversations += 1
        if record.outcome == .error { errors += 1 }
        if conversations >= 20, Double(errors) / Double(conversations) > limit, !stop.isRaised {
            let share = String(format: "%.1f%%", Double(errors) / Double(conversations) * 100)
            stop.raise(
                .targetErrors(
                    "\(errors) of \(conversations) conversations (\(share)) ended in a target error, above --max-error-rate"
                ))
        }
    }

    func finish() async throws {}
}

/// Wall-clock times for the store (never in deterministic outputs).
enum Timestamp {
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
