import ArgumentParser
import ChorusReferenceBot
import ChorusServer
import ChorusSpec

/// `chorus serve-bot <bot.yaml> --port P`: the reference bot over HTTP — Rasa's REST channel and
/// `/model/parse`, an OpenAI-compatible `/v1/chat/completions`, and `/health` — until SIGINT or
/// SIGTERM.
struct ServeBotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve-bot",
        abstract: "Serve a reference bot over HTTP (Rasa REST, /model/parse, OpenAI chat completions).")

    @Argument(help: "The bot definition (e.g. Fixtures/bots/acme-v1.yaml).")
    var bot: String

    @Option(name: .long, parsing: .unconditional, help: "The port to listen on (0 picks a free one and prints it).")
    var port: Int = 5005

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        try await CommandFailure.reporting {
            let definition = try BotLoader.load(path: bot)
            let reference: ReferenceBot
            do {
                reference = try ReferenceBot(definition: definition)
            } catch {
                throw CommandFailure.badInput("\(bot): \(error)")
            }
            let server = BotServer(bot: reference, host: host, port: port)
            let name = definition.bot
            let host = host
            do {
                try await server.run(handleSignals: true) { bound in
                    Console.out(
                        "serving bot \"\(name)\" on http://\(host):\(bound) (Rasa REST, /model/parse, /v1/chat/completions)"
                    )
                }
            } catch {
                throw CommandFailure(kind: .badInput, message: "cannot serve on \(host):\(port): \(error)")
            }
        }
    }
}
