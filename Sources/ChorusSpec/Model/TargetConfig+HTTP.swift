import ChorusModel

extension TargetConfig {
    /// Where an `http` target's reply parts are in its JSON response, as `ReplyPath`s.
    public struct ResponseMapping: Codable, Sendable, Equatable {
        /// The bot's texts, e.g. `$.messages[*].text`; every string it selects is one text.
        public var texts: String
        /// The predicted intent's name, e.g. `$.nlu.intent.name`.
        public var intent: String?
        /// The intent's confidence (a number).
        public var confidence: String?
        /// The extracted entities.
        public var entities: EntityMapping?
        /// A boolean the bot sets when it hands the conversation to a human.
        public var handoff: String?

        public init(
            texts: String, intent: String? = nil, confidence: String? = nil, entities: EntityMapping? = nil,
            handoff: String? = nil
        ) {
            self.texts = texts
            self.intent = intent
            self.confidence = confidence
            self.entities = entities
            self.handoff = handoff
        }
    }

    /// Where the entities are, and where each entity's name and value are inside it.
    public struct EntityMapping: Codable, Sendable, Equatable {
        /// Selects the entity objects, e.g. `$.nlu.entities[*]`.
        public var path: String
        /// The entity's name inside each object (default `$.entity`).
        public var name: String?
        /// The entity's value inside each object (default `$.value`).
        public var value: String?

        public init(path: String, name: String? = nil, value: String? = nil) {
            self.path = path
            self.name = name
            self.value = value
        }

        /// The default `name` sub-path (Rasa's spelling).
        public static let defaultName = "$.entity"
        /// The default `value` sub-path.
        public static let defaultValue = "$.value"
    }

    /// An `http` target's conversation calls: `start` before the first turn, `stop` after the last.
    public struct SessionCalls: Codable, Sendable, Equatable {
        public var start: Call?
        public var stop: Call?

        public init(start: Call? = nil, stop: Call? = nil) {
            self.start = start
            self.stop = stop
        }
    }

    /// One extra request of an `http` target.
    public struct Call: Codable, Sendable, Equatable {
        /// The method (default `POST`).
        public var method: HTTPMethod?
        public var url: String
        /// A body template, with `{conversation_id}` and (for `stop`) `{session_id}`.
        public var body: String?
        /// `start` only: where the session id is in the response; it fills `{session_id}` in later
        /// requests (without it, `{session_id}` is the conversation id).
        public var sessionID: String?

        enum CodingKeys: String, CodingKey {
            case method, url, body
            case sessionID = "session_id"
        }

        public init(method: HTTPMethod? = nil, url: String, body: String? = nil, sessionID: String? = nil) {
            self.method = method
            self.url = url
            self.body = body
            self.sessionID = sessionID
        }
    }
}
