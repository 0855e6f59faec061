extension JSON {
    /// Pretty-printed text ending in a newline: sorted keys, two-space indent, so a committed
    /// file (the JSON Schema) changes only when its content does.
    public func rendered() -> String {
        var out = ""
        writePretty(to: &out, indent: "")
        return out + "\n"
    }

    private func writePretty(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            out += "{\n"
            for (offset, key) in members.keys.sorted().enumerated() {
                out += inner + Self.quoted(key) + ": "
                members[key]!.writePretty(to: &out, indent: inner)
                out += offset == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[\n"
            for (offset, item) in items.enumerated() {
                out += inner
                item.writePretty(to: &out, indent: inner)
                out += offset == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .string(let text):
            out += Self.quoted(text)
        case .number(let number):
            out += number.text
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        }
    }

    private static func quoted(_ text: String) -> String {
        var out = ""
        JSONText.appendString(text, to: &out)
        return out
    }
}
