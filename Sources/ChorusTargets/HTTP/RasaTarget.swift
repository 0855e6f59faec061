import ChorusModel
import ChorusSpec

/// A Rasa server through its REST channel: `POST {url}/webhooks/rest/webhook` with
/// `{"sender", "message"}` answers a list of messages, which together are one bot turn (their
/// `text`s, in order; buttons, images and custom payloads are not texts). With `parse`, each
/// turn also asks `POST {url}/model/parse` for the intent, confidence and entities of the
/// user's message.
public struct RasaTarget: Target {
    public let info: TargetInfo
    let baseURL: String
    let webhookURL: String
    let parseURL: String
    let parse: Bool
    let headers: [(String, RequestTemplate)]
    let transport: HTTPTransport

    /// A Rasa target at `baseURL` (secrets already expanded), sending `headers` with each request.
    public init(
        info: TargetInfo, baseURL: String, parse: Bool, headers: [(String, RequestTemplate)], transport: HTTPTransport
    ) {
        self.info = info
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        webhookURL = self.baseURL + "/webhooks/rest/webhook"
        parseURL = self.baseURL + "/model/parse"
        self.parse = parse
        self.headers = headers
        self.transport = transport
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        Session(target: self, sender: id)
    }

    public func shutdown() async {
        await transport.shutdown()
    }

    struct Session: TargetSession {
        let target: RasaTarget
        let sender: String

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            let budget = target.transport.beginTurn()
            let headers: [(String, String)]
            if target.headers.isEmpty {
                headers = []
            } else {
                let values = ["conversation_id": sender, "session_id": sender]
                headers = target.headers.map { ($0.0, $0.1.render(values)) }
            }
            let response = try await target.transport.send(
                HTTPTransport.Request(
                    method: .post, url: target.webhookURL, headers: headers,
                    body: Self.body(("sender", sender), ("message", text))),
                budget: budget, what: "webhook")
            var reply = try Self.reply(from: response.json("webhook"))
            reply.raw = [response.body]
            guard target.parse else { return reply }
            // After the webhook, so a server that keeps per-sender NLU (chorus serve-bot) can
            // answer with what its dialogue understood; Rasa itself ignores `sender`.
            let parsed = try await target.transport.send(
                HTTPTransport.Request(
                    method: .post, url: target.parseURL, headers: headers,
                    body: Self.body(("text", text), ("sender", sender))),
                budget: budget, what: "parse")
            try Self.addNLU(from: parsed.json("parse"), to: &reply)
            reply.raw.append(parsed.body)
            return reply
        }

        /// The texts of a webhook answer: a list of message objects.
        static func reply(from json: JSON) throws(TargetError) -> BotReply {
            guard case .array(let messages) = json else {
                throw TargetError(.malformedReply, "webhook: expected a list of messages")
            }
            var texts: [String] = []
            for message in messages {
                guard case .object = message else {
                    throw TargetError(.malformedReply, "webhook: a message is not an object")
                }
                if case .string(let text)? = message["text"] { texts.append(text) }
            }
            return BotReply(texts: texts)
        }

        /// The intent, confidence and entities of a `/model/parse` answer.
        static func addNLU(from json: JSON, to reply: inout BotReply) throws(TargetError) {
            guard case .object = json else { throw TargetError(.malformedReply, "parse: expected an object") }
            if let intent = json["intent"], intent != .null {
                if case .string(let name)? = intent["name"] { reply.intent = name }
                if case .number(let confidence)? = intent["confidence"] { reply.confidence = confidence.double }
            }
            var entities: [Entity] = []
            if case .array(let items)? = json["entities"] {
                for item in items {
                    guard let name = item["entity"]?.scalarText, let value = item["value"]?.scalarText else {
                        throw TargetError(.malformedReply, "parse: an entity lacks \"entity\" or \"value\"")
                    }
                    entities.append(Entity(name: name, value: value))
                }
            }
            reply.entities = entities
        }

        /// A JSON object of two string members, written directly (this runs on every turn).
        static func body(_ first: (String, String), _ second: (String, String)) -> String {
            var out = "{\""
            out.reserveCapacity(first.1.utf8.count + second.1.utf8.count + 32)
            out += first.0
            out += "\":\""
            JSONText.appendEscaped(first.1, to: &out)
            out += "\",\""
            out += second.0
            out += "\":\""
            JSONText.appendEscaped(second.1, to: &out)
            out += "\"}"
            return out
        }
    }
}
