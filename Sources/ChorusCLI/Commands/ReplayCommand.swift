import ArgumentParser
import ChorusModel
import ChorusReports
import ChorusRunner
import ChorusScoring
import Foundation

/// `chorus replay <suite> --target T --seed S --conversation i`: runs conversation *i* alone and
/// prints it turn by turn — exactly as it ran inside a whole run with the same seed.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay one conversation of a run, turn by turn.")

    @Argument(help: "The suite: a folder of YAML files or one file.")
    var suite: String

    @Option(name: .long, help: "The target file.")
    var target: String

    @Option(name: .long, parsing: .unconditional, help: "The run's seed (default: the suite's `seed`).")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "The conversation index (0-based).")
    var conversation: Int

    @Option(
        name: .customLong("repeat"), parsing: .unconditional,
        help: "Replay this play of a run with --repeat (its session is named as in the run).")
    var play = 0

    @Flag(name: .long, help: "Print the conversation as one JSON line, as in a transcripts file.")
    var json = false

    @OptionGroup var privacy: PrivacyOptions

    func validate() throws {
        if conversation < 0 { throw ValidationError("--conversation must be 0 or more") }
        if play < 0 { throw ValidationError("--repeat must be 0 or more") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let input = try SuiteInput.load(suite: suite, target: target)
            if !input.compiled.hasSampledGoals, conversation >= input.compiled.enumeratedCount {
                throw CommandFailure.badInput(
                    "--conversation \(conversation) is past the suite's last: it enumerates \(input.compiled.enumeratedCount) conversations (0…\(input.compiled.enumeratedCount - 1))"
                )
            }
            let driver = ConversationDriver(
                suite: input.compiled, seed: seed ?? input.loaded.suite.seed, target: input.target, runTag: "replay")
            let played = await driver.run(conversation: conversation, repeat: play)
            await input.target.shutdown()
            // Printed as the run wrote it: redacted when the suite (or --privacy) says so.
            let record = try privacy.redactor(suite: input.loaded.suite)?.redact(played) ?? played
            Console.out(json ? TranscriptSink.line(record) : TranscriptText.render(record))
        }
    }
}

/// A conversation as a person reads it: each turn's act, the user's text, what was meant and
/// understood, the bot's reply, and any failed expectation or dialogue failure on it. Texts from
/// the bot and the simulation are made safe for the terminal (`Escaping.terminal`).
enum TranscriptText {
    static func render(_ record: ConversationRecord) -> String {
        let t = Escaping.terminal
        var lines = [
            "conversation \(record.index) · persona \(t(record.persona)) · goal \(t(record.goal)) · outcome \(record.outcome.rawValue)"
        ]
        if record.goals.count > 1 || !record.behaviours.isEmpty {
            var header =
                "goals: " + record.goals.map { "\(t($0.name)) (\($0.outcome.rawValue))" }.joined(separator: ", ")
            if !record.behaviours.isEmpty {
                header += " · behaviours: " + record.behaviours.map(\.rawValue).joined(separator: ", ")
            }
            lines.append(header)
        }
        for (number, turn) in record.turns.enumerated() {
            let act = turn.act.map { " (\($0.rawValue))" } ?? ""
            lines.append(String(format: "%3d user > ", number + 1) + t(turn.user) + act)
            var judged: [String] = []
            if record.goals.count > 1, record.goals.indices.contains(turn.goal) {
                judged.append("goal \(t(record.goals[turn.goal].name))")
            }
            if let expected = turn.expectedIntent { judged.append("expected \(t(expected))") }
            if let predicted = turn.predictedIntent {
                let confidence = turn.confidence.map { String(format: " (%.2f)", $0) } ?? ""
                judged.append("predicted \(t(predicted))\(confidence)")
            }
            if turn.fallback { judged.append("FALLBACK") }
            if turn.handoff { judged.append("HANDOFF") }
            if let error = turn.error { judged.append("ERROR \(error.rawValue): \(t(turn.errorDetail ?? ""))") }
            if !judged.isEmpty { lines.append("           " + judged.joined(separator: " · ")) }
            for text in turn.bot { lines.append("    bot  < " + t(text)) }
            for failure in turn.failures { lines.append("    FAILED " + t(failure)) }
            for failure in turn.dialogueFailures { lines.append("    DIALOGUE FAILURE " + failure.rawValue) }
        }
        return lines.joined(separator: "\n")
    }
}
