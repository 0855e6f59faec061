import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 client for talking to bots: keep-alive connections pooled per endpoint
/// (scheme, host, port), one request at a time on each; the whole request written and flushed
/// at once; responses parsed by `HTTP1ResponseParser`; a deadline per request; https through
/// NIOSSL with the system's trust roots.
///
/// A request borrows an idle connection (or opens one), and gives it back when the response
/// was complete and the server keeps the connection open. At most `connectionsPerEndpoint`
/// idle connections are kept per endpoint: more requests at once than that still get a
/// connection each, but the surplus is closed when they finish.
final class HTTP1Client: Sendable {
    /// A complete response, whatever its status.
    struct Response: Sendable {
        var status: Int
        var body: ByteBuffer?
        /// `Retry-After` in seconds, when the server gave a number.
        var retryAfter: Double?
    }

    let connectionsPerEndpoint: Int
    let maximumBody: Int
    private let group: any EventLoopGroup
    private let tlsConfiguration: TLSConfiguration
    private let state = Mutex(State())
    /// Made on the first https request: building it reads the trust roots.
    private let sslContext = Mutex<NIOSSLContext?>(nil)

    private struct State {
        var idle: [HTTPEndpoint: [HTTP1Connection]] = [:]
        var isShutDown = false
    }

    init(
        connectionsPerEndpoint: Int, maximumBody: Int, tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.connectionsPerEndpoint = max(1, connectionsPerEndpoint)
        self.maximumBody = maximumBody
        self.tlsConfiguration = tlsConfiguration
        self.group = group
    }

    deinit {
        for connection in state.withLock({ $0.idle.values.joined() }) { connection.close() }
    }

    /// Closes the idle connections; those in use close when their request ends. Requests made
    /// afterwards fail with `.shutDown`.
    func shutdown() async {
        let idle = state.withLock { state in
            state.isShutDown = true
            defer { state.idle = [:] }
            return Array(state.idle.values.joined())
        }
        for connection in idle { try? await connection.channel.close() }
    }

    /// Sends one request and waits for the whole response, until `deadline` at most.
    func execute(
        method: String, url: String, headers: [(String, String)], body: String?, deadline: NIODeadline
    ) async throws(HTTPClientFailure) -> Response {
        let parsed = try HTTPURL(parsing: url)
        let request = try Self.encode(method: method, url: parsed, headers: headers, body: body)
        // A pooled connection the server has closed meanwhile takes nothing: try the next one.
        for _ in 0..<(connectionsPerEndpoint + 2) {
            if Task.isCancelled { throw .cancelled }
            let connection = try await borrow(parsed.endpoint, deadline: deadline)
            let outcome = await withTaskCancellationHandler {
                await withUnsafeContinuation { continuation in
                    connection.execute(request, deadline: deadline, continuation: continuation)
                }
            } onCancel: {
                connection.cancel()
            }
            switch outcome {
            case .response(let response):
                if response.keepAlive { giveBack(connection, to: parsed.endpoint) }
                return Response(status: response.status, body: response.body, retryAfter: response.retryAfter)
            case .failure(let failure):
                throw failure
            case .notSent:
                connection.close()
            }
        }
        throw .closedBeforeReply
    }

    /// An idle connection to `endpoint`, or a new one.
    private func borrow(_ endpoint: HTTPEndpoint, deadline: NIODeadline) async throws(HTTPClientFailure)
        -> HTTP1Connection
    {
        let pooled = try state.withLock { state throws(HTTPClientFailure) -> HTTP1Connection? in
            guard !state.isShutDown else { throw .shutDown }
            while let connection = state.idle[endpoint]?.popLast() {
                if connection.channel.isActive { return connection }
            }
            return nil
        }
        if let pooled { return pooled }
        return try await connect(endpoint, deadline: deadline)
    }

    private func giveBack(_ connection: HTTP1Connection, to endpoint: HTTPEndpoint) {
        let kept = state.withLock { state in
            guard !state.isShutDown, state.idle[endpoint, default: []].count < connectionsPerEndpoint else {
                return false
            }
            state.idle[endpoint, default: []].append(connection)
            return true
        }
        if !kept { connection.close() }
    }

    private func connect(_ endpoint: HTTPEndpoint, deadline: NIODeadline) async throws(HTTPClientFailure)
        -> HTTP1Connection
    {
        let remaining = deadline - .now()
        guard remaining > .zero else { throw .connectTimeout }
        let ssl = endpoint.tls ? try context() : nil
        let maximumBody = self.maximumBody
        // SNI takes a name, never an address.
        let serverName =
            endpoint.host.contains(":") || endpoint.host.allSatisfy { $0.isNumber || $0 == "." }
            ? nil : endpoint.host
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(remaining)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = HTTP1ConnectionHandler(maximumBody: maximumBody)
                        if let ssl {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: ssl, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                        return HTTP1Connection(channel: channel, handler: handler)
                    }
                }
        } catch {
            throw Self.classifyConnectError(error)
        }
    }

    private func context() throws(HTTPClientFailure) -> NIOSSLContext {
        do {
            return try sslContext.withLock { context in
                if let context { return context }
                let made = try NIOSSLContext(configuration: tlsConfiguration)
                context = made
                return made
            }
        } catch {
            throw .tls("\(error)")
        }
    }

    /// A failure to connect: refused, timed out, or something else; nothing was sent in any case.
    static func classifyConnectError(_ error: any Error) -> HTTPClientFailure {
        if let error = error as? HTTPClientFailure { return error }
        if let error = error as? ChannelError, case .connectTimeout = error { return .connectTimeout }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return .connectionRefused }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.contains(where: {
                ($0.error as? IOError)?.errnoCode == ECONNREFUSED
            }) {
                return .connectionRefused
            }
            if error.connectionErrors.contains(where: {
                if let channelError = $0.error as? ChannelError, case .connectTimeout = channelError { return true }
                return false
            }) {
                return .connectTimeout
            }
        }
        return .couldNotConnect("\(error)")
    }

    /// The request as bytes: the request line, `Host` (unless given), the headers,
    /// `Content-Type: application/json` (unless given) and `Content-Length` for a body, then
    /// the body.
    static func encode(method: String, url: HTTPURL, headers: [(String, String)], body: String?)
        throws(HTTPClientFailure) -> ByteBuffer
    {
        var size = method.utf8.count + url.target.utf8.count + url.hostHeader.utf8.count + 96
        var hasHost = false
        var hasContentType = false
        for (name, value) in headers {
            guard isToken(name), isFieldValue(value) else { throw .invalidHeader(name) }
            size += name.utf8.count + value.utf8.count + 4
            if equalsIgnoringCase(name, "host") { hasHost = true }
            if equalsIgnoringCase(name, "content-type") { hasContentType = true }
        }
        size += body?.utf8.count ?? 0
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        buffer.writeString(method)
        buffer.writeStaticString(" ")
        buffer.writeSubstring(url.target)
        buffer.writeStaticString(" HTTP/1.1\r\n")
        if !hasHost {
            buffer.writeStaticString("Host: ")
            buffer.writeSubstring(url.hostHeader)
            buffer.writeStaticString("\r\n")
        }
        for (name, value) in headers {
            // The client frames the body itself.
            if equalsIgnoringCase(name, "content-length") || equalsIgnoringCase(name, "transfer-encoding") { continue }
            buffer.writeString(name)
            buffer.writeStaticString(": ")
            buffer.writeString(value)
            buffer.writeStaticString("\r\n")
        }
        if let body {
            if !hasContentType { buffer.writeStaticString("Content-Type: application/json\r\n") }
            buffer.writeStaticString("Content-Length: ")
            buffer.writeString(String(body.utf8.count))
            buffer.writeStaticString("\r\n\r\n")
            buffer.writeString(body)
        } else if method == "POST" || method == "PUT" || method == "PATCH" {
            buffer.writeStaticString("Content-Length: 0\r\n\r\n")
        } else {
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }

    /// An HTTP token (RFC 9110): the characters a header name may have.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    return true
                default: return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }

    /// A header value without line breaks or other control characters (tab allowed).
    static func isFieldValue(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 != 0x7F || $0 == 0x09 }
    }

    static func equalsIgnoringCase(_ text: String, _ lowercase: StaticString) -> Bool {
        guard text.utf8.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        for (index, byte) in text.utf8.enumerated() {
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            guard lower == expected[index] else { return false }
        }
        return true
    }
}
