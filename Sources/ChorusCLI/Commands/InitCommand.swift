import ArgumentParser
import ChorusImport
import ChorusReports
import ChorusSpec
import Foundation

/// `chorus init <bot.yaml | rasa-project> --out DIR`: scaffolds a runnable suite and a target
/// file for a bot, so `chorus run DIR/suite.yaml --target DIR/target.yaml` works next (the suite
/// is run as a file: a folder suite would read target.yaml as one of its fragments).
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Scaffold a runnable suite and target file for a reference bot or a Rasa project.")

    @Argument(help: "A reference-bot YAML file, or a Rasa project folder.")
    var source: String

    @Option(name: .long, help: "The folder to write suite.yaml and target.yaml into.")
    var out: String

    func run() async throws {
        try await CommandFailure.reporting {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else {
                throw CommandFailure.badInput("\(source): no such file or folder")
            }
            let output =
                isFolder.boolValue
                ? try SuiteScaffold.rasa(project: source) : try SuiteScaffold.reference(botPath: source, writingTo: out)
            for name in ["suite.yaml", "target.yaml"] where FileManager.default.fileExists(atPath: "\(out)/\(name)") {
                throw CommandFailure.badInput("\(out)/\(name) exists already; init into a new folder")
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try Data(output.suite.utf8).write(to: URL(fileURLWithPath: "\(out)/suite.yaml"))
                try Data(output.target.utf8).write(to: URL(fileURLWithPath: "\(out)/target.yaml"))
            } catch {
                throw CommandFailure.badInput("cannot write into \(out): \(error.localizedDescription)")
            }
            for note in output.notes { Console.out("note  \(Escaping.terminal(note))") }
            Console.out(
                "wrote \(out)/suite.yaml and \(out)/target.yaml; next: chorus run \(out)/suite.yaml --target \(out)/target.yaml"
            )
        }
    }
}
