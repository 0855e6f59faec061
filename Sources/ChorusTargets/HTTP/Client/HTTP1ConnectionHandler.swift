import NIOCore
internal import NIOHTTP1
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last handler of an `HTTP1Connection`'s pipeline: it starts a request, assembles the
/// response parts NIOHTTP1's decoder reads (1xx responses are dropped by the decoder), enforces
/// the body size limit and the deadline, and classifies what goes wrong. Lives on one event
/// loop.
///
/// The deadline timer is lazy: a request that finishes in time leaves it armed, and when it
/// fires it fails the request in flight only if that request's own deadline has passed (else it
/// re-arms for it). Deadlines of successive requests only grow, so a busy connection arms a
/// timer about once per timeout instead of scheduling and cancelling one per request.
///
/// Over https it sits behind NIOSSL's handler, which holds the first request until the
/// handshake is done; a failed handshake fails that request as `.tls`.
final class HTTP1ConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// A complete response.
    struct Response: Sendable {
        var status: Int
        var body: ByteBuffer?
        /// Whether the connection may carry another request.
        var keepAlive: Bool
        /// `Retry-After` in seconds, when given as a number.
        var retryAfter: Double?
    }

    private let maximumBody: Int
    private let clock: any WaitClock
    private let writer: HTTP1RequestWriter
    private var context: ChannelHandlerContext?
    private var continuation: HTTP1Connection.Continuation?
    /// The response being read, once its head has arrived.
    private var response: Response?
    /// The deadline of the request in flight.
    private var deadline = Duration.zero
    /// The armed deadline timer, and when it fires.
    private var timer: (at: Duration, timer: any WaitTimer)?
    /// `writer.bytesRead` when the request in flight went out.
    private var bytesReadBefore = 0
    /// False once the connection must not carry another request.
    private var usable = true

    init(maximumBody: Int, clock: any WaitClock, writer: HTTP1RequestWriter) {
        self.maximumBody = maximumBody
        self.clock = clock
        self.writer = writer
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func start(
        _ request: ByteBuffer, head: HTTPRequestHead, deadline: Duration,
        continuation: HTTP1Connection.Continuation
    ) {
        guard usable, self.continuation == nil, let context, context.channel.isActive else {
            usable = false
            continuation.resume(returning: .notSent)
            return
        }
        self.continuation = continuation
        self.deadline = deadline
        bytesReadBefore = writer.bytesRead
        if timer.map({ $0.at > deadline }) ?? true { arm(at: deadline, context: context) }
        // The head only tells the decoder the method; `writer` sends the encoded request.
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        writer.send(request)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard continuation != nil else {
            // A response nobody asked for: the connection is out of step with the server.
            usable = false
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard head.status != .switchingProtocols else {
                fail(.malformedResponse("an unexpected protocol switch"))
                return
            }
            if let length = head.headers.first(name: "content-length").flatMap({ Int($0) }), length > maximumBody {
                fail(.bodyTooLarge(maximumBody))
                return
            }
            response = Response(
                status: Int(head.status.code), body: nil, keepAlive: head.isKeepAlive,
                retryAfter: head.headers.first(name: "retry-after").flatMap { Double($0) })
        case .body(var bytes):
            guard var current = response else { return }
            guard (current.body?.readableBytes ?? 0) + bytes.readableBytes <= maximumBody else {
                fail(.bodyTooLarge(maximumBody))
                return
            }
            response = nil  // keep the body uniquely referenced while it grows
            if current.body == nil {
                current.body = bytes
            } else {
                current.body!.writeBuffer(&bytes)
            }
            response = current
        case .end:
            guard let finished = response else { return }
            response = nil
            // Complete before closing: closing runs `channelInactive` at once.
            complete(.response(finished))
            if !finished.keepAlive {
                usable = false
                context.close(promise: nil)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        usable = false
        timer?.timer.cancel()
        timer = nil
        // A body delimited by the close has been completed by the decoder before this.
        if continuation != nil { fail(.closedBeforeReply) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(Self.classify(error))
    }

    /// What an error the pipeline raised means for the request in flight.
    static func classify(_ error: any Error) -> HTTPClientFailure {
        switch error {
        case let error as IOError where error.errnoCode == ECONNRESET: .reset
        case is NIOSSLError, is BoringSSLError: .tls("\(error)")
        // The connection ended in the middle of a response.
        case HTTPParserError.invalidEOFState: .closedBeforeReply
        case is HTTPParserError, is NIOHTTPDecoderError: .malformedResponse("\(error)")
        default: .io("\(error)")
        }
    }

    private func arm(at time: Duration, context: ChannelHandlerContext) {
        timer?.timer.cancel()
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = (time, clock.schedule(at: time, on: context.eventLoop) { handler.value.timerFired(at: time) })
    }

    func timerFired(at time: Duration) {
        guard timer?.at == time else { return }  // replaced by an earlier one
        timer = nil
        guard continuation != nil, let context else { return }
        if clock.now >= deadline {
            fail(.timeout)
        } else {
            arm(at: deadline, context: context)
        }
    }

    func cancel() {
        if continuation != nil { fail(.cancelled) }
    }

    /// Ends the request in flight with `failure` and closes the connection.
    private func fail(_ failure: HTTPClientFailure) {
        usable = false
        response = nil
        if continuation != nil {
            let silent = writer.bytesRead == bytesReadBefore && (failure == .closedBeforeReply || failure == .reset)
            complete(silent ? .unanswered(failure) : .failure(failure))
        }
        context?.close(promise: nil)
    }

    private func complete(_ outcome: HTTP1Connection.Outcome) {
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(returning: outcome)
    }
}
