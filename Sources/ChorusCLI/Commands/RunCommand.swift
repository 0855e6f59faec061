import ArgumentParser
import ChorusModel
import ChorusReports
import ChorusRunner
import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation

/// `chorus run <suite> --target <target.yaml>`: runs the suite's synthetic users against the
/// target, stores every conversation, prints a summary, writes the reports, and — with a gate or
/// a baseline — exits 1 when the release candidate regressed.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario suite against a target, score it, and apply the gate.")

    @Argument(help: "The suite: a folder of YAML files or one file (not with --resume).")
    var suite: String?

    @Option(name: .long, help: "The target file, e.g. Fixtures/targets/acme-v1.yaml (not with --resume).")
    var target: String?

    @OptionGroup var options: RunOptions

    @Option(name: .long, help: "Output folder (default: Reports/runs/<run-id>).")
    var out: String?

    @Option(name: .long, help: "Diff against this baseline file and apply the gate's relative rules.")
    var baseline: String?

    @Option(name: .long, help: "Override a gate rule, e.g. completion_rate.min=0.7 (repeatable).")
    var gate: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Report formats to write: json md html junit.")
    var format: [String] = ReportWriter.allFormats

    @Option(name: .long, help: "Continue a stored run that was killed or interrupted, by its name.")
    var resume: String?

    @Option(name: .long, help: "Run only shard K of N (0-based), e.g. --shard 2/8.")
    var shard: String?

    @Option(name: .long, help: "Run shard $JOB_COMPLETION_INDEX of N (a Kubernetes Indexed Job).")
    var shards: Int?

    @Flag(name: .long, help: "Print nothing but errors and the verdict.")
    var quiet = false

    func validate() throws {
        try options.validate()
        if resume == nil, suite == nil || target == nil {
            throw ValidationError("give a suite and --target (or --resume <run>)")
        }
        if resume != nil, suite != nil || target != nil || shard != nil || shards != nil || options.seed != nil || options.conversations != nil {
            throw ValidationError("--resume continues a stored run as it was started: drop the suite, --target, --seed, --conversations and shard options")
        }
        if shard != nil, shards != nil { throw ValidationError("give --shard K/N or --shards N, not both") }
        if let shard, RunPlan.Shard(parsing: shard) == nil {
            throw ValidationError("--shard must be K/N with 0 ≤ K < N, e.g. 0/4; got \"\(shard)\"")
        }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            try ReportWriter.validate(format)
            let store = try ResultStore(path: options.db)
            let resumed = try resume.map { name throws in try StoreInput.run(name, in: store) }
            let suitePath = resumed?.suitePath ?? suite ?? ""
            let targetPath = resumed?.targetPath ?? target ?? ""
            let input = try SuiteInput.load(suite: suitePath, target: targetPath, concurrency: options.concurrency)
            if let resumed {
                guard resumed.status != .completed else {
                    throw CommandFailure.badInput("run \(resumed.name) is already complete")
                }
                guard resumed.suiteHash == input.loaded.contentHash else {
                    throw CommandFailure.badInput(
                        "the suite's files changed since run \(resumed.name) started; it cannot be resumed exactly")
                }
            }
            let rules = try GateRules.resolve(suite: input.loaded.suite, overrides: gate)
            let reference = try baseline.map { path throws in try BaselineFile.load(path, suite: input.loaded) }
            try await TargetProbe.check([(input.target, targetPath)])
            let clock = ContinuousClock()
            let started = clock.now
            let plannedShard = try resumed.map { try ShardOption.parse($0.shard) } ?? ShardOption.resolve(shard: shard, shards: shards)
            var configuration = options.configuration(input: input, shard: plannedShard)
            if let resumed {
                configuration.seed = resumed.seed
                configuration.conversations = resumed.conversations
            }
            let outcome = try await RunExecution(
                input: input, suitePath: suitePath, targetPath: targetPath, configuration: configuration,
                store: store, transcripts: options.transcripts,
                quiet: quiet, metricsPort: options.metricsPort, maxErrorRate: options.maxErrorRate, resume: resumed
            ).execute()
            // The gate judges whole runs: the report's status says when it did not (a shard's verdict
            // waits for `chorus merge` and `chorus report`; a stopped run's for `--resume`).
            let status = ReportStatus(run: outcome.run, status: outcome.status, stopReason: outcome.stopReason?.text)
            try store.setJudgement(runID: outcome.run.id, gate: GateRules.json(rules), baseline: reference?.encoded())
            var report = RunReport(
                run: outcome.run, status: status, aggregate: outcome.aggregate, failures: outcome.failures, gate: rules,
                baseline: reference, chorusVersion: ChorusVersion.current)
            if resumed != nil {
                // The failure analysis, like the aggregate, covers every stored conversation.
                report = try RunReport.load(run: outcome.run, status: status, from: store, chorusVersion: ChorusVersion.current)
            }
            let directory = out ?? "Reports/runs/\(outcome.run.name)"
            let written = try ReportWriter.write(report, to: directory, formats: format)
            if !quiet {
                Console.out(TextSummaryReporter().render(report.summary, status: report.status))
                Console.out(
                    RunStats(
                        conversations: outcome.played.conversations, turns: outcome.played.turns,
                        elapsed: clock.now - started
                    ).line)
                Console.out("run \(outcome.run.name) stored in \(options.db)")
                Console.out("wrote \((written + [options.transcripts].compactMap { $0 }).joined(separator: ", "))")
            }
            if let reason = outcome.stopReason {
                throw CommandFailure.stopped(reason, run: outcome.run.name, stored: report.summary.conversations, db: options.db)
            }
            if let failure = CommandFailure.allErrored(
                conversations: report.summary.conversations, errors: report.summary.outcomes.error, targetPath: targetPath)
            {
                throw failure
            }
            try Verdict.conclude(report, quiet: quiet)
        }
    }
}

extension StopFlag.Reason {
    /// Why the run stopped, as the reports say it.
    var text: String {
        switch self {
        case .interrupted: "interrupted by Ctrl-C; resume it to finish"
        case .targetErrors(let detail): "stopped: \(detail); resume it to finish"
        }
    }
}

/// The options every command that runs conversations shares.
struct RunOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Number of conversations (default: the suite's `conversations`).")
    var conversations: Int?

    @Option(name: .long, help: "Seed (default: the suite's `seed`).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Conversations in flight at once.")
    var concurrency: Int = 16

    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    @Option(name: .long, help: "Write every conversation as JSON Lines to this file.")
    var transcripts: String?

    @Option(name: .long, help: "Open-loop load: start this many conversations per second (--concurrency caps those in flight).")
    var rate: Double?

    @Option(name: .long, help: "Serve live Prometheus metrics on this port during the run.")
    var metricsPort: Int?

    @Option(name: .long, help: "Stop early (exit 3) when more than this share of conversations end in a target error.")
    var maxErrorRate: Double?

    /// The run's configuration: these options over the suite's defaults.
    ///
    /// Enumerated goals (`each`) always play every variant once; `--conversations` (or the
    /// suite's `conversations`) counts the sampled conversations that follow them.
    func configuration(input: SuiteInput, shard: RunPlan.Shard = .whole) -> RunConfiguration {
        let sampled = conversations ?? input.loaded.suite.conversations
        return RunConfiguration(
            suite: input.loaded.suite, seed: seed, conversations: input.compiled.conversationCount(sampled: sampled), shard: shard,
            concurrency: concurrency, rate: rate)
    }

    func validate() throws {
        // The runner owns the ranges; the suite's defaults are in range, so check what was given.
        do {
            try RunConfiguration(seed: 0, conversations: conversations ?? 1, concurrency: concurrency, rate: rate).validate()
        } catch {
            throw ValidationError(error.description)
        }
        if let maxErrorRate, !(0...1).contains(maxErrorRate) { throw ValidationError("--max-error-rate must be between 0 and 1") }
    }
}
