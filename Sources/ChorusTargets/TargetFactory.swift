import ChorusModel
import ChorusReferenceBot
import ChorusSpec
import Foundation

/// Makes the target a target file describes.
public enum TargetFactory {
    /// Loads a target file and everything it refers to (a reference bot's definition), checks
    /// that every `${ENV_VAR}` it references is set, and makes the target. Nothing connects or
    /// starts until the first conversation.
    public static func make(path: String, options: TargetOptions = TargetOptions()) throws(SpecError) -> any Target {
        let loaded = try TargetLoader.load(path: path)
        return try make(loaded, options: options)
    }

    public static func make(_ loaded: LoadedTarget, options: TargetOptions = TargetOptions()) throws(SpecError)
        -> any Target
    {
        let unset = loaded.unsetSecrets(in: options.environment)
        guard unset.isEmpty else { throw SpecError(unset) }
        let target = try makeUnredacted(loaded, options: options)
        // Chorus knows the secrets' values: whatever the target sends back carries `[secret VAR]` instead.
        var secrets = loaded.secrets.compactMap { reference in
            options.environment[reference.variable].map { (variable: reference.variable, value: $0) }
        }
        // A `Basic` header carries user and password together, in base64.
        if let credentials = basicAuth(loaded.config.url ?? "", environment: options.environment).credentials,
            let variable = loaded.secrets.last(where: { $0.setting == "url" })?.variable,
            let pair = Data(base64Encoded: credentials).map({ String(decoding: $0, as: UTF8.self) })
        {
            secrets.append((variable, pair))
        }
        let redactor = SecretRedactor(secrets: secrets)
        return redactor.isEmpty ? target : RedactingTarget(base: target, redactor: redactor)
    }

    private static func makeUnredacted(_ loaded: LoadedTarget, options: TargetOptions) throws(SpecError) -> any Target {
        let config = loaded.config
        let name = config.name ?? Self.baseName(of: loaded.path)
        let environment = options.environment
        var headers = (config.headers ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, RequestTemplate($0.value, escaping: .none, environment: environment))
        }
        // `https://user:${VAR}@host` is used, as basic auth: the request goes to the URL without
        // them, with an `Authorization: Basic …` header (the loader refuses them elsewhere).
        let (baseURL, credentials) = basicAuth(config.url ?? "", environment: environment)
        if let credentials {
            headers.insert(
                ("Authorization", RequestTemplate("Basic " + credentials, escaping: .none, environment: [:])), at: 0)
        }
        func transport() -> HTTPTransport {
            HTTPTransport(
                settings: TransportSettings(config: config, concurrency: options.concurrency), clock: options.clock)
        }
        func expanded(_ text: String) -> String { SecretReference.expand(text, environment: environment) }
        switch config.kind {
        case .reference:
            let botPath = Self.resolve(config.bot ?? "", relativeTo: loaded.directory)
            let definition = try BotLoader.load(path: botPath)
            do {
                let bot = try ReferenceBot(definition: definition)
                return ReferenceTarget(
                    bot: bot, info: TargetInfo(kind: "reference", name: name, detail: config.bot ?? ""))
            } catch {
                throw SpecError([Diagnostic(file: botPath, line: 0, column: 0, message: "\(error)")])
            }
        case .rasa:
            let url = baseURL
            let detail = Self.redacted(url) + (config.parse == true ? " (with /model/parse)" : "")
            return RasaTarget(
                info: TargetInfo(kind: "rasa", name: name, detail: detail), baseURL: expanded(url),
                parse: config.parse ?? false,
                headers: headers, transport: transport())
        case .http:
            let mapping: HTTPTarget.Mapping
            do {
                mapping = try HTTPTarget.Mapping(config.response ?? .init(texts: "$"))
            } catch {
                throw SpecError([Diagnostic(file: loaded.path, line: 0, column: 0, message: error.description)])
            }
            func call(_ method: HTTPMethod?, _ url: String, _ body: String?, _ sessionID: String? = nil)
                -> HTTPTarget.CallTemplate
            {
                HTTPTarget.CallTemplate(
                    method: method ?? .post, url: RequestTemplate(url, escaping: .url, environment: environment),
                    body: body.map { RequestTemplate($0, escaping: .json, environment: environment) },
                    sessionID: sessionID.flatMap { try? ReplyPath(parsing: $0) })
            }
            let method = config.method ?? .post
            return HTTPTarget(
                info: TargetInfo(
                    kind: "http", name: name, detail: "\(method.rawValue) \(Self.redacted(baseURL))"),
                turn: call(method, baseURL, config.body), headers: headers, mapping: mapping,
                start: config.session?.start.map { call($0.method, $0.url, $0.body, $0.sessionID) },
                stop: config.session?.stop.map { call($0.method, $0.url, $0.body) }, transport: transport())
        case .openai:
            var all = headers
            if let key = config.apiKey {
                all.insert(
                    ("Authorization", RequestTemplate("Bearer " + key, escaping: .none, environment: environment)),
                    at: 0)
            }
            let url = baseURL
            return OpenAITarget(
                info: TargetInfo(kind: "openai", name: name, detail: "\(config.model ?? "") at \(Self.redacted(url))"),
                baseURL: expanded(url), model: config.model ?? "", systemPrompt: config.systemPrompt,
                temperature: config.temperature, headers: all, transport: transport())
        case .process:
            let command = config.command ?? ""
            let arguments = config.args ?? []
            let settings = TransportSettings(config: config, concurrency: options.concurrency)
            return ProcessTarget(
                info: TargetInfo(kind: "process", name: name, detail: ([command] + arguments).joined(separator: " ")),
                host: ProcessHost(
                    command: command, arguments: arguments, directory: loaded.directory, clock: options.clock),
                timeout: settings.timeout, limiter: config.rateLimit.map { RateLimiter(rate: $0, clock: options.clock) }
            )
        }
    }

    /// The URL template without its `user:password@`, and the base64 `user:password` (variables
    /// expanded, percent-decoded) for a `Basic` header when it had them.
    static func basicAuth(_ url: String, environment: [String: String]) -> (url: String, credentials: String?) {
        guard let scheme = url.range(of: "://"),
            let at = url[scheme.upperBound...].prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" }).lastIndex(of: "@")
        else { return (url, nil) }
        let userInfo = String(url[scheme.upperBound..<at])
        let expanded = SecretReference.expand(userInfo, environment: environment)
        let parts = expanded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map {
            String($0).removingPercentEncoding ?? String($0)
        }
        let pair = parts.joined(separator: ":")
        return (String(url[..<scheme.upperBound]) + url[url.index(after: at)...], Data(pair.utf8).base64EncodedString())
    }

    /// A URL as reports may show it: `${VAR}` references stay unexpanded and any
    /// `user:password@` is removed.
    static func redacted(_ url: String) -> String {
        url.replacingOccurrences(of: #"://[^/@]*@"#, with: "://", options: .regularExpression)
    }

    /// `path` joined to `directory` unless it is absolute.
    static func resolve(_ path: String, relativeTo directory: String) -> String {
        path.hasPrefix("/") || directory.isEmpty ? path : "\(directory)/\(path)"
    }

    /// The file name without folders and extension: `Fixtures/targets/acme-v1.yaml` → `acme-v1`.
    static func baseName(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = file.lastIndex(of: "."), dot != file.startIndex { return String(file[..<dot]) }
        return file
    }
}
