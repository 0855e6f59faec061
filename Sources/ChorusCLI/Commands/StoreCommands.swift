import ArgumentParser
import ChorusModel
import ChorusReports
import ChorusScoring
import ChorusStore
import Foundation

/// `chorus runs`: lists the stored runs.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs in the results database.",
        discussion: "--format json prints schema chorus.runs/1 (see the README).")

    @Option(name: .long, help: "Only the runs of this suite.")
    var suite: String?

    @OptionGroup var labels: LabelFilterOptions

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var database: StoreOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try database.open()
            let filters = try labels.filters()
            let runs = try store.runs(suite: suite).filter { $0.labels.matches(filters) }
            let entries = try runs.map { RunEntry(run: $0, stored: try store.conversationCount(of: $0)) }
            if format == .json {
                Console.out(JSONOutput.render(RunListing(runs: entries)) ?? "", terminator: "")
                return
            }
            var rows = [["run", "suite", "target", "seed", "conversations", "status", "started", "commit", "labels"]]
            for entry in entries {
                rows.append([
                    entry.name, entry.suite, entry.target.name, "\(entry.seed)",
                    "\(entry.stored)/\(entry.conversations)",
                    entry.status, entry.startedAt, entry.git?.text ?? "",
                    RunLabels(labels: entry.labels).text,
                ])
            }
            Console.out(runs.isEmpty ? "no runs in \(database.db)" : TextTable(rows: rows, indent: "").render())
        }
    }
}

/// `chorus show <run>`: prints a stored run's summary and verdict.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print a stored run's summary.",
        discussion: "--format json prints schema chorus.run/1: the run's entry and its summary.json (see the README).")

    @Argument(help: "The run: its name, a unique prefix, `latest` or `latest~N`.")
    var run: String

    @Option(name: .long, help: "Resolve the run among the runs with this label (repeatable).")
    var label: [String] = []

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var database: StoreOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try database.open()
            let stored = try StoreInput.run(run, in: store, labels: label)
            let report = try RunReport.load(run: stored, from: store, chorusVersion: ChorusVersion.current)
            if format == .json {
                let entry = RunEntry(run: stored, stored: try store.conversationCount(of: stored))
                Console.out(JSONOutput.render(RunDocument(run: entry, report: report)) ?? "", terminator: "")
                return
            }
            Console.out("run \(stored.name) · \(stored.status.rawValue) · started \(stored.startedAt)")
            if !stored.labels.isEmpty { Console.out("labels: \(stored.labels.text)") }
            Console.out(TextSummaryReporter().render(report.summary, status: report.status))
            for line in RepeatSection.lines(report) { Console.out(line) }
            if let verdict = report.verdict {
                Console.out("gate: \(Console.style.verdict(verdict.passed))")
                for check in verdict.checks {
                    Console.out(
                        "  \(!check.evaluated ? "–" : Console.style.mark(check.passed)) \(check.name): \(check.detail)")
                }
            }
        }
    }
}

/// `chorus report <run> --format …`: renders a stored run's reports again, from the database alone.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a stored run's reports again from the database.")

    @Argument(help: "The run: its name, a unique prefix, `latest` or `latest~N`.")
    var run: String

    @Option(name: .long, parsing: .upToNextOption, help: "Formats: json md html junit csv.")
    var format: [String] = ReportWriter.allFormats

    @Option(name: .long, help: "Output folder (default: Reports/runs/<run-id>).")
    var out: String?

    @OptionGroup var database: StoreOptions

    func run() async throws {
        try await CommandFailure.reporting {
            try ReportWriter.validate(format)
            let store = try database.open()
            let stored = try StoreInput.run(run, in: store)
            let report = try RunReport.load(run: stored, from: store, chorusVersion: ChorusVersion.current)
            let written = try ReportWriter.write(report, to: out ?? "Reports/runs/\(stored.name)", formats: format)
            Console.out("wrote \(written.joined(separator: ", "))")
        }
    }
}

/// `chorus baseline accept <run>`: makes a stored run the suite's baseline.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Manage baselines.", subcommands: [Accept.self])

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept", abstract: "Write a stored run as its suite's baseline (commit the file).",
            discussion: """
                Refused (exit 2) for a run that failed its gate, did not finish (interrupted, killed, or one \
                shard of a sharded run), or in which every conversation ended in a target error — unless --force.
                """)

        @Argument(help: "The run: its name, a unique prefix, `latest` or `latest~N`.")
        var run: String

        @Option(name: .long, help: "The baseline file (default: Reports/baselines/<suite>.json).")
        var out: String?

        @Flag(
            name: .long,
            help: "Accept the run even if it failed its gate, is incomplete, or every conversation errored.")
        var force = false

        @OptionGroup var database: StoreOptions

        func run() async throws {
            try await CommandFailure.reporting {
                let store = try database.open()
                let stored = try StoreInput.run(run, in: store)
                let report = try RunReport.load(run: stored, from: store, chorusVersion: ChorusVersion.current)
                let objections = Self.objections(to: stored, report: report)
                if !objections.isEmpty {
                    let reasons = objections.joined(separator: "; ")
                    guard force else {
                        throw CommandFailure.badInput(
                            "run \(stored.name) cannot be the baseline: \(reasons) (--force accepts it anyway)")
                    }
                    Console.error("note: accepting run \(stored.name) although \(reasons) (--force)")
                }
                let baseline = Baseline(
                    suite: stored.suite, suiteHash: stored.suiteHash, summary: report.summary,
                    failureClusters: report.failures.clusters.map(\.signature.key),
                    labels: stored.labels.isEmpty ? nil : stored.labels)
                let path = out ?? Baseline.path(forSuite: stored.suite)
                try FileSystem.createDirectory(URL(fileURLWithPath: path).deletingLastPathComponent().path)
                try FileSystem.write(baseline.encoded(), to: path)
                Console.out("baseline of suite \"\(stored.suite)\" written to \(path) from run \(stored.name)")
            }
        }

        /// Why `run` would make a misleading baseline: every later run is judged against it.
        static func objections(to run: StoredRun, report: RunReport) -> [String] {
            var objections: [String] = []
            switch run.status {
            case .completed: break
            case .running:
                objections.append(
                    "it did not finish (killed, or still running); resume it with chorus run --resume \(run.name)")
            case .interrupted: objections.append("it was interrupted; resume it with chorus run --resume \(run.name)")
            }
            if let shard = run.shard {
                objections.append(
                    "it is shard \(shard) of a sharded run (merge the shards with chorus merge and accept the merged run)"
                )
            }
            let summary = report.summary
            if summary.conversations == 0 {
                objections.append("it holds no conversations")
            } else if summary.outcomes.error == summary.conversations {
                objections.append("every one of its \(summary.conversations) conversations ended in a target error")
            }
            if let verdict = report.verdict, !verdict.passed {
                objections.append("it failed its gate (\(verdict.failures.map(\.name).joined(separator: ", ")))")
            }
            return objections
        }
    }
}

/// `chorus history <suite>`: the headline figures across stored runs, as a table and a chart.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Show a suite's headline metrics across stored runs.")

    @Argument(help: "The suite's name (as in its `suite:` key).")
    var suite: String

    @Option(name: .long, help: "Also write the history as an HTML page with charts.")
    var html: String?

    @Option(name: .long, parsing: .unconditional, help: "Only the last N runs.")
    var last: Int = 50

    @OptionGroup var labels: LabelFilterOptions

    @Option(name: .long, help: "text or json (schema chorus.history/1, see the README).")
    var format: OutputFormat = .text

    @OptionGroup var database: StoreOptions

    func validate() throws {
        if last < 1 { throw ValidationError("--last must be at least 1, got \(last)") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let store = try database.open()
            let filters = try labels.filters()
            let runs = try store.runs(suite: suite).filter { $0.status == .completed && $0.labels.matches(filters) }
                .suffix(last)
            guard !runs.isEmpty else {
                let labelled = labels.label.isEmpty ? "" : " labelled \(labels.label.joined(separator: ", "))"
                throw CommandFailure.badInput("no completed runs of suite \"\(suite)\"\(labelled) in \(database.db)")
            }
            let points = try runs.map { run in
                HistoryReport.Point(
                    run: run.name, target: run.target.name, seed: run.seed, startedAt: run.startedAt,
                    summary: Summary(
                        suite: run.suite, target: run.target, seed: run.seed, aggregate: try store.aggregate(of: run)),
                    labels: run.labels)
            }
            let history = HistoryReport(suite: suite, points: points)
            Console.out(format == .json ? history.json() : history.text(), terminator: format == .json ? "" : "\n")
            if let html {
                try FileSystem.write(history.html(), to: html)
                // Standard output stays one JSON document with --format json.
                if format == .json { Console.error("wrote \(html)") } else { Console.out("wrote \(html)") }
            }
        }
    }
}
