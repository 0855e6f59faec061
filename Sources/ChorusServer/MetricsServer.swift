import Hummingbird
import ServiceLifecycle

/// Serves a running run's counts for Prometheus at `GET /metrics` (text exposition format).
public struct MetricsServer: Sendable {
    public let host: String
    public let port: Int
    private let text: @Sendable () -> String
    private let onStarted: @Sendable (Int) async -> Void

    /// `text` renders the current metrics; it is called once per scrape. `onStarted` gets the
    /// bound port once the server listens (port 0 picks a free one).
    public init(
        host: String = "127.0.0.1", port: Int, text: @escaping @Sendable () -> String,
        onStarted: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.text = text
        self.onStarted = onStarted
    }

    /// Serves until the task is cancelled.
    public func run() async throws {
        try await makeApplication().runService(gracefulShutdownSignals: [])
    }

    /// The server as a service of a `ServiceGroup` (`chorus watch`): it stops cleanly on the
    /// group's graceful shutdown.
    public var service: any Service { makeApplication() }

    private func makeApplication() -> some ApplicationProtocol {
        let router = Router()
        let text = text
        let onStarted = onStarted
        router.get("metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text())))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "chorus"),
            onServerRunning: { channel in await onStarted(channel.localAddress?.port ?? 0) })
    }
}
