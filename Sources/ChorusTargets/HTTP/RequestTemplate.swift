import ChorusModel
import ChorusSpec
import Foundation

/// A text with `{placeholder}`s filled at each request — a URL, a header value or a body — and
/// its `${ENV_VAR}` references expanded once, when the target is made.
///
/// Placeholders are found in the text as written, before secrets are expanded, so a secret's
/// value is never read as a placeholder. A body fills placeholders (and secrets) JSON-escaped,
/// so `"message": "{text}"` stays valid JSON whatever the user said; a URL fills them
/// percent-encoded.
public struct RequestTemplate: Sendable, Equatable {
    /// How filled-in values are escaped.
    public enum Escaping: Sendable, Equatable {
        /// Inside a JSON string literal.
        case json
        /// As one URL path segment or query value.
        case url
        /// As is (header values).
        case none

        func apply(_ value: String) -> String {
            switch self {
            case .json: return JSON.escape(value)
            case .url: return value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? value
            case .none: return value
            }
        }

        private static let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    let segments: [Segment]
    let escaping: Escaping

    /// Compiles `text`, expanding `${ENV_VAR}`s from `environment` (secrets in a body are
    /// JSON-escaped too; in a URL or a header they are used as written).
    public init(_ text: String, escaping: Escaping, environment: [String: String]) {
        var segments: [Segment] = []
        var literal = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func flush() {
            guard !literal.isEmpty else { return }
            let json = escaping == .json
            let expanded = SecretReference.expand(literal, environment: environment) { value in
                json ? JSON.escape(value) : value
            }
            segments.append(.literal(expanded))
            literal = ""
        }
        while index < scalars.count {
            if scalars[index] == "{", index == 0 || scalars[index - 1] != "$" {
                var end = index + 1
                while end < scalars.count,
                    scalars[end] == "_" || scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end])
                {
                    end += 1
                }
                if end > index + 1, end < scalars.count, scalars[end] == "}" {
                    flush()
                    segments.append(.placeholder(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))))
                    index = end + 1
                    continue
                }
            }
            literal.unicodeScalars.append(scalars[index])
            index += 1
        }
        flush()
        self.segments = segments
        self.escaping = escaping
    }

    /// The text with each placeholder replaced by its escaped value (unknown ones left as written).
    public func render(_ values: [String: String]) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .placeholder(let name): out += values[name].map(escaping.apply) ?? "{\(name)}"
            }
        }
        return out
    }
}
