import ChorusModel
import Foundation

/// Loads and validates a target file: which chatbot Chorus talks to.
///
/// Besides the schema's checks it reports, located: settings that do not apply to the kind,
/// missing required settings, URLs that are not `http(s)://host…`, unknown `{placeholders}`,
/// malformed `${ENV_VAR}` references, an `api_key` written in clear, and a missing bot file or
/// program. Environment variables are not read here: `TargetFactory` checks them when it makes
/// the target.
public enum TargetLoader {
    /// Loads the target file at `path`.
    public static func load(path: String) throws(SpecError) -> LoadedTarget {
        let checked = try SpecReader.check(path: path, schema: TargetConfig.schema)
        let locator = SpecLocator(documents: [checked.document])
        let config = try SpecReader.decode(TargetConfig.self, from: checked.document.root, locator: locator)
        let folder = (path as NSString).deletingLastPathComponent
        var target = LoadedTarget(config: config, path: path, directory: folder.isEmpty ? "." : folder)

        var check = TargetChecks(config: config, locator: locator)
        check.settingsApply(keys: checked.document.root.mapping?.keys.compactMap(\.string) ?? [])
        switch config.kind {
        case .reference:
            if let botPath = target.botPath {
                if !FileManager.default.fileExists(atPath: botPath) {
                    check.report(["bot"], "bot file \"\(config.bot!)\" not found (looked for \(botPath))")
                }
            } else {
                check.report(["kind"], "a \"reference\" target needs \"bot\": the path of its bot definition")
            }
        case .rasa, .openai:
            check.required()
            check.url(["url"], placeholders: [])
        case .http:
            check.required()
            let turn = ["conversation_id", "session_id", "text"]
            check.url(["url"], placeholders: turn)
            check.template(["body"], placeholders: turn)
            if config.session?.start != nil {
                check.url(["session", "start", "url"], placeholders: ["conversation_id"])
                check.template(["session", "start", "body"], placeholders: ["conversation_id"])
            }
            if config.session?.stop != nil {
                check.url(["session", "stop", "url"], placeholders: ["conversation_id", "session_id"])
                check.template(["session", "stop", "body"], placeholders: ["conversation_id", "session_id"])
                if config.session?.stop?.sessionID != nil {
                    check.report(
                        ["session", "stop", "session_id"], "\"session_id\" applies to the start call only", at: .key)
                }
            }
        case .process:
            check.required()
            if let command = config.command, command.contains("/") {
                let resolved = LoadedTarget.resolve(command, against: target.directory)
                if !FileManager.default.isExecutableFile(atPath: resolved) {
                    check.report(
                        ["command"], "program \"\(command)\" not found or not executable (looked for \(resolved))")
                }
            }
        }
        if config.kind != .reference {
            for (name, _) in (config.headers ?? [:]).sorted(by: { $0.key < $1.key }) {
                check.template(["headers", .key(name)], placeholders: ["conversation_id", "session_id"])
            }
            check.template(["api_key"], placeholders: [])
            if let key = config.apiKey, !key.contains("${") {
                check.report(
                    ["api_key"],
                    "\"api_key\" must be an ${ENV_VAR} reference (e.g. ${OPENAI_API_KEY}), not the key itself")
            }
        }
        target.secrets = check.secrets
        let diagnostics = checked.valueErrors + check.diagnostics
        guard diagnostics.isEmpty else { throw SpecError(diagnostics.sortedForReport()) }
        return target
    }
}

/// The kind-specific checks of a target file, collecting located diagnostics and the secret
/// references they find.
struct TargetChecks {
    let config: TargetConfig
    let locator: SpecLocator
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var secrets: [SecretReference] = []

    init(config: TargetConfig, locator: SpecLocator) {
        self.config = config
        self.locator = locator
    }

    mutating func report(
        _ path: SpecPath, _ message: String, at anchor: SpecLocator.Anchor = .value, pointingAt needle: String? = nil
    ) {
        diagnostics.append(locator.diagnostic(path, message, at: anchor, pointingAt: needle))
    }

    /// Every top-level key must be one the kind reads.
    mutating func settingsApply(keys: [String]) {
        let allowed = Set(TargetConfig.settings(for: config.kind).allowed + ["kind", "name"])
        for key in keys where !allowed.contains(key) && TargetConfig.CodingKeys(stringValue: key) != nil {
            let reads = TargetConfig.settings(for: config.kind).allowed.joined(separator: ", ")
            report(
                [.key(key)], "\"\(key)\" does not apply to a \"\(config.kind.rawValue)\" target (it reads: \(reads))",
                at: .key)
        }
    }

    /// The kind's required settings are present.
    mutating func required() {
        let present = Set(
            [
                config.url.map { _ in "url" }, config.response.map { _ in "response" },
                config.model.map { _ in "model" },
                config.command.map { _ in "command" }, config.bot.map { _ in "bot" },
            ].compactMap { $0 })
        for key in TargetConfig.settings(for: config.kind).required where !present.contains(key) {
            report(["kind"], "a \"\(config.kind.rawValue)\" target needs \"\(key)\"")
        }
    }

    /// The text at `path`, when the file has it.
    func text(at path: SpecPath) -> String? {
        let keys = path.components.compactMap { if case .key(let key) = $0 { key } else { nil } }
        let value: String?
        switch keys {
        case ["url"]: value = config.url
        case ["body"]: value = config.body
        case ["api_key"]: value = config.apiKey
        case ["session", "start", "url"]: value = config.session?.start?.url
        case ["session", "start", "body"]: value = config.session?.start?.body
        case ["session", "stop", "url"]: value = config.session?.stop?.url
        case ["session", "stop", "body"]: value = config.session?.stop?.body
        case let keys where keys.count == 2 && keys[0] == "headers": value = config.headers?[keys[1]]
        default: value = nil
        }
        return value
    }

    /// A text setting: well-formed `${ENV_VAR}` references (collected as secrets) and only the
    /// given `{placeholders}`.
    mutating func template(_ path: SpecPath, placeholders: [String]) {
        guard let text = text(at: path) else { return }
        let setting = path.description
        do throws(SecretSyntaxError) {
            for variable in try SecretReference.variables(in: text) {
                let message = "environment variable \"\(variable)\" is not set (\"\(setting)\" uses it)"
                secrets.append(
                    SecretReference(
                        variable: variable, setting: setting,
                        unsetDiagnostic: locator.diagnostic(path, message, pointingAt: "${\(variable)}")))
            }
        } catch {
            report(
                path, "invalid reference \"\(error.reference)\" in \"\(setting)\": \(error.reason)",
                pointingAt: error.reference)
        }
        for name in Self.placeholders(in: text) where !placeholders.contains(name) {
            let known = placeholders.isEmpty ? "none" : placeholders.map { "{\($0)}" }.joined(separator: ", ")
            let hint = NameSuggestion.hint(for: name, in: placeholders)
            report(
                path, "unknown placeholder {\(name)} in \"\(setting)\"\(hint) (known: \(known))",
                pointingAt: "{\(name)}")
        }
    }

    /// A URL setting: a template that, once filled, is an `http://` or `https://` URL with a host.
    mutating func url(_ path: SpecPath, placeholders: [String]) {
        guard let text = text(at: path) else { return }
        template(path, placeholders: placeholders)
        var sample = SecretReference.expand(text, environment: [:])
        for name in Self.placeholders(in: sample) { sample = sample.replacingOccurrences(of: "{\(name)}", with: "x") }
        sample = sample.replacingOccurrences(of: #"\$\{[^}]*\}"#, with: "x", options: .regularExpression)
        let parsed = URL(string: sample)
        let scheme = parsed?.scheme?.lowercased()
        if parsed == nil || !(scheme == "http" || scheme == "https") || (parsed?.host ?? "").isEmpty {
            report(path, "invalid URL \"\(text)\" in \"\(path)\": expected http:// or https:// and a host")
        } else if parsed?.user != nil || parsed?.password != nil {
            // Credentials in `url` are sent as basic auth; anywhere else, or beside an
            // Authorization header of the file's own, they are refused, never dropped in silence.
            let ownHeader = config.headers?.keys.contains { $0.lowercased() == "authorization" } == true
            if path.description != "url" || ownHeader {
                report(
                    path,
                    "credentials in the URL \"\(text)\" would not be sent"
                        + (ownHeader ? " (the file sets its own Authorization header)" : "")
                        + "; give them once, in \"url\" (sent as basic auth) or as a header, e.g. "
                        + "headers: {Authorization: \"Bearer ${BOT_TOKEN}\"}",
                    pointingAt: "@")
            }
        }
    }

    /// The `{name}` placeholders in `text` (not `${NAME}` references, not JSON braces).
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            defer { index += 1 }
            guard scalars[index] == "{", index == 0 || scalars[index - 1] != "$" else { continue }
            var end = index + 1
            while end < scalars.count,
                scalars[end] == "_" || scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end])
            {
                end += 1
            }
            if end > index + 1, end < scalars.count, scalars[end] == "}" {
                names.append(String(String.UnicodeScalarView(scalars[(index + 1)..<end])))
            }
        }
        return names
    }
}
