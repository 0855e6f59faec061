import Synchronization

/// A token bucket shared by all conversations of a target: at most `rate` requests per second,
/// with a burst of one. Each caller reserves the next free slot under a lock and waits for it
/// outside, so waiting callers are served in arrival order and never hold the lock.
public final class RateLimiter: Sendable {
    public let rate: Double
    private let clock: any WaitClock
    /// When the next request may go, on `clock`.
    private let nextSlot: Mutex<Duration?> = Mutex(nil)

    public init(rate: Double, clock: any WaitClock) {
        self.rate = rate
        self.clock = clock
    }

    /// Waits until the caller may send one request.
    public func acquire() async throws {
        let interval = Duration.seconds(1 / rate)
        let now = clock.now
        let wait: Duration = nextSlot.withLock { next in
            let slot = max(next ?? now, now)
            next = slot + interval
            return slot - now
        }
        if wait > .zero { try await clock.sleep(for: wait) }
    }
}
