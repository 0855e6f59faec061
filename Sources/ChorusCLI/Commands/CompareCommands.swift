import ArgumentParser
import ChorusModel
import ChorusReports
import ChorusRunner
import ChorusScoring
import ChorusSpec
import ChorusStore
import Foundation

/// `chorus compare <suite> --target A --target B`: the same synthetic users against two
/// versions, paired conversation by conversation; B is judged against A by the suite's gate.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run the same synthetic conversations against two targets and list the ones that flipped.",
        discussion: """
            Both targets are checked with a greeting first. Run A is the baseline of run B: exit 1 when B \
            regressed under the suite's gate (with --gate overrides), 3 when a target cannot be reached or \
            errors exceed --max-error-rate. --transcripts FILE.jsonl writes FILE-a.jsonl and FILE-b.jsonl.
            """)

    @Argument(help: "The suite: a folder of YAML files or one file.")
    var suite: String

    @Option(name: .long, help: "The two target files: --target A.yaml --target B.yaml.")
    var target: [String]

    @OptionGroup var options: RunOptions

    @Option(
        name: .long,
        help:
            "Override a gate rule, e.g. completion_rate.max_drop=0.02 or completion_rate{language=fi}.min=0.9 (repeatable)."
    )
    var gate: [String] = []

    @Option(name: .long, help: "Output folder (default: Reports/compare/<run A>-vs-<run B>).")
    var out: String?

    func validate() throws {
        guard target.count == 2 else { throw ValidationError("compare needs exactly two --target files") }
        try options.validate()
    }

    /// The two sides' names, in the order of `--target`.
    static let sides = ["a", "b"]

    /// How one side runs: the shared run options, with the side's own transcripts file.
    func execution(side: Int, input: SuiteInput, store: ResultStore, redactor: Redactor? = nil) throws -> RunExecution {
        RunExecution(
            input: input, suitePath: suite, targetPath: target[side],
            configuration: options.configuration(input: input), store: store,
            transcripts: options.transcripts.map { Self.transcripts($0, side: Self.sides[side]) },
            labels: try options.labels(),
            quiet: false,
            metricsPort: options.metricsPort, maxErrorRate: options.maxErrorRate,
            redactor: redactor)
    }

    /// `runs.jsonl` → `runs-a.jsonl`: each side's transcripts beside the path given.
    static func transcripts(_ path: String, side: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let name = url.pathExtension.isEmpty ? "\(stem)-\(side)" : "\(stem)-\(side).\(url.pathExtension)"
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : "\(folder)/\(name)"
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try ResultStore(path: options.db)
            let inputs = try target.map { path in
                try SuiteInput.load(suite: suite, target: path, concurrency: options.concurrency)
            }
            let rules = try GateRules.resolve(suite: inputs[0].loaded.suite, overrides: gate)
            try await TargetProbe.check(Array(zip(inputs.map(\.target), target)))
            var runs: [StoredRun] = []
            for (side, input) in inputs.enumerated() {
                Console.error(
                    "running \(Self.sides[side].uppercased()): \(input.loaded.suite.suite) against \(input.target.info.name)…"
                )
                let redactor = try options.privacy.redactor(suite: input.loaded.suite)
                let outcome = try await execution(side: side, input: input, store: store, redactor: redactor).execute()
                let played = outcome.aggregate
                let failure =
                    outcome.stopReason.map {
                        CommandFailure.stopped($0, run: outcome.run.name, stored: played.conversations, db: options.db)
                    }
                    ?? CommandFailure.tooManyErrors(
                        conversations: played.conversations, errors: played.outcomes.error,
                        bound: options.errorBound(rules), targetPath: target[side])
                if let failure {
                    for later in inputs.dropFirst(side + 1) { await later.target.shutdown() }
                    throw failure
                }
                runs.append(outcome.run)
            }
            try PairedRuns.report(runs[0], runs[1], store: store, gate: rules, out: out)
        }
    }
}

/// `chorus diff <runA> <runB>`: compares two stored runs (paired when seed and suite match).
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two stored runs (paired when their seed and suite match).")

    @Argument(help: "The earlier run (the reference): its name, a unique prefix, `latest` or `latest~N`.")
    var runA: String

    @Argument(help: "The later run.")
    var runB: String

    @Option(name: .long, help: "Resolve both runs among the runs with this label, e.g. bot=v2 (repeatable).")
    var label: [String] = []

    @OptionGroup var database: StoreOptions

    @Option(name: .long, help: "Output folder (default: Reports/compare/<run A>-vs-<run B>).")
    var out: String?

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try database.open()
            let a = try StoreInput.run(runA, in: store, labels: label)
            let b = try StoreInput.run(runB, in: store, labels: label)
            let rules = try RunReport.judgement(of: b, in: store).gate
            try PairedRuns.report(a, b, store: store, gate: rules, out: out)
        }
    }
}

/// The comparison of two stored runs: B diffed against A as its baseline, and — when both ran
/// the same suite with the same seed — the conversations paired one to one.
enum PairedRuns {
    static func report(
        _ a: StoredRun, _ b: StoredRun, store: ResultStore, gate: [String: ChorusSpec.GateRule], out: String?
    ) throws {
        let report = try RunReport.comparing(a, b, store: store, gate: gate, chorusVersion: ChorusVersion.current)
        let directory = out ?? "Reports/compare/\(a.name)-vs-\(b.name)"
        let written = try ReportWriter.write(report, to: directory)

        // The paired comparison first; then every headline change with its interval. The
        // regressions and the gate's verdict follow once, from `Verdict`.
        for (side, run) in [("A", a), ("B", b)] {
            Console.out(
                "\(side)  \(run.name)  (\(run.target.name))" + (run.labels.isEmpty ? "" : "  \(run.labels.text)"))
        }
        if let comparison = report.comparison {
            Console.out(
                "paired: \(comparison.pairs) conversations; both passed \(comparison.bothPassed), only A \(comparison.onlyAPassed), "
                    + "only B \(comparison.onlyBPassed), both failed \(comparison.bothFailed); McNemar p = "
                    + String(format: "%.3g", comparison.mcnemarP))
            for flip in comparison.flips.prefix(20) {
                Console.out(
                    "  #\(flip.index) \(flip.a.goal) (\(flip.a.persona)): \(flip.a.outcome.rawValue) → \(flip.b.outcome.rawValue)   \(flip.replayB)"
                )
            }
            if comparison.flips.count > 20 {
                Console.out("  … \(comparison.onlyAPassed + comparison.onlyBPassed - 20) more in the report")
            }
        } else {
            Console.out("not paired: the runs differ in seed, suite or shard")
        }
        if let diff = report.diff {
            var rows = [["metric", "A", "B", "B − A", "95% interval"]]
            for delta in diff.metrics {
                let interval = Figures.interval(of: delta.name, low: delta.low, high: delta.high) ?? ""
                rows.append([
                    delta.name, Figures.value(of: delta.name, delta.baseline),
                    Figures.value(of: delta.name, delta.current),
                    Figures.delta(of: delta.name, delta.delta), interval,
                ])
            }
            Console.out(TextTable(rows: rows, indent: "").render())
        }
        Console.out("wrote \(written.joined(separator: ", "))")
        try Verdict.conclude(report, quiet: true)
    }
}
