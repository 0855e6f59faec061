/// Minimal JSON text building for the per-conversation hot path, where `JSONEncoder`'s
/// reflection and allocation would dominate. Output is compact and keys keep their given order.
public enum JSONText {
    /// Appends `value` as a JSON string literal (in quotes).
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        appendEscaped(value, to: &out)
        out.append("\"")
    }

    /// Appends `value` escaped for use inside a JSON string literal (without the quotes). Works
    /// on UTF-8 bytes: text that needs no escaping (nearly all of it) is appended in one piece.
    public static func appendEscaped(_ value: String, to out: inout String) {
        var value = value
        let clean = value.withUTF8 { bytes -> Bool in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var escape: String?
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 are valid JSON but break JavaScript readers of the line.
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default: break
                }
                if let escape {
                    if index > start {
                        out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    }
                    out.append(escape)
                    start = index + width
                }
                index += width
            }
            if start > 0, start < bytes.count {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
            return start == 0
        }
        if clean { out.append(value) }
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
