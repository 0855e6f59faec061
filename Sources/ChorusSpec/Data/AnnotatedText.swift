import ChorusModel

/// A training or test utterance with Rasa's entity markup resolved: `[Berlin](city)`,
/// `[NYC](city:New York)` and `[Berlin]{"entity": "city", "value": "berlin", "role": "to"}`
/// become the plain text, the entities a correct bot extracts, and a template whose
/// placeholders (`{0}`, `{1}`, …) stand for the entity texts, so noise leaves them alone.
public struct AnnotatedText: Sendable, Equatable {
    /// The utterance as the user types it.
    public var text: String
    /// The expected entities, in order: the value when the markup gives one, else the text.
    public var entities: [Entity]
    /// The text with each annotated span as a numbered placeholder.
    public var segments: [Template.Segment]
    /// The span texts, by placeholder number.
    public var spans: [String]
    /// What the markup said that Chorus does not use (roles, groups), for import reports.
    public var unused: [String]

    /// Parses `markup`; text that is not well-formed markup stays literal.
    public init(markup: String) {
        var text = ""
        var literal = ""
        var entities: [Entity] = []
        var segments: [Template.Segment] = []
        var spans: [String] = []
        var unused: [String] = []
        let scalars = Array(markup.unicodeScalars)
        var index = 0
        func flush() {
            if !literal.isEmpty { segments.append(.text(literal)) }
            literal = ""
        }
        while index < scalars.count {
            if scalars[index] == "[", let parsed = Self.annotation(in: scalars, at: index) {
                flush()
                segments.append(.placeholder("\(spans.count)"))
                spans.append(parsed.span)
                text += parsed.span
                entities.append(Entity(name: parsed.entity, value: parsed.value ?? parsed.span))
                unused += parsed.unused
                index = parsed.end
                continue
            }
            literal.unicodeScalars.append(scalars[index])
            text.unicodeScalars.append(scalars[index])
            index += 1
        }
        flush()
        self.text = text
        self.entities = entities
        self.segments = segments
        self.spans = spans
        self.unused = unused
    }

    /// The annotation starting with the `[` at `start`, or nil when there is none.
    private static func annotation(
        in scalars: [Unicode.Scalar], at start: Int
    ) -> (span: String, entity: String, value: String?, unused: [String], end: Int)? {
        guard let close = scalars[(start + 1)...].firstIndex(where: { $0 == "]" || $0 == "[" }), scalars[close] == "]",
            close + 1 < scalars.count
        else { return nil }
        let span = String(String.UnicodeScalarView(scalars[(start + 1)..<close]))
        guard !span.isEmpty else { return nil }
        if scalars[close + 1] == "(" {
            guard let end = scalars[(close + 2)...].firstIndex(of: ")") else { return nil }
            let inside = String(String.UnicodeScalarView(scalars[(close + 2)..<end]))
            let parts = inside.split(separator: ":", maxSplits: 1).map(String.init)
            guard let name = parts.first, Self.isEntityName(name) else { return nil }
            return (span, name, parts.count == 2 ? parts[1] : nil, [], end + 1)
        }
        if scalars[close + 1] == "{" {
            guard let end = scalars[(close + 1)...].firstIndex(of: "}") else { return nil }
            let inside = String(String.UnicodeScalarView(scalars[(close + 1)...end]))
            guard case .object(let fields)? = try? JSON(parsing: inside), case .string(let name)? = fields["entity"]
            else { return nil }
            let value = fields["value"]?.scalarText
            var unused: [String] = []
            for key in fields.keys.sorted() where key != "entity" && key != "value" {
                unused.append(
                    "\(key) \(fields[key]?.scalarText.map { "\"\($0)\"" } ?? "(not a plain value)") of entity \"\(name)\" in \"\(span)\""
                )
            }
            return (span, name, value, unused, end + 1)
        }
        return nil
    }

    private static func isEntityName(_ name: String) -> Bool {
        !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)
            }
    }
}
