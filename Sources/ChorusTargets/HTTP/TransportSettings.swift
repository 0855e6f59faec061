import ChorusSpec

/// How a network target behaves under load and faults: the per-turn timeout, the retries, the
/// rate limit and the connection pool. Shared by every HTTP kind.
public struct TransportSettings: Sendable, Equatable {
    /// How long one turn may take, retries and back-off included.
    public var timeout: Duration
    /// Retries of a request where that is safe (connection refused, 429, 503).
    public var retries: Int
    /// Requests per second, shared by all conversations; nil for no limit.
    public var rateLimit: Double?
    /// Connections kept per host: the run's concurrency.
    public var connections: Int
    /// The first back-off wait; each retry doubles it (with jitter).
    public var backoff: Duration
    /// How long a kept-alive connection may wait in the pool; it is closed after that.
    public var idleTimeout: Duration

    /// Below the 5 s after which Rasa's server (Sanic), uvicorn and Node.js close an idle
    /// keep-alive connection, so the client closes first instead of racing the server's close.
    public static let defaultIdleTimeout = Duration.seconds(4)

    public init(
        timeout: Duration = .seconds(TargetConfig.defaultTimeout), retries: Int = TargetConfig.defaultRetries,
        rateLimit: Double? = nil, connections: Int = 16, backoff: Duration = .milliseconds(200),
        idleTimeout: Duration = defaultIdleTimeout
    ) {
        self.timeout = timeout
        self.retries = retries
        self.rateLimit = rateLimit
        self.connections = connections
        self.backoff = backoff
        self.idleTimeout = idleTimeout
    }

    /// The settings a target file gives, with the run's concurrency.
    public init(config: TargetConfig, concurrency: Int) {
        self.init(
            timeout: .milliseconds(Int64(((config.timeout ?? TargetConfig.defaultTimeout) * 1000).rounded())),
            retries: config.retries ?? TargetConfig.defaultRetries, rateLimit: config.rateLimit,
            connections: max(1, concurrency))
    }
}
