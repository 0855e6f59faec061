import ChorusModel

/// Why an exchange with an HTTP server failed, as the lean client sees it; `HTTPTransport`
/// turns each case into a `TargetError` and decides whether retrying is safe.
public enum HTTPClientFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not `http(s)://host[:port][/path]`.
    case invalidURL(String)
    /// A header name or value would break the request (a line break, a colon in a name).
    case invalidHeader(String)
    /// The connection was refused: nothing was sent.
    case connectionRefused
    /// The connection could not be made for another reason: nothing was sent.
    case couldNotConnect(String)
    /// The connection was not made within the deadline: nothing was sent.
    case connectTimeout
    /// The TLS handshake failed: nothing was sent.
    case tls(String)
    /// The response was not complete within the deadline.
    case timeout
    /// The server closed the connection after the request went out, before the response was
    /// complete.
    case closedBeforeReply
    /// The connection was reset after the request went out.
    case reset
    /// Another I/O error after the request went out.
    case io(String)
    /// The response is not HTTP/1.1 as the client understands it.
    case malformedResponse(String)
    /// The response body is larger than the client reads.
    case bodyTooLarge(Int)
    /// The task waiting for the response was cancelled.
    case cancelled
    /// The client was shut down.
    case shutDown

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid URL \"\(url)\""
        case .invalidHeader(let name): "invalid header \"\(name)\""
        case .connectionRefused: "connection refused"
        case .couldNotConnect(let reason): "could not connect (\(reason))"
        case .connectTimeout: "could not connect within the timeout"
        case .tls(let reason): "TLS handshake failed (\(reason))"
        case .timeout: "no reply within the timeout"
        case .closedBeforeReply: "the server closed the connection before replying"
        case .reset: "connection reset"
        case .io(let reason): "I/O error (\(reason))"
        case .malformedResponse(let reason): "malformed HTTP response (\(reason))"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .cancelled: "cancelled"
        case .shutDown: "the HTTP client was shut down"
        }
    }
}
