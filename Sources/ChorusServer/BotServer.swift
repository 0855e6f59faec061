import ChorusReferenceBot
import ChorusSpec
import Hummingbird
import Logging
import NIOCore

/// The reference bot served over HTTP, so the whole network path can be tried on one machine:
///
/// - `POST /webhooks/rest/webhook` — Rasa's REST channel: `{"sender", "message"}` → a list of
///   `{"recipient_id", "text", "metadata"}` messages, state kept per sender; `metadata` (a Chorus
///   extension) holds the intent, confidence, entities and handoff flag of the turn;
/// - `POST /model/parse` — Rasa's NLU: `{"text"}` → intent, confidence, entities; with a
///   `sender`, the result that sender's dialogue used for that text;
/// - `POST /v1/chat/completions` — OpenAI-compatible: the last user message is answered,
///   state kept per `user` or, without one, per message history;
/// - `GET /health`.
public struct BotServer: Sendable {
    public let bot: ReferenceBot
    public let host: String
    public let port: Int
    let store = ConversationStore()

    /// A server for `bot` on `host:port`; port 0 picks a free port (see `run(onStarted:)`).
    public init(bot: ReferenceBot, host: String = "127.0.0.1", port: Int) {
        self.bot = bot
        self.host = host
        self.port = port
    }

    /// Serves until the task is cancelled or, with `handleSignals`, SIGINT or SIGTERM arrives
    /// (then it finishes the requests in flight). `onStarted` gets the bound port.
    public func run(handleSignals: Bool = false, onStarted: @escaping @Sendable (Int) async -> Void = { _ in })
        async throws
    {
        var logger = Logger(label: "chorus.serve-bot")
        logger.logLevel = .warning
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "chorus-serve-bot"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) }, logger: logger)
        if handleSignals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }

    /// The routes, separate from the socket so tests could also drive them in memory.
    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in
            BotServerMessages.Health(status: "ok", bot: bot.definition.bot, conversations: store.count)
        }
        router.post("/webhooks/rest/webhook") { request, context in
            let body = try await request.decode(as: BotServerMessages.WebhookRequest.self, context: context)
            return webhook(sender: body.sender ?? "default", message: body.message)
        }
        router.post("/model/parse") { request, context in
            let body = try await request.decode(as: BotServerMessages.ParseRequest.self, context: context)
            return parse(body.text, sender: body.sender)
        }
        router.post("/v1/chat/completions") { request, context in
            let body = try await request.decode(as: BotServerMessages.ChatRequest.self, context: context)
            return try chat(body)
        }
        return router
    }

    /// One turn of `sender`'s conversation.
    func respond(_ message: String, key: String) -> BotResponse {
        var entry = store.entry(key)
        let response = bot.respond(to: message, state: &entry.state)
        entry.lastText = message
        entry.lastResponse = response
        store.store(entry, for: key)
        return response
    }

    func webhook(sender: String, message: String) -> [BotServerMessages.WebhookMessage] {
        let response = respond(message, key: "rasa:\(sender)")
        let metadata = BotServerMessages.Metadata(
            intent: .init(name: response.intent, confidence: response.confidence),
            entities: BotServerMessages.entities(response.entities), handoff: response.handoff)
        return response.texts.map {
            BotServerMessages.WebhookMessage(recipientID: sender, text: $0, metadata: metadata)
        }
    }

    func parse(_ text: String, sender: String?) -> BotServerMessages.ParseResponse {
        if let sender {
            let entry = store.entry("rasa:\(sender)")
            if entry.lastText == text, let response = entry.lastResponse {
                let intent = BotServerMessages.Intent(name: response.intent, confidence: response.confidence)
                return .init(
                    text: text, intent: intent, entities: BotServerMessages.entities(response.entities),
                    intentRanking: [intent])
            }
        }
        // Like Rasa's FallbackClassifier: below the threshold the intent is the fallback intent.
        let prediction = bot.classify(text)
        let name =
            prediction.confidence >= bot.definition.threshold ? prediction.intent : bot.definition.fallback.intent
        let intent = BotServerMessages.Intent(name: name, confidence: prediction.confidence)
        return .init(
            text: text, intent: intent, entities: BotServerMessages.entities(bot.extractEntities(from: text)),
            intentRanking: [BotServerMessages.Intent(name: prediction.intent, confidence: prediction.confidence)])
    }

    func chat(_ request: BotServerMessages.ChatRequest) throws -> BotServerMessages.ChatResponse {
        guard let last = request.messages.last, last.role == "user" else {
            throw HTTPError(.badRequest, message: "the last message must be the user's")
        }
        let history = request.messages.dropLast().filter { $0.role != "system" }
        let key = request.user.map { "openai:\($0)" } ?? "history:\(Self.hash(history))"
        let response = respond(last.content, key: key)
        let answer = response.texts.joined(separator: "\n")
        if request.user == nil {
            // The next request carries this history plus the answer: file the state under it.
            let next = history + [last, BotServerMessages.ChatMessage(role: "assistant", content: answer)]
            store.store(store.entry(key), for: "history:\(Self.hash(next))")
        }
        let words = request.messages.reduce(0) { $0 + $1.content.split(separator: " ").count }
        let answerWords = answer.split(separator: " ").count
        return BotServerMessages.ChatResponse(
            id: "chatcmpl-\(key.hashValue & 0xFFFF_FFFF)", model: request.model ?? bot.definition.bot,
            choices: [.init(index: 0, message: .init(role: "assistant", content: answer), finishReason: "stop")],
            usage: .init(promptTokens: words, completionTokens: answerWords, totalTokens: words + answerWords))
    }

    /// A key for a message history (stable within the server's process).
    static func hash(_ messages: some Sequence<BotServerMessages.ChatMessage>) -> Int {
        var hasher = Hasher()
        for message in messages {
            hasher.combine(message.role)
            hasher.combine(message.content)
        }
        return hasher.finalize()
    }
}
