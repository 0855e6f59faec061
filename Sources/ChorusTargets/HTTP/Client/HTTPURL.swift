/// Where a connection goes: scheme, host and port. Connections are pooled per endpoint.
struct HTTPEndpoint: Hashable, Sendable {
    var tls: Bool
    /// A host name or IP address (IPv6 without brackets).
    var host: String
    var port: Int
}

/// An `http(s)://[user:password@]host[:port][/path][?query]` URL split into what a request
/// needs. Credentials in the URL are dropped: a target that needs them sets a header.
struct HTTPURL: Sendable, Equatable {
    var endpoint: HTTPEndpoint
    /// The request target: path and query, `/` when the URL has none.
    var target: Substring
    /// The `Host` header: the authority as the URL writes it, without credentials.
    var hostHeader: Substring

    /// Parses on UTF-8 bytes: this runs for every request.
    init(parsing url: String) throws(HTTPClientFailure) {
        let utf8 = url.utf8
        let tls: Bool
        if utf8.starts(with: "http://".utf8) {
            tls = false
        } else if utf8.starts(with: "https://".utf8) {
            tls = true
        } else {
            throw .invalidURL(url)
        }
        let authorityStart = utf8.index(utf8.startIndex, offsetBy: tls ? 8 : 7)
        var authorityEnd = authorityStart
        var at: String.Index?
        var colon: String.Index?
        var close: String.Index?
        while authorityEnd != utf8.endIndex {
            switch utf8[authorityEnd] {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"): break
            case UInt8(ascii: "@"):
                at = authorityEnd
                colon = nil
                close = nil
                utf8.formIndex(after: &authorityEnd)
                continue
            case UInt8(ascii: ":"):
                colon = authorityEnd
                utf8.formIndex(after: &authorityEnd)
                continue
            case UInt8(ascii: "]"):
                close = authorityEnd
                colon = nil
                utf8.formIndex(after: &authorityEnd)
                continue
            default:
                utf8.formIndex(after: &authorityEnd)
                continue
            }
            break
        }
        let hostStart = at.map { utf8.index(after: $0) } ?? authorityStart
        hostHeader = url[hostStart..<authorityEnd]
        var host = url[hostStart..<(colon ?? authorityEnd)]
        var port = tls ? 443 : 80
        if let colon {
            guard let number = Int(url[utf8.index(after: colon)..<authorityEnd]) else { throw .invalidURL(url) }
            port = number
        }
        if host.utf8.first == UInt8(ascii: "[") {
            guard let close, host.endIndex > close else { throw .invalidURL(url) }
            host = url[utf8.index(after: host.startIndex)..<close]
        } else if close != nil {
            throw .invalidURL(url)
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw .invalidURL(url) }
        endpoint = HTTPEndpoint(tls: tls, host: String(host), port: port)
        var rest = url[authorityEnd...]
        if let fragment = rest.utf8.firstIndex(of: UInt8(ascii: "#")) { rest = url[authorityEnd..<fragment] }
        target = rest.isEmpty ? "/" : (rest.utf8.first == UInt8(ascii: "?") ? Substring("/" + rest) : rest)
    }
}
