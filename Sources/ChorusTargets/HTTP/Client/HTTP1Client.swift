import NIOCore
internal import NIOHTTP1
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
/// at once; responses read by NIOHTTP1's `HTTPResponseDecoder`; a deadline per request on the
/// injected clock; https through NIOSSL with the system's trust roots.
///
/// A request borrows an idle connection (or opens one), and gives it back when the response
/// was complete and the server keeps the connection open. At most `connectionsPerEndpoint`
/// idle connections are kept per endpoint: more requests at once than that still get a
/// connection each, but the surplus is closed when they finish. A connection idle for
/// `idleTimeout` is closed and never reused. When a reused connection closes before any byte
/// of the reply (the server closed it as idle while the request was on its way), the request
/// is sent once more, on a fresh connection.
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
    let idleTimeout: Duration
    private let clock: any WaitClock
    private let group: any EventLoopGroup
    private let tlsConfiguration: TLSConfiguration
    private let state = Mutex(State())
    /// Made on the first https request: building it reads the trust roots.
    private let sslContext = Mutex<NIOSSLContext?>(nil)

    /// A connection waiting in the pool, and since when.
    private struct Idle {
        var connection: HTTP1Connection
        var since: Duration
    }

    /// A scheduled closing of an endpoint's long-idle connections; one at most per endpoint.
    private struct Sweep {
        /// Tells this sweep from a later one of the same endpoint.
        var number: Int
        /// Set once made (it is made outside the lock).
        var timer: (any WaitTimer)?
    }

    private struct State {
        /// Per endpoint, oldest first.
        var idle: [HTTPEndpoint: [Idle]] = [:]
        var sweeps: [HTTPEndpoint: Sweep] = [:]
        var sweepsMade = 0
        var isShutDown = false

        /// Marks a sweep of `endpoint` as scheduled, unless one is; returns its number.
        mutating func claimSweep(_ endpoint: HTTPEndpoint) -> Int? {
            guard sweeps[endpoint] == nil else { return nil }
            sweepsMade += 1
            sweeps[endpoint] = Sweep(number: sweepsMade)
            return sweepsMade
        }
    }

    init(
        connectionsPerEndpoint: Int, maximumBody: Int, clock: any WaitClock = SystemWaitClock(),
        idleTimeout: Duration = TransportSettings.defaultIdleTimeout,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.connectionsPerEndpoint = max(1, connectionsPerEndpoint)
        self.maximumBody = maximumBody
        self.clock = clock
        self.idleTimeout = idleTimeout
        self.tlsConfiguration = tlsConfiguration
        self.group = group
    }

    deinit {
        let (idle, sweeps) = state.withLock { ($0.idle.values.joined().map(\.connection), Array($0.sweeps.values)) }
        for sweep in sweeps { sweep.timer?.cancel() }
        for connection in idle { connection.close() }
    }

    /// Closes the idle connections; those in use close when their request ends. Requests made
    /// afterwards fail with `.shutDown`.
    func shutdown() async {
        let (idle, sweeps) = state.withLock { state in
            state.isShutDown = true
            defer {
                state.idle = [:]
                state.sweeps = [:]
            }
            return (Array(state.idle.values.joined().map(\.connection)), Array(state.sweeps.values))
        }
        for sweep in sweeps { sweep.timer?.cancel() }
        for connection in idle { try? await connection.channel.close() }
    }

    /// Sends one request and waits for the whole response, until `deadline` (on the client's
    /// clock) at most.
    func execute(
        method: String, url: String, headers: [(String, String)], body: String?, deadline: Duration
    ) async throws(HTTPClientFailure) -> Response {
        let parsed = try HTTPURL(parsing: url)
        let request = try Self.encode(method: method, url: parsed, headers: headers, body: body)
        let head = Self.head(method)
        var retried = false
        // A pooled connection the server has closed meanwhile takes nothing: try the next one.
        for _ in 0..<(connectionsPerEndpoint + 2) {
            if Task.isCancelled { throw .cancelled }
            let (connection, pooled) = try await borrow(parsed.endpoint, fresh: retried, deadline: deadline)
            let outcome = await withTaskCancellationHandler {
                await withUnsafeContinuation { continuation in
                    connection.execute(request, head: head, deadline: deadline, continuation: continuation)
                }
            } onCancel: {
                connection.cancel()
            }
            switch outcome {
            case .response(let response):
                if response.keepAlive { giveBack(connection, to: parsed.endpoint) }
                return Response(status: response.status, body: response.body, retryAfter: response.retryAfter)
            case .unanswered(let failure):
                // Only a kept-alive connection can have been closed by the server as idle; a
                // fresh one that closes unanswered is the bot's doing. Once is enough.
                guard pooled, !retried else { throw failure }
                retried = true
            case .failure(let failure):
                throw failure
            case .notSent:
                connection.close()
            }
        }
        throw .closedBeforeReply
    }

    /// An idle connection to `endpoint` (unless `fresh`), or a new one; and whether it came
    /// from the pool.
    private func borrow(_ endpoint: HTTPEndpoint, fresh: Bool, deadline: Duration) async throws(HTTPClientFailure)
        -> (HTTP1Connection, pooled: Bool)
    {
        let now = clock.now
        let (pooled, expired) = try state.withLock { state throws(HTTPClientFailure) in
            guard !state.isShutDown else { throw .shutDown }
            let expired = Self.takeExpired(&state, endpoint, now: now, idleTimeout: idleTimeout)
            guard !fresh else { return (nil as HTTP1Connection?, expired) }
            while let idle = state.idle[endpoint]?.popLast() {
                if idle.connection.channel.isActive { return (idle.connection, expired) }
            }
            return (nil, expired)
        }
        for connection in expired { connection.close() }
        if let pooled { return (pooled, true) }
        return (try await connect(endpoint, deadline: deadline), false)
    }

    private func giveBack(_ connection: HTTP1Connection, to endpoint: HTTPEndpoint) {
        let now = clock.now
        let (kept, sweep) = state.withLock { state -> (Bool, Int?) in
            guard !state.isShutDown, state.idle[endpoint, default: []].count < connectionsPerEndpoint else {
                return (false, nil)
            }
            state.idle[endpoint, default: []].append(Idle(connection: connection, since: now))
            return (true, state.claimSweep(endpoint))
        }
        if !kept { connection.close() }
        if let sweep { schedule(sweep, of: endpoint, at: now + idleTimeout, on: connection.channel.eventLoop) }
    }

    /// Makes the timer of a claimed sweep: at `time`, `endpoint`'s connections idle for
    /// `idleTimeout` are closed, and the next sweep is set for when the oldest remaining one
    /// will have been.
    private func schedule(_ number: Int, of endpoint: HTTPEndpoint, at time: Duration, on eventLoop: any EventLoop) {
        let timer = clock.schedule(at: time, on: eventLoop) { [weak self] in
            self?.sweep(number, of: endpoint, on: eventLoop)
        }
        let kept = state.withLock { state -> Bool in
            guard state.sweeps[endpoint]?.number == number else { return false }
            state.sweeps[endpoint]?.timer = timer
            return true
        }
        // Shut down meanwhile (or already swept): nothing to keep.
        if !kept { timer.cancel() }
    }

    private func sweep(_ number: Int, of endpoint: HTTPEndpoint, on eventLoop: any EventLoop) {
        let now = clock.now
        let (expired, next) = state.withLock { state -> ([HTTP1Connection], (Int, Duration)?) in
            guard state.sweeps[endpoint]?.number == number else { return ([], nil) }
            state.sweeps[endpoint] = nil
            let expired = Self.takeExpired(&state, endpoint, now: now, idleTimeout: idleTimeout)
            guard let oldest = state.idle[endpoint]?.first, let next = state.claimSweep(endpoint) else {
                return (expired, nil)
            }
            return (expired, (next, oldest.since + idleTimeout))
        }
        for connection in expired { connection.close() }
        if let next { schedule(next.0, of: endpoint, at: next.1, on: eventLoop) }
    }

    /// Takes out `endpoint`'s connections idle for `idleTimeout` or longer (a prefix: the
    /// list is oldest first).
    private static func takeExpired(
        _ state: inout State, _ endpoint: HTTPEndpoint, now: Duration, idleTimeout: Duration
    ) -> [HTTP1Connection] {
        guard let idle = state.idle[endpoint], let first = idle.first, now - first.since >= idleTimeout else {
            return []
        }
        let count = idle.prefix { now - $0.since >= idleTimeout }.count
        state.idle[endpoint] = Array(idle.dropFirst(count))
        return idle.prefix(count).map(\.connection)
    }

    /// A new connection to `endpoint`, made by `deadline` on the client's clock.
    private func connect(_ endpoint: HTTPEndpoint, deadline: Duration) async throws(HTTPClientFailure)
        -> HTTP1Connection
    {
        guard deadline > clock.now else { throw .connectTimeout }
        let ssl = endpoint.tls ? try context() : nil
        let maximumBody = self.maximumBody
        let clock = self.clock
        // SNI takes a name, never an address.
        let serverName =
            endpoint.host.contains(":") || endpoint.host.allSatisfy { $0.isNumber || $0 == "." }
            ? nil : endpoint.host
        let eventLoop = group.next()
        let made = eventLoop.makePromise(of: HTTP1Connection.self)
        // The deadline is the injected clock's, like every other: NIO's own connect timeout is
        // set out of the way, and a connection made too late is closed.
        let timer = clock.schedule(at: deadline, on: eventLoop) { made.fail(HTTPClientFailure.connectTimeout) }
        ClientBootstrap(group: eventLoop)
            .connectTimeout(.hours(24))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let writer = HTTP1RequestWriter()
                    let pipeline = channel.pipeline.syncOperations
                    if let ssl {
                        try pipeline.addHandler(NIOSSLClientHandler(context: ssl, serverHostname: serverName))
                    }
                    try pipeline.addHandler(writer)
                    try pipeline.addHandler(
                        ByteToMessageHandler(HTTPResponseDecoder(informationalResponseStrategy: .drop)))
                    try pipeline.addHandler(
                        HTTP1ConnectionHandler(maximumBody: maximumBody, clock: clock, writer: writer))
                }
            }
            .connect(host: endpoint.host, port: endpoint.port)
            .whenComplete { result in
                timer.cancel()
                switch result {
                case .success(let channel):
                    do {
                        let handler = try channel.pipeline.syncOperations.handler(type: HTTP1ConnectionHandler.self)
                        let connection = HTTP1Connection(channel: channel, handler: handler)
                        made.succeed(connection)
                        // Too late (or cancelled): nobody will use it.
                        made.futureResult.whenFailure { _ in connection.close() }
                    } catch {
                        made.fail(error)
                        channel.close(promise: nil)
                    }
                case .failure(let error):
                    made.fail(error)
                }
            }
        do {
            return try await withTaskCancellationHandler {
                try await made.futureResult.get()
            } onCancel: {
                made.fail(HTTPClientFailure.cancelled)
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

    /// The head that tells the response decoder a request's method (its only use: the request
    /// is encoded by `encode`). The common ones are made once.
    static func head(_ method: String) -> HTTPRequestHead {
        switch method {
        case "POST": postHead
        case "GET": getHead
        default: HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method), uri: "")
        }
    }

    private static let postHead = HTTPRequestHead(version: .http1_1, method: .POST, uri: "")
    private static let getHead = HTTPRequestHead(version: .http1_1, method: .GET, uri: "")

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
