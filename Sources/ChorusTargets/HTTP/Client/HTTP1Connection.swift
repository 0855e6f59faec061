import NIOCore
internal import NIOHTTP1

/// One keep-alive connection to an endpoint, carrying one request at a time. Safe to use from
/// any task: every step runs on the channel's event loop, and the result comes back through
/// the continuation given to `execute`, resumed exactly once.
///
/// Its pipeline: NIOSSL's handler (https only), `HTTP1RequestWriter`, NIOHTTP1's
/// `HTTPResponseDecoder`, and `HTTP1ConnectionHandler`.
final class HTTP1Connection: Sendable {
    /// What became of one request.
    enum Outcome: Sendable {
        /// A complete response.
        case response(HTTP1ConnectionHandler.Response)
        /// The exchange failed; the connection is closed.
        case failure(HTTPClientFailure)
        /// The connection closed, or was reset, after the request went out and before any byte
        /// of the reply: on a kept-alive connection, the server had most likely closed it as
        /// idle before the request reached it.
        case unanswered(HTTPClientFailure)
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
    /// `continuation` with the response, or the failure, or `.notSent`. `head` carries the
    /// request's method to the response decoder.
    func execute(
        _ request: ByteBuffer, head: HTTPRequestHead, deadline: Duration, continuation: Continuation
    ) {
        let handler = self.handler
        channel.eventLoop.execute {
            handler.value.start(request, head: head, deadline: deadline, continuation: continuation)
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
