/// Minimal JSON text building for the per-conversation hot path, where `JSONEncoder`'s
/// reflection and allocation would dominate. Output is compact and keys keep their given order.
public enum JSONText {
    /// Appends `value` as a JSON string literal (in quotes).
    public static func appendString(_ value: String, to out: inout String) {
        out.append("\"")
        appendEscaped(value, to: &out)
        out.append("\"")
    }

    /// Appends `value` escaped for use inside a JSON string literal (without the quotes). Text
    /// that needs no escaping (nearly all of it) is appended as it is.
    public static func appendEscaped(_ value: String, to out: inout String) {
        var value = value
        let needsEscaping = value.withUTF8 { bytes in bytes.indices.contains { escape(in: bytes, at: $0) != nil } }
        guard needsEscaping else {
            out.append(value)
            return
        }
        var bytes: [UInt8] = []
        appendEscaped(value, to: &bytes)
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    /// Appends `value` as a JSON string literal (in quotes), as UTF-8 bytes.
    public static func appendString(_ value: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(value, to: &out)
        out.append(0x22)
    }

    /// Appends `value` escaped for use inside a JSON string literal (without the quotes), as
    /// UTF-8 bytes: the runs between escapes are copied in one piece.
    public static func appendEscaped(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                guard let (escape, width) = escape(in: bytes, at: index) else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out.append(contentsOf: escape.utf8)
                index += width
                start = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// The escape of the character starting at `bytes[index]` and how many bytes it replaces, or
    /// nil when it is written as it is.
    @inline(__always)
    private static func escape(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (String, Int)? {
        let byte = bytes[index]
        if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 { return nil }
        switch byte {
        case 0x22: return ("\\\"", 1)
        case 0x5C: return ("\\\\", 1)
        case 0x0A: return ("\\n", 1)
        case 0x0D: return ("\\r", 1)
        case 0x09: return ("\\t", 1)
        case 0x00..<0x20:
            let hex = String(byte, radix: 16)
            return ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, 1)
        case 0xE2
        where index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            // U+2028 and U+2029 are valid JSON but break JavaScript readers of the line.
            return (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", 3)
        default: return nil
        }
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
