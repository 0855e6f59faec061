import ChorusModel

/// A description of the shape of a YAML input file: what each key may hold.
///
/// One description per file kind (`Suite.schema`, `BotDefinition.schema`, `TargetConfig.schema`)
/// drives both the structural validator, which reports every mismatch with its location, and the
/// JSON Schema published for editors (`SchemaExport`), so the two can never disagree.
public indirect enum SchemaNode: Sendable {
    /// A mapping with a fixed set of keys; any other key is an error.
    case object(SchemaObject)
    /// A mapping from user-chosen names to values of one shape (`goals`, `vocab`, …).
    /// `entry` names one entry in messages ("goal" gives `goal "refund"`).
    case map(entry: String, keys: SchemaKeyRule, values: SchemaNode)
    /// A list of items of one shape, with at least `minItems` items.
    case array(of: SchemaNode, minItems: Int)
    /// Any scalar, read as text; `format` adds a content check.
    case string(format: SchemaStringFormat?)
    /// A whole number, at least `minimum` when given.
    case integer(minimum: Int?)
    /// A number within the given bounds; `exclusiveMinimum` makes the lower bound strict.
    case number(minimum: Double?, maximum: Double?, exclusiveMinimum: Bool)
    /// `true` or `false`.
    case boolean
    /// One of a fixed set of strings.
    case enumeration([String])
    /// Exactly one of several shapes (e.g. a vocab given as a list or as a mapping).
    case oneOf([SchemaNode])

    /// A plain string.
    public static let string = SchemaNode.string(format: nil)
    /// A list of at least one string: the variants a synthetic user or a bot picks from.
    public static let variants = SchemaNode.array(of: .string, minItems: 1)
    /// A probability, 0…1.
    public static let rate = SchemaNode.number(minimum: 0, maximum: 1, exclusiveMinimum: false)
    /// A relative frequency, strictly positive.
    public static let weight = SchemaNode.number(minimum: 0, maximum: nil, exclusiveMinimum: true)

    /// A list of items (possibly empty).
    public static func list(_ items: SchemaNode) -> SchemaNode { .array(of: items, minItems: 0) }

    /// A map whose keys are free names.
    public static func named(_ entry: String, _ values: SchemaNode) -> SchemaNode {
        .map(entry: entry, keys: .any, values: values)
    }

    /// A short phrase naming what the node expects, for messages: "a number", "a list".
    var expectation: String {
        switch self {
        case .object, .map: return "a mapping"
        case .array: return "a list"
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .enumeration(let values): return "one of " + values.map { "\"\($0)\"" }.joined(separator: ", ")
        case .oneOf(let branches):
            var seen: [String] = []
            for phrase in branches.map(\.expectation) where !seen.contains(phrase) { seen.append(phrase) }
            return seen.joined(separator: " or ")
        }
    }
}

/// What the keys of a `SchemaNode.map` may be.
public enum SchemaKeyRule: Sendable {
    /// Any name.
    case any
    /// Names a `{placeholder}` can refer to: letters, digits and `_`, exactly as `Template` reads them.
    case placeholderName
    /// One of a fixed set of names (suggesting the nearest on a mismatch).
    case oneOf([String])
    /// One of a fixed set of names, each with the shape of its own value (which the map's
    /// `values` then does not describe), e.g. the gate's metrics, whose bounds differ in range.
    case fixed([SchemaProperty])

    /// The names a key may be, when they are fixed.
    var names: [String]? {
        switch self {
        case .any, .placeholderName: nil
        case .oneOf(let names): names
        case .fixed(let properties): properties.map(\.name)
        }
    }

    /// The shape of the value under `name`, when the rule gives that name one of its own.
    func schema(for name: String) -> SchemaNode? {
        guard case .fixed(let properties) = self else { return nil }
        return properties.first { $0.name == name }?.schema
    }

    /// Whether `name` is a valid placeholder name: `{name}` reads as exactly that placeholder.
    static func isPlaceholderName(_ name: String) -> Bool {
        Template("{\(name)}").segments == [.placeholder(name)]
    }
}

extension SchemaNode {
    /// Why `value` is outside this number's bounds ("between 0 and 1"), or nil when it is
    /// within them (or the node is not a number). The one reading of a number's range: the
    /// validator, the JSON Schema and `--gate` all go through it.
    public func rangeProblem(_ value: Double) -> String? {
        guard case .number(let minimum, let maximum, let exclusiveMinimum) = self else { return nil }
        let below = minimum.map { exclusiveMinimum ? value <= $0 : value < $0 } ?? false
        let above = maximum.map { value > $0 } ?? false
        guard below || above else { return nil }
        switch (minimum, maximum) {
        case (let low?, let high?): return "between \(Self.format(low)) and \(Self.format(high))"
        case (let low?, nil):
            return exclusiveMinimum ? "greater than \(Self.format(low))" : "at least \(Self.format(low))"
        case (nil, let high?): return "at most \(Self.format(high))"
        case (nil, nil): return nil
        }
    }

    /// A bound as people write it: `1`, not `1.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A content check on a string value.
public enum SchemaStringFormat: String, Sendable {
    /// A regular expression applied to bot replies (`TextPattern`, RE2: linear time, no
    /// lookaround or backreferences).
    case regex
    /// A regular expression of the reference bot's own (`TextPattern`, ICU syntax), applied to
    /// users' messages.
    case botRegex
    /// A vocab generation pattern (`ValuePattern`).
    case valuePattern
    /// A path into a JSON reply (`ReplyPath`), e.g. `$.messages[*].text`.
    case replyPath
    /// A regular expression whose `{slot}` placeholders stand for a conversation's values
    /// (`ValuedPattern`); the suite validator checks it with the goal's slots in view.
    case replyPattern
}
