import ChorusModel
import Foundation

/// Replaces the values of a target's `${VAR}` secrets with `[secret VAR]` in what the target
/// sends back, so a bot that echoes its `Authorization` header cannot put the key into the
/// database, transcripts, reports or the terminal.
///
/// Each value is looked for as written and in the forms it travels in: JSON-escaped, percent-
/// encoded, and base64 (as inside a `Basic` credential, alone or after `user:`). Values shorter
/// than `minimumLength` are not redacted: they would match ordinary text and no real key is
/// that short.
public struct SecretRedactor: Sendable {
    /// The spellings to replace, longest first (so a value that contains another is replaced whole).
    private let spellings: [(text: String, replacement: String)]

    public static let minimumLength = 4

    /// A redactor for `secrets`, given as (variable name, value).
    public init(secrets: [(variable: String, value: String)]) {
        var spellings: [(String, String)] = []
        for (variable, value) in secrets where value.count >= Self.minimumLength {
            let replacement = "[secret \(variable)]"
            var forms: Set<String> = [value, Data(value.utf8).base64EncodedString()]
            // In a JSON string, with and without `/` escaped.
            for formatting in [JSONEncoder.OutputFormatting(), .withoutEscapingSlashes] {
                let encoder = JSONEncoder()
                encoder.outputFormatting = formatting
                if let json = try? encoder.encode(value) {
                    forms.insert(String(decoding: json.dropFirst().dropLast(), as: UTF8.self))
                }
            }
            if let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
                forms.insert(encoded)
            }
            spellings += forms.map { ($0, replacement) }
        }
        self.spellings = spellings.sorted { $0.0.count > $1.0.count }
    }

    /// Whether there is anything to redact.
    public var isEmpty: Bool { spellings.isEmpty }

    /// `text` with every secret spelling replaced.
    public func redact(_ text: String) -> String {
        var text = text
        for (spelling, replacement) in spellings where text.contains(spelling) {
            text = text.replacingOccurrences(of: spelling, with: replacement)
        }
        return text
    }

    /// A reply with its texts, raw bodies, intent and entity values redacted.
    public func redact(_ reply: BotReply) -> BotReply {
        var reply = reply
        reply.texts = reply.texts.map(redact)
        reply.raw = reply.raw.map(redact)
        reply.intent = reply.intent.map(redact)
        reply.entities = reply.entities?.map { entity in
            var entity = entity
            entity.value = redact(entity.value)
            return entity
        }
        return reply
    }

    /// An error with its detail redacted (an excerpt of a body, a URL).
    public func redact(_ error: TargetError) -> TargetError {
        TargetError(error.kind, redact(error.detail))
    }
}
