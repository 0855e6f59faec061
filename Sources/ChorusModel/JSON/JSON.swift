/// A JSON value with its types intact (never `[String: Any]`): what a target sent, walked by
/// reply paths, and what Chorus writes (request bodies, the JSON Schema). Numbers stay exact
/// (see `JSONNumber`).
public enum JSON: Sendable, Equatable, Codable {
    case object([String: JSON])
    case array([JSON])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// A number made from a `Double`.
    public static func number(_ value: Double) -> JSON {
        .number(JSONNumber(value))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            // Integers before doubles, so ids keep every digit.
            self = .number(JSONNumber(value))
        } else if let value = try? container.decode(UInt64.self) {
            self = .number(JSONNumber(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let members): try container.encode(members)
        case .array(let items): try container.encode(items)
        case .string(let text): try container.encode(text)
        case .number(let number):
            if let integer = Int64(number.text) {
                try container.encode(integer)
            } else if let integer = UInt64(number.text) {
                try container.encode(integer)
            } else {
                try container.encode(number.double)
            }
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// A member of an object.
    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A scalar as text, for entity values and ids: integers digit for digit as the source
    /// wrote them, whole numbers without a needless `.0` (see `JSONNumber.scalarText`); nil for
    /// lists, objects and null.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return number.scalarText
        case .bool(let value): return value ? "true" : "false"
        case .object, .array, .null: return nil
        }
    }

    /// `text` escaped for use inside a JSON string literal (without the quotes).
    public static func escape(_ text: String) -> String {
        var out = ""
        JSONText.appendEscaped(text, to: &out)
        return out
    }

    /// The value as compact JSON text, object keys sorted so the text is deterministic; numbers
    /// as their `JSONNumber.text` (a parsed number as written), non-finite numbers as `null`.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (offset, key) in members.keys.sorted().enumerated() {
                if offset > 0 { out += "," }
                out += "\""
                JSONText.appendEscaped(key, to: &out)
                out += "\":"
                members[key]!.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let text):
            out += "\""
            JSONText.appendEscaped(text, to: &out)
            out += "\""
        case .number(let number):
            out += number.text
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }
}
