import ChorusModel
import ChorusSpec
import Foundation

/// One reply line of a `process` target:
/// `{"id"?, "conversation_id"?, "texts": [...], "intent"?, "confidence"?, "entities"?, "handoff"?}`,
/// or `{"id"?, "conversation_id"?, "error": "…"}` when the program could not answer.
public struct ProcessReply: Sendable, Equatable {
    public var reply: BotReply

    /// A reply line as decoded.
    struct Line: Decodable {
        var id: Int?
        var conversationID: String?
        var texts: [String]?
        var intent: String?
        var confidence: Double?
        var entities: [LineEntity]?
        var handoff: Bool?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case id, texts, intent, confidence, entities, handoff, error
            case conversationID = "conversation_id"
        }

        func reply() -> Result<ProcessReply, TargetError> {
            if let error {
                return .failure(TargetError(.malformedReply, "the program answered with an error: \(error)"))
            }
            guard let texts else {
                return .failure(TargetError(.malformedReply, "the program's reply has no \"texts\""))
            }
            let found = entities?.map { Entity(name: $0.name, value: $0.value) }
            return .success(
                ProcessReply(
                    reply: BotReply(
                        texts: texts, intent: intent, confidence: confidence, entities: found, handoff: handoff)))
        }
    }

    /// An entity as `{"name"|"entity", "value"}`, the value text or a number.
    struct LineEntity: Decodable {
        var name: String
        var value: String

        enum CodingKeys: String, CodingKey { case name, entity, value }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name =
                try container.decodeIfPresent(String.self, forKey: .name)
                ?? container.decode(String.self, forKey: .entity)
            let value = try container.decode(JSON.self, forKey: .value)
            guard let text = value.scalarText else {
                throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "not a scalar")
            }
            self.value = text
        }
    }
}

/// One request line of a `process` target: `{"id", "conversation_id", "text"}`.
struct ProcessRequest: Encodable {
    var id: Int
    var conversationID: String
    var text: String

    enum CodingKeys: String, CodingKey {
        case id, text
        case conversationID = "conversation_id"
    }

    /// The request as one line of JSON, ending in a newline.
    func line() -> String {
        let object = JSON.object([
            "id": .number(Double(id)), "conversation_id": .string(conversationID), "text": .string(text),
        ])
        let data = (try? JSONEncoder().encode(object)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
