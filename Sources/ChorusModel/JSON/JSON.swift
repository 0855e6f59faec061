/// A JSON value with its types intact (never `[String: Any]`): what a target sent, walked by
/// reply paths, and what Chorus writes (request bodies, the JSON Schema).
public enum JSON: Sendable, Equatable, Codable {
    case object([String: JSON])
    case array([JSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
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
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// A member of an object.
    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// A scalar as text (numbers without a needless `.0`), for entity values and ids; nil for
    /// lists, objects and null.
    public var scalarText: String? {
        switch self {
        case .string(let text): return text
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
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


    /// The value as compact JSON text, object keys sorted so the text is deterministic; whole
    /// numbers without a fraction, non-finite numbers as `null`.
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
        case .number(let value):
            if !value.isFinite {
                out += "null"
            } else if value == value.rounded() && abs(value) < 1e15 {
                out += String(Int(value))
            } else {
                out += String(value)
            }
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }
}
