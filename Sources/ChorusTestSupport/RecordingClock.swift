import ChorusTargets
import Synchronization

/// A `WaitClock` for tests: every wait returns at once, advances the clock's time by its
/// length, and is recorded, so back-off and rate limits are checked without sleeping.
public final class RecordingClock: WaitClock {
    private let state = Mutex<(now: Duration, waits: [Duration])>((.zero, []))

    public init() {}

    public var now: Duration { state.withLock { $0.now } }

    /// The waits asked for so far, in order.
    public var waits: [Duration] { state.withLock { $0.waits } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.now += duration
            state.waits.append(duration)
        }
    }
}
