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

    init(parsing url: String) throws(HTTPClientFailure) {
        let tls: Bool
        var rest: Substring
        if url.hasPrefix("http://") {
            tls = false
            rest = url.dropFirst(7)
        } else if url.hasPrefix("https://") {
            tls = true
            rest = url.dropFirst(8)
        } else {
            throw .invalidURL(url)
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        rest = rest[authorityEnd...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        hostHeader = authority
        let host: Substring
        var port = tls ? 443 : 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL(url) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { throw .invalidURL(url) }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = Int(authority[authority.index(after: colon)...]) else { throw .invalidURL(url) }
            port = number
        } else {
            host = authority
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw .invalidURL(url) }
        endpoint = HTTPEndpoint(tls: tls, host: String(host), port: port)
        target = rest.isEmpty ? "/" : (rest.hasPrefix("?") ? Substring("/" + rest) : rest)
    }
}
