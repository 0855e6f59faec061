/// An utterance or reply template with `{name}` placeholders, parsed once.
///
/// `"my order is {order_id}"` is the segments `.text("my order is ")`, `.placeholder("order_id")`.
/// A `{` that does not open a well-formed placeholder (letters, digits, `_`) is literal text.
public struct Template: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case text(String)
        case placeholder(String)
    }

    public let source: String
    public let segments: [Segment]

    public init(_ source: String) {
        self.source = source
        var segments: [Segment] = []
        var text = ""
        var index = source.unicodeScalars.startIndex
        let scalars = source.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "{", let close = scalars[index...].firstIndex(of: "}") {
                let name = scalars[scalars.index(after: index)..<close]
                if !name.isEmpty,
                    name.allSatisfy({ $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
                {
                    if !text.isEmpty { segments.append(.text(text)) }
                    text = ""
                    segments.append(.placeholder(String(String.UnicodeScalarView(name))))
                    index = scalars.index(after: close)
                    continue
                }
            }
            text.unicodeScalars.append(scalar)
            index = scalars.index(after: index)
        }
        if !text.isEmpty { segments.append(.text(text)) }
        self.segments = segments
    }

    /// A template of the given segments (its `source` is only for display).
    public init(source: String, segments: [Segment]) {
        self.source = source
        self.segments = segments
    }

    /// Text said exactly as written: braces are not placeholders.
    public static func literal(_ text: String) -> Template {
        Template(source: text, segments: text.isEmpty ? [] : [.text(text)])
    }

    /// The placeholder names, in order of appearance (with repeats).
    public var placeholders: [String] {
        segments.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// The text with each placeholder replaced by `value(name)`; unknown names stay as `{name}`.
    public func render(_ value: (String) -> String?) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text): out += text
            case .placeholder(let name): out += value(name) ?? "{\(name)}"
            }
        }
        return out
    }
}
