/// Minimal JSON text building for the per-conversation hot path, where `JSONEncoder`'s
/// reflection and allocation would dominate. Output is compact and keys keep their given order.
public enum JSONText {
    /// Appends `value` as a JSON string literal.
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        var start = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                out.unicodeScalars.append(contentsOf: scalars[start..<index])
                out.append(escape)
                start = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out.unicodeScalars.append(contentsOf: scalars[start..<scalars.endIndex])
        out.append("\"")
    }

    public static func appendOptionalString(_ value: String?, to out: inout String) {
        if let value { appendString(value, to: &out) } else { out.append("null") }
    }

    /// Appends a number with at most `decimals` decimals, without trailing zeros.
    public static func appendNumber(_ value: Double, decimals: Int = 6, to out: inout String) {
        guard value.isFinite else {
            out.append("null")
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            out.append(String(Int64(rounded)))
        } else {
            out.append("\(rounded)")
        }
    }
}
