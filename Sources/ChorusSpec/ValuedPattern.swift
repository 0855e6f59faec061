import Foundation

/// A reply pattern from a scenario whose `{name}` placeholders stand for a conversation's slot
/// and vocab values: `"(?i)order {order_id} has shipped"` holds only for the user's own order.
///
/// A placeholder is `{` + a name that starts with a letter or `_` + `}`, so regex quantifiers such
/// as `{2}` or `{1,3}` stay what they are. The pattern is compiled once, with each placeholder as
/// a capture group of *any* value of its vocab; a conversation then compares what was captured
/// with its own values. So one match tells both whether the reply holds the user's values and,
/// when it does not, which other values the bot stated instead.
public struct ValuedPattern: Sendable, CustomStringConvertible {
    public let source: String
    /// The placeholder names in order of appearance (with repeats); capture group *i + 1* is
    /// placeholder *i*.
    public let placeholders: [String]
    private let pattern: TextPattern

    /// One place the pattern matched, with the text captured for each placeholder.
    public struct Match: Sendable, Equatable {
        public var captured: [(name: String, text: String)]

        public static func == (a: Match, b: Match) -> Bool {
            a.captured.map(\.name) == b.captured.map(\.name) && a.captured.map(\.text) == b.captured.map(\.text)
        }
    }

    /// Compiles `source`; `anyValue(name)` gives a regular expression matching any value of the
    /// slot or vocab `name` (nil for an unknown name, which is an error).
    public init(_ source: String, anyValue: (String) -> String?) throws(PatternError) {
        self.source = source
        var regex = ""
        var names: [String] = []
        for segment in Self.segments(of: source) {
            switch segment {
            case .text(let text): regex += text
            case .placeholder(let name):
                guard let value = anyValue(name) else {
                    throw PatternError(pattern: source, reason: "unknown slot or vocab \"{\(name)}\"")
                }
                regex += "(" + value + ")"
                names.append(name)
            }
        }
        placeholders = names
        pattern = try TextPattern(regex)
    }

    public var description: String { source }

    /// Whether the pattern matches one of `texts`, whatever values it captured.
    public func matchesAny(_ texts: [String]) -> Bool {
        texts.contains { pattern.matches($0) }
    }

    /// Every match in `texts`, in order.
    public func matches(in texts: [String]) -> [Match] {
        guard !placeholders.isEmpty else {
            return texts.contains { pattern.matches($0) } ? [Match(captured: [])] : []
        }
        var found: [Match] = []
        for text in texts {
            for groups in pattern.captureGroups(in: text) {
                found.append(Match(captured: zip(placeholders, groups).map { ($0, $1 ?? "") }))
            }
        }
        return found
    }

    /// The placeholder names of a pattern source, in order (the rule `init` uses).
    public static func placeholderNames(in source: String) -> [String] {
        segments(of: source).compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    enum Segment: Equatable {
        case text(String)
        case placeholder(String)
    }

    /// Splits a source into regex text and placeholders; `\{` is a literal brace.
    static func segments(of source: String) -> [Segment] {
        var segments: [Segment] = []
        var text = ""
        let scalars = Array(source.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                text.unicodeScalars.append(scalar)
                text.unicodeScalars.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == "{", index + 1 < scalars.count, isNameStart(scalars[index + 1]),
                let close = scalars[(index + 1)...].firstIndex(of: "}"),
                scalars[(index + 1)..<close].allSatisfy(isNameCharacter)
            {
                if !text.isEmpty { segments.append(.text(text)) }
                text = ""
                segments.append(.placeholder(String(String.UnicodeScalarView(scalars[(index + 1)..<close]))))
                index = close + 1
                continue
            }
            text.unicodeScalars.append(scalar)
            index += 1
        }
        if !text.isEmpty { segments.append(.text(text)) }
        return segments
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    /// `value` as a regular expression matching exactly that text.
    public static func escaped(_ value: String) -> String {
        NSRegularExpression.escapedPattern(for: value)
    }
}
