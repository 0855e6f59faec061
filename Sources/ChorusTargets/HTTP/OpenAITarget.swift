import ChorusModel
import ChorusSpec

/// An OpenAI-compatible chat completions endpoint: `POST {url}/chat/completions` with the
/// model, the system prompt and the conversation so far; the reply is the first choice's
/// message. The history lives in the session, one per conversation; the conversation id goes
/// as `user`. No intent, confidence or entities: such a target exposes none.
public struct OpenAITarget: Target {
    public let info: TargetInfo
    let endpoint: String
    let model: String
    let systemPrompt: String?
    let temperature: Double?
    /// `Authorization` (from the API key) and any extra headers, secrets expanded.
    let headers: [(String, RequestTemplate)]
    let transport: HTTPTransport

    public init(
        info: TargetInfo, baseURL: String, model: String, systemPrompt: String?, temperature: Double?,
        headers: [(String, RequestTemplate)], transport: HTTPTransport
    ) {
        self.info = info
        endpoint = (baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL) + "/chat/completions"
        self.model = model
        self.systemPrompt = systemPrompt
        self.temperature = temperature
        self.headers = headers
        self.transport = transport
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        var history: [JSON] = []
        if let systemPrompt { history.append(Self.message("system", systemPrompt)) }
        return Session(target: self, user: id, history: history)
    }

    public func shutdown() async {
        await transport.shutdown()
    }

    static func message(_ role: String, _ content: String) -> JSON {
        .object(["role": .string(role), "content": .string(content)])
    }

    static let content = try? ReplyPath(parsing: "$.choices[0].message.content")

    struct Session: TargetSession {
        let target: OpenAITarget
        let user: String
        var history: [JSON]

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            let messages = history + [OpenAITarget.message("user", text)]
            var body: [String: JSON] = [
                "model": .string(target.model), "messages": .array(messages), "user": .string(user),
            ]
            if let temperature = target.temperature { body["temperature"] = .number(temperature) }
            let encoded = JSON.object(body).text
            let values = ["conversation_id": user, "session_id": user]
            let response = try await target.transport.send(
                HTTPTransport.Request(
                    method: .post, url: target.endpoint, headers: target.headers.map { ($0.0, $0.1.render(values)) },
                    body: encoded),
                budget: target.transport.beginTurn(), what: "chat completion")
            let json = try response.json("chat completion")
            guard case .string(let answer)? = OpenAITarget.content?.first(in: json) else {
                throw TargetError(.malformedReply, "chat completion: no text at $.choices[0].message.content")
            }
            history = messages + [OpenAITarget.message("assistant", answer)]
            return BotReply(texts: [answer], raw: [response.body])
        }
    }
}
