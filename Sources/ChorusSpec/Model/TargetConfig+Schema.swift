import ChorusModel

extension TargetConfig {
    /// The shape of a target file; keys are exactly the model's `CodingKey`s. Which keys apply to
    /// which kind is `settings(for:)`, checked by the loader.
    public static let schema = SchemaNode.object(
        SchemaObject(
            noun: "target",
            description: "Which chatbot Chorus talks to.",
            properties: [
                SchemaProperty(
                    "kind", .enumeration(TargetKind.allCases.map(\.rawValue)), required: true, "The kind of target."),
                SchemaProperty("name", .string, "A human-readable name for reports (default: the file's name)."),
                SchemaProperty("bot", .string, "reference: path of the bot definition, relative to the target file."),
                SchemaProperty(
                    "url", .string,
                    "rasa: the server's base URL; http: the URL of each turn's request; openai: the API base URL."),
                SchemaProperty("parse", .boolean, "rasa: also call /model/parse for intent, confidence and entities."),
                SchemaProperty("method", methodSchema, "http: the request method (default POST)."),
                SchemaProperty("headers", .named("header", .string), "rasa, http, openai: extra request headers."),
                SchemaProperty(
                    "body", .string, "http: the request body template ({conversation_id}, {session_id}, {text})."),
                SchemaProperty(
                    "response", .object(responseSchema), "http: where the reply's parts are in the response."),
                SchemaProperty("session", .object(sessionSchema), "http: calls that open and close a conversation."),
                SchemaProperty("model", .string, "openai: the model name."),
                SchemaProperty("system_prompt", .string, "openai: the system message that starts every conversation."),
                SchemaProperty("api_key", .string, "openai: the API key, as an ${ENV_VAR} reference."),
                SchemaProperty(
                    "temperature", .number(minimum: 0, maximum: 2, exclusiveMinimum: false),
                    "openai: the sampling temperature."),
                SchemaProperty("command", .string, "process: the program to start (run in the target file's folder)."),
                SchemaProperty("args", .list(.string), "process: the program's arguments."),
                SchemaProperty(
                    "timeout", .number(minimum: 0, maximum: nil, exclusiveMinimum: true),
                    "Seconds one turn may take, retries included (default 10)."),
                SchemaProperty(
                    "retries", .integer(minimum: 0), "Retries of a failed request where that is safe (default 2)."),
                SchemaProperty(
                    "rate_limit", .number(minimum: 0, maximum: nil, exclusiveMinimum: true),
                    "At most this many requests per second, shared by all conversations."),
            ]))

    static let methodSchema = SchemaNode.enumeration(HTTPMethod.allCases.map(\.rawValue))
    static let replyPath = SchemaNode.string(format: .replyPath)

    static let responseSchema = SchemaObject(
        noun: "response",
        description: "Where an http target's reply parts are in its JSON response.",
        properties: [
            SchemaProperty("texts", replyPath, required: true, "The bot's texts, e.g. $.messages[*].text."),
            SchemaProperty("intent", replyPath, "The predicted intent's name, e.g. $.nlu.intent.name."),
            SchemaProperty("confidence", replyPath, "The intent's confidence, e.g. $.nlu.intent.confidence."),
            SchemaProperty(
                "entities",
                .object(
                    SchemaObject(
                        noun: "entities",
                        description: "Where the entities are and where each one's name and value are.",
                        properties: [
                            SchemaProperty(
                                "path", replyPath, required: true, "Selects the entities, e.g. $.nlu.entities[*]."),
                            SchemaProperty("name", replyPath, "The name inside each entity (default $.entity)."),
                            SchemaProperty("value", replyPath, "The value inside each entity (default $.value)."),
                        ])),
                "The extracted entities."),
            SchemaProperty("handoff", replyPath, "A boolean set when the bot hands off to a human, e.g. $.handoff."),
        ])

    static let callSchema = SchemaObject(
        noun: "call",
        description: "An extra request of an http target.",
        properties: [
            SchemaProperty("method", methodSchema, "The method (default POST)."),
            SchemaProperty("url", .string, required: true, "The URL ({conversation_id}, {session_id})."),
            SchemaProperty("body", .string, "The body template ({conversation_id}, {session_id})."),
            SchemaProperty("session_id", replyPath, "start only: where the session id is in the response."),
        ])

    static let sessionSchema = SchemaObject(
        noun: "session",
        description: "Calls that open and close a conversation of an http target.",
        properties: [
            SchemaProperty("start", .object(callSchema), "Sent before the first turn."),
            SchemaProperty("stop", .object(callSchema), "Sent after the last turn (its failure is ignored)."),
        ])

    /// The keys each kind reads besides `kind` and `name`, and the ones it requires.
    public static func settings(for kind: TargetKind) -> (allowed: [String], required: [String]) {
        let transport = ["timeout", "retries", "rate_limit"]
        switch kind {
        case .reference: return (["bot"], ["bot"])
        case .rasa: return (["url", "parse", "headers"] + transport, ["url"])
        case .http:
            return (["url", "method", "headers", "body", "response", "session"] + transport, ["url", "response"])
        case .openai:
            return (
                ["url", "model", "system_prompt", "api_key", "headers", "temperature"] + transport, ["url", "model"]
            )
        case .process: return (["command", "args", "timeout", "rate_limit"], ["command"])
        }
    }
}
