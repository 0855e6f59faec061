/// A description of a target without secrets, for the store and reports.
public struct TargetInfo: Sendable, Equatable, Codable {
    /// `reference`, `rasa`, `http`, `openai`, `process`.
    public var kind: String
    /// A short human name, e.g. `acme-v1`.
    public var name: String
    /// Non-secret details: the bot file, the URL without credentials, the model.
    public var detail: String

    public init(kind: String, name: String, detail: String) {
        self.kind = kind
        self.name = name
        self.detail = detail
    }
}

/// The bot's answer to one user message: its texts, and what its NLU understood where the
/// target exposes it.
public struct BotReply: Sendable, Equatable {
    public var texts: [String]
    /// The intent the target predicted for the user message, when it exposes one.
    public var intent: String?
    public var confidence: Double?
    /// Extracted entities; `nil` when the target does not expose entities.
    public var entities: [Entity]?
    /// A handoff flag reported by the target itself, when it has one.
    public var handoff: Bool?
    /// The responses as the target sent them (bodies, lines), for `chorus probe`; the runner
    /// does not keep them.
    public var raw: [String]

    public init(
        texts: [String], intent: String? = nil, confidence: Double? = nil, entities: [Entity]? = nil,
        handoff: Bool? = nil,
        raw: [String] = []
    ) {
        self.texts = texts
        self.intent = intent
        self.confidence = confidence
        self.entities = entities
        self.handoff = handoff
        self.raw = raw
    }
}

/// The classes of target failure that a turn records.
public enum TargetErrorClass: String, Sendable, Codable, CaseIterable {
    case timeout
    case connection
    case httpStatus = "http_status"
    case malformedReply = "malformed_reply"
    /// A reply above the per-reply caps (`ReplyLimits`: messages, bytes): recorded as an error
    /// rather than kept, so one runaway reply cannot exhaust memory or the database.
    case oversizedReply = "oversized_reply"
}

/// A failed exchange with a target: its class and a short detail (never a secret).
public struct TargetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var kind: TargetErrorClass
    public var detail: String

    public init(_ kind: TargetErrorClass, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}
