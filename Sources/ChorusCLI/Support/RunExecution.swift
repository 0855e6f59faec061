import ChorusRunner
import ChorusScoring
import ChorusStore
import Foundation

/// One run from start to end: records it in the store, streams every conversation to the
/// aggregate, the database and the transcripts file, and marks the run completed.
struct RunExecution {
    var input: SuiteInput
    var suitePath: String
    var targetPath: String
    var conversations: Int
    var concurrency: Int
    var store: ResultStore
    var transcripts: String?

    struct Outcome {
        var run: StoredRun
        var aggregate: Aggregate
        var failures: FailureAnalysis
    }

    func execute() async throws -> Outcome {
        let suite = input.loaded.suite
        let now = Timestamp.now()
        let run = try store.createRun(
            StoredRun(
                name: RunID.make(suite: suite.suite), suite: suite.suite, suiteHash: input.loaded.contentHash,
                suitePath: suitePath, targetPath: targetPath, target: input.target.info, seed: suite.seed,
                conversations: conversations, chorusVersion: ChorusVersion.current, startedAt: now))
        let scoring = ScoringSink()
        var sinks: [any RecordSink] = [scoring, StoreSink(store: store, runID: run.id)]
        if let transcripts {
            do throws(OutputFileError) {
                sinks.append(try TranscriptSink(path: transcripts))
            } catch {
                throw CommandFailure.badInput(error.description)
            }
        }
        let driver = ConversationDriver(suite: input.compiled, target: input.target, runTag: run.name)
        do {
            try await RunScheduler(concurrency: concurrency).run(0..<conversations, driver: driver) { record in
                for sink in sinks { try await sink.consume(record) }
            }
        } catch {
            // Keep what was done: flush every sink before reporting the failure.
            for sink in sinks { try? await sink.finish() }
            try? store.finishRun(id: run.id, status: .interrupted, endedAt: Timestamp.now(), aggregate: nil)
            throw error
        }
        for sink in sinks { try await sink.finish() }
        await input.target.shutdown()
        try store.finishRun(id: run.id, status: .completed, endedAt: Timestamp.now(), aggregate: scoring.aggregate)
        return Outcome(run: run, aggregate: scoring.aggregate, failures: scoring.failures)
    }
}

/// Wall-clock times for the store (never in deterministic outputs).
enum Timestamp {
    static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
