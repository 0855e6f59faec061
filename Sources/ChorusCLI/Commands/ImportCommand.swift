import ArgumentParser
import ChorusImport
import ChorusReports
import ChorusSpec
import Foundation

/// `chorus import <source>… --out DIR`: writes a suite (suite.yaml and data files) from Rasa NLU
/// files or projects, Rasa test stories and end-to-end test cases, Botium convo and utterance
/// files, and labelled CSV/TSV/JSONL; lists what the sources say that the suite cannot.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Write a suite from existing data: Rasa NLU/project, Rasa test stories and E2E test cases, Botium files, labelled CSV/JSONL.",
        discussion: """
            Labelled utterances become data files the suite names (each said exactly once in a run); \
            stories, test cases and convos become scripted goals. Everything a source says that a \
            suite cannot check is listed under "not imported".
            """)

    @Argument(help: "Files or folders (a Rasa project folder is searched for its data and tests).")
    var sources: [String]

    @Option(name: .long, help: "The folder to write suite.yaml and data/ into.")
    var out: String

    @Option(name: .long, help: "The suite's name (default: the output folder's name).")
    var name: String?

    @Option(name: .long, help: "CSV/TSV column or JSON Lines field of the utterance (default text).")
    var text: String?

    @Option(name: .long, help: "CSV/TSV column or JSON Lines field of the intent (default intent).")
    var intent: String?

    func run() async throws {
        try await CommandFailure.reporting {
            let suiteName = name ?? (out as NSString).lastPathComponent
            let result = try SuiteImporter(name: suiteName, textColumn: text, intentColumn: intent).run(sources)
            let suitePath = "\(out)/suite.yaml"
            guard !FileManager.default.fileExists(atPath: suitePath) else {
                throw CommandFailure.badInput("\(suitePath) exists already; import into a new folder")
            }
            do {
                try FileManager.default.createDirectory(atPath: "\(out)/data", withIntermediateDirectories: true)
                try Data(result.suite.utf8).write(to: URL(fileURLWithPath: suitePath))
                for file in result.files { try file.contents.write(to: URL(fileURLWithPath: "\(out)/\(file.path)")) }
            } catch {
                throw CommandFailure.badInput("cannot write into \(out): \(error.localizedDescription)")
            }
            for line in result.imported { Console.out("imported  \(Escaping.terminal(line))") }
            for line in result.lost { Console.out("not imported  \(Escaping.terminal(line))") }
            Console.out(
                "wrote \(suitePath) and \(result.files.count) data file\(result.files.count == 1 ? "" : "s"); next: chorus validate \(out)"
            )
        }
    }
}
