/// The clock that retry back-off and the rate limit wait on. Injected so tests never sleep:
/// a test clock records the waits and returns at once (STYLE: "Inject a clock").
///
/// Timeouts are not measured with it: they are real time, as the target experiences them.
public protocol WaitClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    var now: Duration { get }
    /// Waits `duration`; throws when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct SystemWaitClock: WaitClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
