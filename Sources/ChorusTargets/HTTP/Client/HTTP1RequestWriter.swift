import NIOCore
internal import NIOHTTP1

/// The handler between the socket (or TLS) and NIOHTTP1's response decoder: it writes each
/// request as the one buffer `HTTP1Client.encode` made, in one flush, and counts the reply
/// bytes read, so the connection can tell a server that closed before answering at all from
/// one that closed mid-reply.
///
/// Request heads still travel down the pipeline, through the decoder, because the decoder
/// needs each request's method to frame its response (a reply to `HEAD` has no body whatever
/// its `Content-Length`); they stop here, their bytes being part of the encoded request.
final class HTTP1RequestWriter: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = HTTPClientRequestPart
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    /// Bytes read from the server since the connection opened.
    private(set) var bytesRead = 0

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        bytesRead += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // A head the decoder has seen; the request's bytes go out through `send`.
        promise?.succeed(())
    }

    /// Writes and flushes a whole encoded request.
    func send(_ request: ByteBuffer) {
        context?.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }
}
