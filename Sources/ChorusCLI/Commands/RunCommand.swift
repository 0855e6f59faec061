import ArgumentParser
import ChorusReports
import ChorusRunner
import ChorusScoring
import ChorusStore
import Foundation

/// `chorus run <suite> --target <target.yaml>`: runs the suite's synthetic users against the
/// target, prints a summary, and writes `summary.json` (and transcripts on request).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario suite against a target and score it.")

    @Argument(help: "The suite: a folder of YAML files or one file.")
    var suite: String

    @Option(name: .long, help: "The target file (e.g. Fixtures/targets/acme-v1.yaml).")
    var target: String

    @Option(name: .long, help: "Number of conversations (default: the suite's `conversations`).")
    var conversations: Int?

    @Option(name: .long, help: "Seed (default: the suite's `seed`).")
    var seed: UInt64?

    @Option(name: .long, help: "Conversations in flight at once.")
    var concurrency: Int = 16

    @Option(name: .long, help: "Output folder (default: Reports/runs/<run-id>).")
    var out: String?

    @Option(name: .long, help: "The results database.")
    var db = "Reports/chorus.sqlite"

    @Option(name: .long, help: "Write every conversation as JSON Lines to this file.")
    var transcripts: String?

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let conversations, conversations < 1 { throw ValidationError("--conversations must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let input = try SuiteInput.load(suite: suite, target: target, seed: seed)
            let count = conversations ?? input.loaded.suite.conversations
            let store = try ResultStore(path: db)
            let outcome = try await RunExecution(
                input: input, suitePath: suite, targetPath: target, conversations: count, concurrency: concurrency,
                store: store, transcripts: transcripts
            ).execute()
            let outDirectory = out ?? "Reports/runs/\(outcome.run.name)"
            try FileSystem.createDirectory(outDirectory)

            let summary = Summary(
                suite: input.loaded.suite.suite, target: input.target.info, seed: input.loaded.suite.seed,
                aggregate: outcome.aggregate)
            let summaryPath = "\(outDirectory)/summary.json"
            try FileSystem.write(JSONSummaryReporter().render(summary), to: summaryPath)
            if !quiet {
                Console.out(TextSummaryReporter().render(summary))
                Console.out("run \(outcome.run.name) stored in \(db)")
                Console.out("wrote \(summaryPath)\(transcripts.map { " and \($0)" } ?? "")")
            }
        }
    }
}
