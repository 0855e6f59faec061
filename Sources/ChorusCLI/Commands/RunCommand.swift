import ArgumentParser
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

    @Argument(help: "The suite: a folder of YAML files or one file.")
    var suite: String

    @Option(name: .long, help: "The target file (e.g. Fixtures/targets/acme-v1.yaml).")
    var target: String

    @OptionGroup var options: RunOptions

    @Option(name: .long, help: "Output folder (default: Reports/runs/<run-id>).")
    var out: String?

    @Option(name: .long, help: "Diff against this baseline file and apply the gate's relative rules.")
    var baseline: String?

    @Option(name: .long, help: "Override a gate rule, e.g. completion_rate.min=0.7 (repeatable).")
    var gate: [String] = []

    @Option(name: .long, parsing: .upToNextOption, help: "Report formats to write: json md html junit (default: all).")
    var format: [String] = ReportWriter.allFormats

    @Flag(name: .long, help: "Print nothing but errors and the verdict.")
    var quiet = false

    func validate() throws {
        try options.validate()
    }

    func run() async throws {
        try await CommandFailure.reporting {
            try ReportWriter.validate(format)
            let input = try SuiteInput.load(suite: suite, target: target, seed: options.seed)
            let rules = try GateRules.resolve(suite: input.loaded.suite, overrides: gate)
            let reference = try baseline.map { path throws in try BaselineFile.load(path, suite: input.loaded) }
            let store = try ResultStore(path: options.db)
            let outcome = try await RunExecution(
                input: input, suitePath: suite, targetPath: target,
                conversations: options.conversations ?? input.loaded.suite.conversations,
                concurrency: options.concurrency, store: store, transcripts: options.transcripts
            ).execute()
            try store.setJudgement(runID: outcome.run.id, gate: GateRules.json(rules), baseline: reference?.encoded())
            let report = RunReport(
                run: outcome.run, aggregate: outcome.aggregate, failures: outcome.failures, gate: rules,
                baseline: reference, chorusVersion: ChorusVersion.current)
            let directory = out ?? "Reports/runs/\(outcome.run.name)"
            let written = try ReportWriter.write(report, to: directory, formats: format)
            if !quiet {
                Console.out(TextSummaryReporter().render(report.summary))
                Console.out("run \(outcome.run.name) stored in \(options.db)")
                Console.out("wrote \((written + [options.transcripts].compactMap { $0 }).joined(separator: ", "))")
            }
            try Verdict.conclude(report, quiet: quiet)
        }
    }
}

/// The options every command that runs conversations shares.
struct RunOptions: ParsableArguments {
    @Option(name: .long, help: "Number of conversations (default: the suite's `conversations`).")
    var conversations: Int?

    @Option(name: .long, help: "Seed (default: the suite's `seed`).")
    var seed: UInt64?

    @Option(name: .long, help: "Conversations in flight at once.")
    var concurrency: Int = 16

    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    @Option(name: .long, help: "Write every conversation as JSON Lines to this file.")
    var transcripts: String?

    func validate() throws {
        if let conversations, conversations < 1 { throw ValidationError("--conversations must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }
}
