import ChorusModel
import ChorusSpec

/// Any JSON API: each turn sends one request built from templates and reads the reply's parts
/// with `ReplyPath`s. Optional `start` and `stop` calls open and close a conversation; `start`
/// may return a session id that fills `{session_id}` afterwards.
public struct HTTPTarget: Target {
    public let info: TargetInfo
    let turn: CallTemplate
    let headers: [(String, RequestTemplate)]
    let mapping: Mapping
    let start: CallTemplate?
    let stop: CallTemplate?
    let transport: HTTPTransport

    /// A request whose URL and body are templates.
    public struct CallTemplate: Sendable {
        public var method: HTTPMethod
        public var url: RequestTemplate
        public var body: RequestTemplate?
        /// `start` only: where the session id is in the response.
        public var sessionID: ReplyPath?

        public init(method: HTTPMethod, url: RequestTemplate, body: RequestTemplate?, sessionID: ReplyPath? = nil) {
            self.method = method
            self.url = url
            self.body = body
            self.sessionID = sessionID
        }

        func request(_ values: [String: String], headers: [(String, RequestTemplate)]) -> HTTPTransport.Request {
            HTTPTransport.Request(
                method: method, url: url.render(values), headers: headers.map { ($0.0, $0.1.render(values)) },
                body: body?.render(values))
        }
    }

    /// The parsed reply paths.
    public struct Mapping: Sendable {
        public var texts: ReplyPath
        public var intent: ReplyPath?
        public var confidence: ReplyPath?
        public var entities: (path: ReplyPath, name: ReplyPath, value: ReplyPath)?
        public var handoff: ReplyPath?

        /// The mapping a target file gives; its paths were checked when the file was loaded.
        public init(_ response: TargetConfig.ResponseMapping) throws(ReplyPathError) {
            texts = try ReplyPath(parsing: response.texts)
            intent = try response.intent.map { text throws(ReplyPathError) in try ReplyPath(parsing: text) }
            confidence = try response.confidence.map { text throws(ReplyPathError) in try ReplyPath(parsing: text) }
            handoff = try response.handoff.map { text throws(ReplyPathError) in try ReplyPath(parsing: text) }
            if let entities = response.entities {
                self.entities = (
                    try ReplyPath(parsing: entities.path),
                    try ReplyPath(parsing: entities.name ?? TargetConfig.EntityMapping.defaultName),
                    try ReplyPath(parsing: entities.value ?? TargetConfig.EntityMapping.defaultValue)
                )
            }
        }

        /// The reply a response's JSON holds.
        func reply(from json: JSON) throws(TargetError) -> BotReply {
            var reply = BotReply(texts: [])
            for value in texts.select(in: json) {
                switch value {
                case .string(let text): reply.texts.append(text)
                case .null: continue
                default: throw TargetError(.malformedReply, "\(texts) selects a value that is not text")
                }
            }
            if let intent, let value = intent.first(in: json) {
                guard case .string(let name) = value else {
                    throw TargetError(.malformedReply, "\(intent) is not text")
                }
                reply.intent = name
            }
            if let confidence, let value = confidence.first(in: json) {
                switch value {
                case .number(let number): reply.confidence = number.double
                case .string(let text) where Double(text) != nil: reply.confidence = Double(text)
                default: throw TargetError(.malformedReply, "\(confidence) is not a number")
                }
            }
            if let entities {
                var found: [Entity] = []
                for item in entities.path.select(in: json) {
                    guard let name = entities.name.first(in: item)?.scalarText,
                        let value = entities.value.first(in: item)?.scalarText
                    else {
                        throw TargetError(
                            .malformedReply, "an entity at \(entities.path) lacks \(entities.name) or \(entities.value)"
                        )
                    }
                    found.append(Entity(name: name, value: value))
                }
                reply.entities = found
            }
            if let handoff, let value = handoff.first(in: json) {
                switch value {
                case .bool(let flag): reply.handoff = flag
                case .string("true"): reply.handoff = true
                case .string("false"): reply.handoff = false
                default: throw TargetError(.malformedReply, "\(handoff) is not true or false")
                }
            }
            return reply
        }
    }

    public init(
        info: TargetInfo, turn: CallTemplate, headers: [(String, RequestTemplate)], mapping: Mapping,
        start: CallTemplate?,
        stop: CallTemplate?, transport: HTTPTransport
    ) {
        self.info = info
        self.turn = turn
        self.headers = headers
        self.mapping = mapping
        self.start = start
        self.stop = stop
        self.transport = transport
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        var values = ["conversation_id": id, "session_id": id]
        if let start {
            let response = try await transport.send(
                start.request(values, headers: headers), budget: transport.beginTurn(), what: "start")
            if let path = start.sessionID {
                guard let session = path.first(in: try response.json("start"))?.scalarText else {
                    throw TargetError(.malformedReply, "start: no session id at \(path)")
                }
                values["session_id"] = session
            }
        }
        return Session(target: self, values: values)
    }

    public func shutdown() async {
        await transport.shutdown()
    }

    struct Session: TargetSession {
        let target: HTTPTarget
        var values: [String: String]

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            values["text"] = text
            defer { values["text"] = nil }
            let response = try await target.transport.send(
                target.turn.request(values, headers: target.headers), budget: target.transport.beginTurn(),
                what: "request")
            var reply = try target.mapping.reply(from: response.json("request"))
            reply.raw = [response.body]
            return reply
        }

        mutating func close() async {
            guard let stop = target.stop else { return }
            // The conversation is over whatever the answer; a failed stop changes no result.
            _ = try? await target.transport.send(
                stop.request(values, headers: target.headers), budget: target.transport.beginTurn(), what: "stop")
        }
    }
}
