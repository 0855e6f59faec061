import ArgumentParser
import ChorusSpec
import ChorusTargets

/// `chorus validate <suite>…`: checks scenario suites (and target files) without running anything.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario suites and target files; report every mistake with its location.")

    @Argument(help: "Suite folders or YAML files.")
    var suites: [String]

    @Option(name: .long, help: "Target files to check as well.")
    var target: [String] = []

    func run() async throws {
        try await CommandFailure.reporting {
            var diagnostics: [Diagnostic] = []
            var checked: [String] = []
            for path in suites {
                do throws(SpecError) {
                    let loaded = try SuiteLoader.load(path: path)
                    checked.append("\(path): suite \"\(loaded.suite.suite)\", \(loaded.suite.goals.count) goals, \(loaded.suite.personas.count) personas")
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            for path in target {
                do throws(SpecError) {
                    // Making the target loads and checks everything it refers to (a bot file).
                    let made = try TargetFactory.make(path: path)
                    checked.append("\(path): target \"\(made.info.name)\" of kind \(made.info.kind)")
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            guard diagnostics.isEmpty else { throw SpecError(diagnostics) }
            for line in checked { Console.out("ok  \(line)") }
        }
    }
}
