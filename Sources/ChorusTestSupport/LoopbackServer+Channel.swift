import NIOCore
import NIOPosix

extension LoopbackServer {
    /// Serves raw TCP on a free loopback port for the length of `body`: every connection it
    /// accepts gets the channel handler `handler` makes for it (on that connection's event loop),
    /// for servers that must misbehave below HTTP (drop, reset, stall, split replies).
    public static func run<T: Sendable>(
        handler: @escaping @Sendable () -> any ChannelHandler, _ body: @Sendable (Int) async throws -> T
    ) async throws -> T {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(handler()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        do {
            let result = try await body(port)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}
