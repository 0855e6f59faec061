import NIOCore

/// The clock every wait and deadline of a run is measured on: retry back-off, the rate limit,
/// HTTP request deadlines and pooled connections' idle time, the process target's reply
/// timeout, the runner's open-loop schedule and the reply latency the driver measures.
///
/// Injected so tests never wait on wall time (STYLE: "Inject a clock"): a test clock moves only
/// when the test says so, so a timeout fires exactly when a test advances past it and never
/// because the machine was busy.
///
/// Times are durations since the clock's origin; every `SystemWaitClock` shares one origin, so
/// an instant taken from one is valid on another.
public protocol WaitClock: Sendable {
    /// Monotonic time since the clock's origin.
    var now: Duration { get }
    /// Waits until `deadline`; throws when the task is cancelled.
    func sleep(until deadline: Duration) async throws
    /// Calls `action` on `eventLoop` once `deadline` has come, unless the timer is cancelled first.
    func schedule(at deadline: Duration, on eventLoop: any EventLoop, _ action: @escaping @Sendable () -> Void)
        -> any WaitTimer
}

extension WaitClock {
    /// Waits `duration`; throws when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }
}

/// A pending call of `WaitClock.schedule`.
public protocol WaitTimer: Sendable {
    /// Stops the call if it has not happened yet.
    func cancel()
}

extension Scheduled: WaitTimer where T == Void {}

/// The real clock: `ContinuousClock` for reading and sleeping, the event loop's own timers for
/// scheduled calls (no thread hop: a request's deadline fires on its connection's loop).
public struct SystemWaitClock: WaitClock {
    /// One origin for every instance, so instants agree between the runner, the driver and the
    /// targets whichever instance each was given.
    private static let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - Self.origin }

    public func sleep(until deadline: Duration) async throws {
        try await Task.sleep(until: Self.origin + deadline, clock: .continuous)
    }

    public func schedule(at deadline: Duration, on eventLoop: any EventLoop, _ action: @escaping @Sendable () -> Void)
        -> any WaitTimer
    {
        eventLoop.scheduleTask(deadline: .now() + TimeAmount(deadline - now)) { action() }
    }
}
