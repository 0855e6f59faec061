import ChorusModel
import NIOCore
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One keep-alive connection to an endpoint, carrying one request at a time. Safe to use from
/// any task: every step runs on the channel's event loop, and the result comes back through
/// the continuation given to `execute`, resumed exactly once.
final class HTTP1Connection: Sendable {
    /// What became of one request.
    enum Outcome: Sendable {
        /// A complete response.
        case response(HTTP1ResponseParser.Response)
        /// The exchange failed; the connection is closed.
        case failure(HTTPClientFailure)
        /// The connection was no longer usable when the request came: nothing was sent.
        case notSent
    }

    typealias Continuation = UnsafeContinuation<Outcome, Never>

    let channel: any Channel
    private let handler: NIOLoopBound<HTTP1ConnectionHandler>

    init(channel: any Channel, handler: HTTP1ConnectionHandler) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
    }

    /// Writes `request` (head and body, one buffer) and flushes it once; resumes
    /// `continuation` with the response, or the failure, or `.notSent`.
    func execute(_ request: ByteBuffer, deadline: NIODeadline, continuation: Continuation) {
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.start(request, deadline: deadline, continuation: continuation)
        }
    }

    /// Fails the request in flight, if any, as cancelled, and closes the connection.
    func cancel() {
        let handler = self.handler
        channel.eventLoop.execute { handler.value.cancel() }
    }

    /// Closes the connection.
    func close() {
        channel.close(promise: nil)
    }
}

/// The channel handler behind an `HTTP1Connection`: writes a request, parses the response as
/// it arrives, enforces the deadline, and classifies what goes wrong. Lives on one event loop.
///
/// Over https it sits behind NIOSSL's handler, which holds the first request until the
/// handshake is done; a failed handshake fails that request as `.tls`.
final class HTTP1ConnectionHandler: ChannelInboundHandler, NIOScheduledCallbackHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    private var parser: HTTP1ResponseParser
    /// Bytes read and not yet parsed.
    private var received: ByteBuffer?
    private var continuation: HTTP1Connection.Continuation?
    private var timer: NIOScheduledCallback?
    /// False once the connection must not carry another request.
    private var usable = true

    init(maximumBody: Int) {
        parser = HTTP1ResponseParser(maximumBody: maximumBody)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func start(_ request: ByteBuffer, deadline: NIODeadline, continuation: HTTP1Connection.Continuation) {
        guard usable, self.continuation == nil, let context, context.channel.isActive else {
            usable = false
            continuation.resume(returning: .notSent)
            return
        }
        self.continuation = continuation
        timer = try? context.eventLoop.assumeIsolated().scheduleCallback(at: deadline, handler: self)
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard continuation != nil else {
            // Bytes nobody asked for: the connection is out of step with the server.
            usable = false
            context.close(promise: nil)
            return
        }
        if received == nil {
            received = incoming
        } else {
            received!.writeBuffer(&incoming)
        }
        do {
            guard let response = try parser.parse(&received!) else {
                if received!.readableBytes == 0 { received = nil }
                return
            }
            let reusable = received!.readableBytes == 0 && response.keepAlive
            received = nil
            // Complete before closing: closing runs `channelInactive` at once.
            complete(.response(response))
            if !reusable {
                usable = false
                context.close(promise: nil)
            }
        } catch {
            fail(error)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        usable = false
        if continuation != nil {
            if let response = parser.finish() {
                complete(.response(response))
            } else {
                fail(.closedBeforeReply)
            }
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let failure: HTTPClientFailure
        if let error = error as? IOError, error.errnoCode == ECONNRESET {
            failure = .reset
        } else if error is NIOSSLError || error is BoringSSLError {
            failure = .tls("\(error)")
        } else {
            failure = .io("\(error)")
        }
        fail(failure)
    }

    func handleScheduledCallback(eventLoop: some EventLoop) {
        timer = nil
        fail(.timeout)
    }

    func cancel() {
        if continuation != nil { fail(.cancelled) }
    }

    /// Ends the request in flight with `failure` and closes the connection.
    private func fail(_ failure: HTTPClientFailure) {
        usable = false
        received = nil
        parser.reset()
        if continuation != nil { complete(.failure(failure)) }
        context?.close(promise: nil)
    }

    private func complete(_ outcome: HTTP1Connection.Outcome) {
        timer?.cancel()
        timer = nil
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(returning: outcome)
    }
}
