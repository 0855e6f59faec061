import Foundation

/// What a run tells the factory beyond the target file.
public struct TargetOptions: Sendable {
    /// Conversations in flight at once: the size of the connection pool.
    public var concurrency: Int
    /// Where `${ENV_VAR}` references are read from.
    public var environment: [String: String]
    /// The clock back-off, rate limits, request deadlines and reply timeouts run on (a test
    /// clock in tests).
    public var clock: any WaitClock

    public init(
        concurrency: Int = 16, environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WaitClock = SystemWaitClock()
    ) {
        self.concurrency = concurrency
        self.environment = environment
        self.clock = clock
    }
}
