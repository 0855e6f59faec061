import NIOCore
import Synchronization

/// A server that accepts connections, reads the start of a request and closes the connection
/// without answering — a bot that crashes mid-request. It counts the requests it dropped.
public final class DroppingServer: Sendable {
    private let dropped = Mutex(0)

    public init() {}

    /// Requests that reached the server and were dropped.
    public var count: Int { dropped.withLock { $0 } }

    /// Serves on a free loopback port for the length of `body`.
    public func run<T: Sendable>(_ body: @Sendable (Int) async throws -> T) async throws -> T {
        try await LoopbackServer.run(handler: { Dropper(server: self) }, body)
    }

    fileprivate func noteDrop() { dropped.withLock { $0 += 1 } }

    private final class Dropper: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let server: DroppingServer
        var seen = false

        init(server: DroppingServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !seen else { return }
            seen = true
            server.noteDrop()
            context.close(promise: nil)
        }
    }
}
