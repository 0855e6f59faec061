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

    @Argument(
        help:
            "The suite: a folder of YAML files or one file (with --resume, only `--resume latest`, to start when none is stored)."
    )
    var suite: String?

    @Option(name: .long, help: "The target file, e.g. Fixtures/targets/acme-v1.yaml (not with --resume).")
    var target: String?

    @OptionGroup var options: RunOptions

    @Option(name: .long, help: "Output folder (default: Reports/runs/<run-id>).")
    var out: String?

    @Option(name: .long, help: "Diff against this baseline file and apply the gate's relative rules.")
    var baseline: String?

    @Option(
        name: .long,
        help: "Override a gate rule, e.g. completion_rate.min=0.7 or completion_rate{language=fi}.min=0.9 (repeatable)."
    )
    var gate: [String] = []

    @Option(
        name: .long, parsing: .upToNextOption, help: "Report formats to write: json md html junit csv (confusion.csv).")
    var format: [String] = ReportWriter.allFormats

    @Option(
        name: .long,
        help:
            "Continue a stored run that was killed or interrupted, by its name; `latest` with a suite and --target starts the run when the database holds none."
    )
    var resume: String?

    @Option(name: .long, parsing: .unconditional, help: "Run only shard K of N (0-based), e.g. --shard 2/8.")
    var shard: String?

    @Option(
        name: .long, parsing: .unconditional, help: "Run shard $JOB_COMPLETION_INDEX of N (a Kubernetes Indexed Job).")
    var shards: Int?

    @Flag(name: .long, help: "Print nothing but errors and the verdict.")
    var quiet = false

    func validate() throws {
        try options.validate()
        if resume == nil, suite == nil || target == nil {
            throw ValidationError("give a suite and --target (or --resume <run>)")
        }
        // `--resume latest` may carry the run to start when the database holds none yet (a pod
        // killed before its run was recorded); a named run is continued as it was started.
        if let resume, resume != "latest",
            suite != nil || target != nil || shard != nil || shards != nil || options.seed != nil
                || options.conversations != nil
                || !options.label.isEmpty || options.repeats != nil
        {
            throw ValidationError(
                "--resume continues a stored run as it was started: drop the suite, --target, --seed, --conversations, --label, --repeat and shard options"
            )
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
            let resumed = try resumedRun(in: store)
            if let resumed, resumed.status == .completed {
                // A complete run has nothing left to play; its reports may still be missing.
                try writeMissingReports(of: resumed, store: store)
                return
            }
            let suitePath = resumed?.suitePath ?? suite ?? ""
            let targetPath = resumed?.targetPath ?? target ?? ""
            let input = try SuiteInput.load(suite: suitePath, target: targetPath, concurrency: options.concurrency)
            if let resumed {
                guard resumed.suiteHash == input.loaded.contentHash else {
                    throw CommandFailure.badInput(
                        "the suite's files changed since run \(resumed.name) started; it cannot be resumed exactly")
                }
            }
            let rules = try GateRules.resolve(suite: input.loaded.suite, overrides: gate)
            let reference = try baseline.map { path throws in try BaselineFile.load(path, suite: input.loaded) }
            let plannedShard =
                try resumed.map { try ShardOption.parse($0.shard) } ?? ShardOption.resolve(shard: shard, shards: shards)
            let leftToPlay = try resumed.map { run throws in
                try RunPlan(
                    total: run.conversations, shard: plannedShard, excluding: store.conversationIndices(of: run)
                ).count
            }
            // A resume with every conversation stored (killed while writing its reports) only
            // writes the reports: it needs no target.
            if leftToPlay != 0 { try await TargetProbe.check([(input.target, targetPath)]) }
            let clock = ContinuousClock()
            let started = clock.now
            var configuration = options.configuration(input: input, shard: plannedShard)
            if let resumed {
                configuration.seed = resumed.seed
                configuration.conversations = resumed.conversations
                configuration.repeats = resumed.repeats
            }
            let outcome = try await RunExecution(
                input: input, suitePath: suitePath, targetPath: targetPath, configuration: configuration,
                store: store, transcripts: options.transcripts, labels: try options.labels(),
                quiet: quiet, metricsPort: options.metricsPort, maxErrorRate: options.maxErrorRate, resume: resumed,
                marksCompletion: false, redactor: options.privacy.redactor(suite: input.loaded.suite)
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
                report = try RunReport.load(
                    run: outcome.run, status: status, from: store, chorusVersion: ChorusVersion.current)
            }
            let directory = out ?? "Reports/runs/\(outcome.run.name)"
            let written = try ReportWriter.write(report, to: directory, formats: format)
            if outcome.status == .completed {
                // Only now: a run killed while writing its reports is resumed, and the resume writes them.
                try store.finishRun(
                    id: outcome.run.id, status: .completed, endedAt: Timestamp.now(), aggregate: outcome.aggregate,
                    failures: report.failures)
                try store.setVerdict(runID: outcome.run.id, passed: report.verdict?.passed)
            }
            if !quiet {
                Console.out(TextSummaryReporter().render(report.summary, status: report.status))
                for line in RepeatSection.lines(report) { Console.out(line) }
                Console.out(
                    RunStats(
                        conversations: outcome.played.conversations, turns: outcome.played.turns,
                        elapsed: clock.now - started
                    ).line)
                Console.out("run \(outcome.run.name) stored in \(options.db)")
                Console.out("wrote \((written + [options.transcripts].compactMap { $0 }).joined(separator: ", "))")
            }
            if let reason = outcome.stopReason {
                throw CommandFailure.stopped(
                    reason, run: outcome.run.name, stored: report.summary.conversations, db: options.db)
            }
            if let failure = CommandFailure.tooManyErrors(
                conversations: report.summary.conversations, errors: report.summary.outcomes.error,
                bound: options.errorBound(rules), targetPath: targetPath)
            {
                throw failure
            }
            try Verdict.conclude(report, quiet: quiet)
        }
    }
}

extension RunCommand {
    /// The stored run `--resume` names; nil for a new run, and for `--resume latest` on a
    /// database that holds no run yet when the suite and target to start are given.
    func resumedRun(in store: ResultStore) throws -> StoredRun? {
        guard let resume else { return nil }
        if resume == "latest", try store.run(named: "latest") == nil {
            guard suite != nil, target != nil else {
                throw CommandFailure.badInput(
                    "no run is stored in \(options.db) to resume; give the suite and --target too, and "
                        + "`--resume latest` starts the run when none is stored")
            }
            return nil
        }
        return try StoreInput.run(resume, in: store)
    }

    /// `--resume` of a complete run: writes the reports that are missing from its folder (a
    /// run is marked complete only after its reports are written, but they may have been removed
    /// since), and concludes with its verdict, so a restarted pod that resumes it again ends as
    /// the run did.
    func writeMissingReports(of run: StoredRun, store: ResultStore) throws {
        let directory = out ?? "Reports/runs/\(run.name)"
        let missing = format.filter { format in
            guard let reporter = ReporterRegistry.reporter(for: format) else { return false }
            return !FileSystem.exists("\(directory)/\(type(of: reporter).fileName)")
        }
        let report = try RunReport.load(run: run, from: store, chorusVersion: ChorusVersion.current)
        if missing.isEmpty {
            if !quiet { Console.out("run \(run.name) is already complete, with its reports in \(directory)") }
        } else {
            let written = try ReportWriter.write(report, to: directory, formats: missing)
            if !quiet {
                Console.out(
                    "run \(run.name) is complete; wrote its missing reports: \(written.joined(separator: ", "))")
            }
        }
        // The same verdict (exit code) as the run had, so resuming is safe to repeat.
        try Verdict.conclude(report, quiet: quiet)
    }
}

extension StopFlag.Reason {
    /// Why the run stopped, as the reports say it.
    var text: String {
        switch self {
        case .interrupted: "interrupted by Ctrl-C; resume it to finish"
        case .terminated: "terminated by SIGTERM; resume it to finish"
        case .targetErrors(let detail): "stopped: \(detail); resume it to finish"
        }
    }
}

/// The options every command that runs conversations shares.
struct RunOptions: ParsableArguments {
    @Option(
        name: .long, parsing: .unconditional, help: "Number of conversations (default: the suite's `conversations`).")
    var conversations: Int?

    @Option(name: .long, parsing: .unconditional, help: "Seed (default: the suite's `seed`).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Conversations in flight at once.")
    var concurrency: Int = 16

    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    @Option(name: .long, help: "Write every conversation as JSON Lines to this file.")
    var transcripts: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: "Open-loop load: start this many conversations per second (--concurrency caps those in flight).")
    var rate: Double?

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Serve live Prometheus metrics at http://127.0.0.1:PORT/metrics during the run (0 picks a free port; the address is printed)."
    )
    var metricsPort: Int?

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Exit 3 when more than this share of conversations end in a target error (default: the suite's error_rate.max, else 0.05); given, it also stops the run early."
    )
    var maxErrorRate: Double?

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help:
            "Play each conversation this many times (same user, fresh session) for pass@k, pass^k and flaky conversations."
    )
    var repeats: Int?

    @Option(
        name: .long,
        help:
            "Record a label with the run, e.g. --label bot=v2.3 (repeatable; shown and filtered by runs, history, diff)."
    )
    var label: [String] = []

    /// The run's labels, with the git checkout it runs in.
    func labels() throws -> RunLabels {
        RunLabels(labels: try LabelOption.labels(label), git: GitCheckout.revision())
    }
    @OptionGroup var privacy: PrivacyOptions

    /// The share of conversations that may end in a target error before a run exits 3, when
    /// neither `--max-error-rate` nor the suite's `gate: error_rate: {max: …}` says.
    static let defaultMaxErrorRate = 0.05

    /// The error-rate bound of a run judged by `rules`.
    func errorBound(_ rules: [String: GateRule]) -> Double {
        maxErrorRate ?? rules[GateMetric.errorRate.rawValue]?.max ?? Self.defaultMaxErrorRate
    }

    /// The run's configuration: these options over the suite's defaults.
    ///
    /// Enumerated goals (`each`) always play every variant once; `--conversations` (or the
    /// suite's `conversations`) counts the sampled conversations that follow them.
    func configuration(input: SuiteInput, shard: RunPlan.Shard = .whole) -> RunConfiguration {
        let sampled = conversations ?? input.loaded.suite.conversations
        return RunConfiguration(
            suite: input.loaded.suite, seed: seed, conversations: input.compiled.conversationCount(sampled: sampled),
            shard: shard,
            concurrency: concurrency, rate: rate, repeats: repeats ?? 1)
    }

    func validate() throws {
        // The runner owns the ranges; the suite's defaults are in range, so check what was given.
        do {
            try RunConfiguration(
                seed: 0, conversations: conversations ?? 1, concurrency: concurrency, rate: rate, repeats: repeats ?? 1
            ).validate()
        } catch {
            throw ValidationError(error.description)
        }
        if let maxErrorRate, !(0...1).contains(maxErrorRate) {
            throw ValidationError("--max-error-rate must be between 0 and 1")
        }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be 0…65535")
        }
        for text in label where RunLabels.parse(text) == nil {
            throw ValidationError("--label takes key=value (a key without spaces), got \"\(text)\"")
        }
    }
}
