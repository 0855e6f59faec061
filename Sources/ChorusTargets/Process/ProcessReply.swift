import ChorusModel
import ChorusSpec

/// One reply line of a `process` target:
/// `{"id"?, "conversation_id"?, "texts": [...], "intent"?, "confidence"?, "entities"?, "handoff"?}`,
/// or `{"id"?, "conversation_id"?, "error": "…"}` when the program could not answer.
public struct ProcessReply: Sendable, Equatable {
    public var reply: BotReply

    /// A reply line as read, with our JSON parser so numbers (an entity value, an id) stay
    /// exact.
    struct Line {
        var id: Int?
        var conversationID: String?
        var texts: [String]?
        var intent: String?
        var confidence: Double?
        var entities: [Entity]?
        var handoff: Bool?
        var error: String?

        /// The line is not a JSON object, or a member has the wrong type.
        struct Invalid: Error {}

        init(parsing line: String) throws(Invalid) {
            guard let json = try? JSON(parsing: line), case .object(let members) = json else { throw Invalid() }
            func value<T>(_ key: String, _ read: (JSON) -> T?) throws(Invalid) -> T? {
                guard let member = members[key], member != .null else { return nil }
                guard let value = read(member) else { throw Invalid() }
                return value
            }
            id = try value("id") { json in
                if case .number(let number) = json { Int(number.scalarText) } else { nil }
            }
            conversationID = try value("conversation_id") { if case .string(let text) = $0 { text } else { nil } }
            texts = try value("texts") { json -> [String]? in
                guard case .array(let items) = json else { return nil }
                let texts = items.compactMap { item -> String? in if case .string(let text) = item { text } else { nil }
                }
                return texts.count == items.count ? texts : nil
            }
            intent = try value("intent") { if case .string(let text) = $0 { text } else { nil } }
            confidence = try value("confidence") { if case .number(let number) = $0 { number.double } else { nil } }
            entities = try value("entities") { json -> [Entity]? in
                guard case .array(let items) = json else { return nil }
                let entities = items.compactMap { item -> Entity? in
                    // `{"name"|"entity", "value"}`, the value text or a number.
                    guard case .string(let name)? = item["name"] ?? item["entity"],
                        let value = item["value"]?.scalarText
                    else { return nil }
                    return Entity(name: name, value: value)
                }
                return entities.count == items.count ? entities : nil
            }
            handoff = try value("handoff") { if case .bool(let flag) = $0 { flag } else { nil } }
            error = try value("error") { if case .string(let text) = $0 { text } else { nil } }
        }

        func reply() -> Result<ProcessReply, TargetError> {
            if let error {
                return .failure(TargetError(.malformedReply, "the program answered with an error: \(error)"))
            }
            guard let texts else {
                return .failure(TargetError(.malformedReply, "the program's reply has no \"texts\""))
            }
            return .success(
                ProcessReply(
                    reply: BotReply(
                        texts: texts, intent: intent, confidence: confidence, entities: entities, handoff: handoff)))
        }
    }
}

/// One request line of a `process` target: `{"id", "conversation_id", "text"}`.
struct ProcessRequest {
    var id: Int
    var conversationID: String
    var text: String

    /// The request as one line of JSON, ending in a newline.
    func line() -> String {
        let object = JSON.object([
            "id": .number(JSONNumber(id)), "conversation_id": .string(conversationID), "text": .string(text),
        ])
        return object.text + "\n"
    }
}
