import ArgumentParser
import ChorusReports
import ChorusSpec
import ChorusTargets

/// `chorus validate <suite>… [--target T…] [--domain domain.yml]`: checks scenario suites and
/// target files without running anything, and each suite against what the bot under test
/// declares where that is known — a reference bot's definition, a Rasa domain.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario suites and target files; report every mistake with its location.",
        discussion: """
            With a reference --target or a Rasa --domain, each suite is also checked against what the bot \
            declares: every intent the suite expects must be one the bot has, every entity one it extracts, \
            and every slot's `ask` pattern must match one of the bot's questions (a form's `ask`, or a \
            domain's utter_ask_<slot> response). Given several suites and bots, a suite is checked against \
            the bots of its language (or all of them when none speaks it).
            """)

    @Argument(help: "Suite folders or YAML files.")
    var suites: [String]

    @Option(name: .long, help: "Target files to check as well; a reference target's bot is checked against each suite.")
    var target: [String] = []

    @Option(name: .long, help: "A Rasa domain.yml (or a folder of domain files) to check each suite against.")
    var domain: String?

    @Option(
        name: .long,
        help: "text or json (schema chorus.validate/1, see the README; exit 2 still when anything is wrong).")
    var format: OutputFormat = .text

    func run() async throws {
        try await CommandFailure.reporting {
            var diagnostics: [Diagnostic] = []
            var checked: [String] = []
            var loadedSuites: [LoadedSuite] = []
            for path in suites {
                do throws(SpecError) {
                    let loaded = try SuiteLoader.load(path: path)
                    loadedSuites.append(loaded)
                    let examples = loaded.data.reduce(0) { $0 + $1.examples.count }
                    let data =
                        loaded.data.isEmpty
                        ? ""
                        : ", \(examples) labelled examples from \(loaded.data.count) data file\(loaded.data.count == 1 ? "" : "s")"
                    checked.append(
                        "\(path): suite \"\(loaded.suite.suite)\", \(loaded.suite.goals.count) goals, \(loaded.suite.personas.count) personas\(data)"
                    )
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            var bots: [BotDeclaration] = []
            for path in target {
                do throws(SpecError) {
                    // Making the target loads and checks everything it refers to (a bot file).
                    let made = try TargetFactory.make(path: path)
                    checked.append("\(path): target \"\(made.info.name)\" of kind \(made.info.kind)")
                    let loaded = try TargetLoader.load(path: path)
                    if loaded.config.kind == .reference, let botPath = loaded.botPath {
                        bots.append(BotDeclaration(bot: try BotLoader.load(path: botPath), path: botPath))
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            if let domain {
                do throws(SpecError) {
                    let declared = try RasaDomain.load(path: domain)
                    checked.append(
                        "\(domain): Rasa domain, \(declared.intents.count) intents, \(declared.questions.count) questions"
                    )
                    bots.append(declared)
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            for (suite, bot) in BotDeclaration.pairs(suites: loadedSuites.map(\.suite), bots: bots) {
                let (loaded, bot) = (loadedSuites[suite], bots[bot])
                do throws(SpecError) {
                    let found = try SuiteTargetValidator.validate(loaded, against: bot)
                    diagnostics += found
                    if found.isEmpty { checked.append("suite \"\(loaded.suite.suite)\" against \(bot.name)") }
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            if format == .json {
                Console.out(
                    JSONOutput.render(ValidationDocument(checked: checked, diagnostics: diagnostics)) ?? "",
                    terminator: "")
                if !diagnostics.isEmpty { throw ExitCode(CommandFailure.Kind.badInput.rawValue) }
                return
            }
            guard diagnostics.isEmpty else { throw SpecError(diagnostics) }
            for line in checked { Console.out("ok  \(line)") }
        }
    }
}
