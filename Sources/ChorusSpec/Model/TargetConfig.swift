import ChorusModel

/// A target file: which chatbot Chorus talks to and how.
///
/// `kind` selects the connector; each kind reads the settings that apply to it (see
/// `TargetConfig.settings(for:)`) and the loader rejects the others. Text settings that reach
/// the network (`url`, `headers`, `body`, `api_key`, session calls) may hold secrets, but only
/// as `${ENV_VAR}` references, expanded when the target is made and never stored.
public struct TargetConfig: Codable, Sendable, Equatable {
    public var kind: TargetKind
    /// A human-readable name for reports; defaults to the file's name.
    public var name: String?
    /// `reference`: path of the bot definition, relative to the target file.
    public var bot: String?

    /// `rasa`: the server's base URL; `http`: the URL of a turn's request; `openai`: the API's
    /// base URL (requests go to `{url}/chat/completions`).
    public var url: String?
    /// `rasa`: also ask `POST {url}/model/parse` for the intent, confidence and entities.
    public var parse: Bool?
    /// `http`: the request method (default `POST`).
    public var method: HTTPMethod?
    /// `rasa`, `http`, `openai`: extra request headers.
    public var headers: [String: String]?
    /// `http`: the request body template, with `{conversation_id}`, `{session_id}` and `{text}`.
    public var body: String?
    /// `http`: where the reply's parts are in the response.
    public var response: ResponseMapping?
    /// `http`: calls that open and close a conversation.
    public var session: SessionCalls?

    /// `openai`: the model name sent with each request.
    public var model: String?
    /// `openai`: the system message that starts every conversation.
    public var systemPrompt: String?
    /// `openai`: the API key, sent as `Authorization: Bearer …`; only as `${ENV_VAR}`.
    public var apiKey: String?
    /// `openai`: the sampling temperature, when set.
    public var temperature: Double?

    /// `process`: the program to start (looked up on `PATH` unless it has a `/`).
    public var command: String?
    /// `process`: the program's arguments.
    public var args: [String]?

    /// Seconds one turn may take, retries included (default 10).
    public var timeout: Double?
    /// How many times a failed request is retried where that is safe (default 2).
    public var retries: Int?
    /// At most this many requests per second to the target, shared by all conversations.
    public var rateLimit: Double?

    enum CodingKeys: String, CodingKey {
        case kind, name, bot, url, parse, method, headers, body, response, session, model
        case systemPrompt = "system_prompt"
        case apiKey = "api_key"
        case temperature, command, args, timeout, retries
        case rateLimit = "rate_limit"
    }

    public init(
        kind: TargetKind, name: String? = nil, bot: String? = nil, url: String? = nil, parse: Bool? = nil,
        method: HTTPMethod? = nil, headers: [String: String]? = nil, body: String? = nil,
        response: ResponseMapping? = nil, session: SessionCalls? = nil, model: String? = nil,
        systemPrompt: String? = nil, apiKey: String? = nil, temperature: Double? = nil, command: String? = nil,
        args: [String]? = nil, timeout: Double? = nil, retries: Int? = nil, rateLimit: Double? = nil
    ) {
        self.kind = kind
        self.name = name
        self.bot = bot
        self.url = url
        self.parse = parse
        self.method = method
        self.headers = headers
        self.body = body
        self.response = response
        self.session = session
        self.model = model
        self.systemPrompt = systemPrompt
        self.apiKey = apiKey
        self.temperature = temperature
        self.command = command
        self.args = args
        self.timeout = timeout
        self.retries = retries
        self.rateLimit = rateLimit
    }

    /// The default `timeout`, in seconds.
    public static let defaultTimeout = 10.0
    /// The default `retries`.
    public static let defaultRetries = 2
}

/// The kinds of target Chorus can talk to.
public enum TargetKind: String, Codable, Sendable, CaseIterable {
    /// The embedded reference bot.
    case reference
    /// A Rasa server's REST channel.
    case rasa
    /// Any JSON API, mapped with request templates and reply paths.
    case http
    /// An OpenAI-compatible chat completions endpoint.
    case openai
    /// A local program speaking JSON lines over stdin/stdout.
    case process
}

/// The HTTP methods a target request may use.
public enum HTTPMethod: String, Codable, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}
