import ChorusServer
import ServiceLifecycle

/// Serves the watch's metrics at `GET /metrics` (through `MetricsServer`, on Hummingbird) until
/// the service group shuts down.
public struct MetricsService: Service {
    public let server: MetricsServer

    public init(server: MetricsServer) {
        self.server = server
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [server] in
                try await server.run()
            }
        } catch is CancellationError {
            // Stopped with the watch: not a failure.
        }
    }
}
