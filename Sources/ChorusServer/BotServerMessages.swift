import ChorusModel
import ChorusSpec
import Hummingbird

/// The JSON bodies `BotServer` reads and writes: Rasa's REST channel and NLU parse, and
/// OpenAI's chat completions.
enum BotServerMessages {
    struct WebhookRequest: Decodable {
        var sender: String?
        var message: String
    }

    /// One message of a webhook answer. `metadata` is a `chorus serve-bot` extension carrying
    /// what the dialogue understood, so a generic `http` target can read it with paths.
    struct WebhookMessage: ResponseEncodable {
        var recipientID: String
        var text: String
        var metadata: Metadata

        enum CodingKeys: String, CodingKey {
            case text, metadata
            case recipientID = "recipient_id"
        }
    }

    struct Metadata: Encodable {
        var intent: Intent
        var entities: [ParsedEntity]
        var handoff: Bool
    }

    struct Intent: Encodable {
        var name: String
        var confidence: Double
    }

    struct ParsedEntity: Encodable {
        var entity: String
        var value: String
    }

    struct ParseRequest: Decodable {
        var text: String
        /// A `chorus serve-bot` extension: answer with what this sender's dialogue understood.
        var sender: String?
    }

    struct ParseResponse: ResponseEncodable {
        var text: String
        var intent: Intent
        var entities: [ParsedEntity]
        var intentRanking: [Intent]

        enum CodingKeys: String, CodingKey {
            case text, intent, entities
            case intentRanking = "intent_ranking"
        }
    }

    struct ChatMessage: Codable {
        var role: String
        var content: String
    }

    struct ChatRequest: Decodable {
        var model: String?
        var messages: [ChatMessage]
        var user: String?
    }

    struct ChatChoice: Encodable {
        var index: Int
        var message: ChatMessage
        var finishReason: String

        enum CodingKeys: String, CodingKey {
            case index, message
            case finishReason = "finish_reason"
        }
    }

    struct ChatUsage: Encodable {
        var promptTokens: Int
        var completionTokens: Int
        var totalTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }
    }

    struct ChatResponse: ResponseEncodable {
        var id: String
        var object = "chat.completion"
        var created = 0
        var model: String
        var choices: [ChatChoice]
        var usage: ChatUsage
    }

    struct Health: ResponseEncodable {
        var status: String
        var bot: String
        var conversations: Int
    }

    static func entities(_ list: [Entity]) -> [ParsedEntity] {
        list.map { ParsedEntity(entity: $0.name, value: $0.value) }
    }
}
