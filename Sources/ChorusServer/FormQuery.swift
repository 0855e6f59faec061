/// A query string as an HTML form sends it (`application/x-www-form-urlencoded`): `+` is a
/// space and `%XX` a byte of UTF-8. Read here rather than through the router's parameters,
/// which percent-decode but keep `+`, so a typed `+` and a space could not be told apart.
enum FormQuery {
    /// The parameters of `query`; of a repeated name, the first; undecodable values are dropped.
    static func parse(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]), parameters[name] == nil else { continue }
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if let value { parameters[name] = value }
        }
        return parameters
    }

    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard utf8.count >= 2, let high = hex(utf8.popFirst()!), let low = hex(utf8.popFirst()!) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
