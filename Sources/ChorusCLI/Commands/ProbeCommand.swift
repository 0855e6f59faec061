import ArgumentParser
import ChorusModel
import ChorusReports
import ChorusSpec
import ChorusTargets
import Foundation

/// `chorus probe --target T`: one greeting in a fresh conversation, to check a target file
/// before a long run. Prints what came back and what Chorus extracted from it; exits 0 on a
/// reply, 3 when the target failed, 2 for a bad target file.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Send one message to a target and show what Chorus extracts from the reply.")

    @Option(name: .long, help: "The target file.")
    var target: String

    @Option(name: .long, help: "The message to send.")
    var text = "hello"

    @Option(
        name: .long, help: "text or json (schema chorus.probe/1, see the README; exit 3 still when the target failed).")
    var format: OutputFormat = .text

    func run() async throws {
        try await CommandFailure.reporting {
            let made = try TargetFactory.make(path: target, options: TargetOptions(concurrency: 1))
            if format == .text {
                Console.out("target \(made.info.name) (\(made.info.kind)): \(made.info.detail)")
                Console.out("user > \(Escaping.terminal(text))")
            }
            let outcome = await TargetProbe.exchange(made, text: text)
            await made.shutdown()
            if format == .json {
                Console.out(
                    JSONOutput.render(ProbeDocument(target: made.info, sent: text, outcome: outcome)) ?? "",
                    terminator: "")
                if case .failure = outcome { throw ExitCode(CommandFailure.Kind.target.rawValue) }
                return
            }
            switch outcome {
            case .success(let reply):
                Console.out(Self.describe(reply))
            case .failure(let error):
                throw CommandFailure(
                    kind: .target, message: "the target failed: \(error.kind.rawValue): \(error.detail)")
            }
        }
    }

    static func describe(_ reply: BotReply) -> String {
        var lines: [String] = []
        for raw in reply.raw { lines.append("raw   < \(raw.trimmingCharacters(in: .whitespacesAndNewlines))") }
        for text in reply.texts { lines.append("bot   < \(text)") }
        if reply.texts.isEmpty { lines.append("bot   < (no text)") }
        lines.append("texts:      \(reply.texts.count)")
        lines.append("intent:     \(reply.intent ?? "not available")")
        lines.append("confidence: \(reply.confidence.map { String(format: "%.3f", $0) } ?? "not available")")
        let entities = reply.entities.map { list in
            list.isEmpty ? "none" : list.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
        }
        lines.append("entities:   \(entities ?? "not available")")
        lines.append("handoff:    \(reply.handoff.map { $0 ? "yes" : "no" } ?? "not available")")
        // Everything here came from the target: shown, never obeyed, by the terminal.
        return lines.map(Escaping.terminal).joined(separator: "\n")
    }
}
