import ChorusTargets
import NIOCore
import Synchronization

/// A `WaitClock` for tests: its time moves only when the test advances it, so a deadline passes
/// exactly when the test says and never because the machine was busy.
///
/// In `.manual` mode a sleep suspends until the test advances the clock to its deadline; in
/// `.skippingWaits` mode every sleep returns at once and moves the clock forward by its length
/// (back-off and rate-limit tests check the waits without waiting). Either way, calls scheduled
/// with `schedule(at:on:_:)` (request deadlines, idle timeouts) happen when the clock reaches
/// their deadline, and every sleep is recorded in `waits`.
///
/// Instead of sleeping and polling, a test awaits `pending(atLeast:)`: the moment that many
/// sleeps and scheduled calls are waiting on the clock.
public final class TestClock: WaitClock {
    public enum Mode: Sendable {
        /// Sleeps wait for the test to advance the clock.
        case manual
        /// Sleeps return at once, advancing the clock.
        case skippingWaits
    }

    private enum Waiter {
        case sleep(UnsafeContinuation<Void, any Error>)
        case call(any EventLoop, @Sendable () -> Void)
    }

    private struct Pending {
        var id: Int
        var deadline: Duration
        var waiter: Waiter
    }

    private struct State {
        var now = Duration.zero
        var waits: [Duration] = []
        var pending: [Pending] = []
        var nextID = 0
        /// Sleeps cancelled before they were registered.
        var cancelled: Set<Int> = []
        /// Tests waiting for a number of pending waits.
        var watchers: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    public let mode: Mode
    private let state = Mutex(State())

    public init(_ mode: Mode = .manual) {
        self.mode = mode
    }

    public var now: Duration { state.withLock { $0.now } }

    /// The sleeps asked for so far, in order.
    public var waits: [Duration] { state.withLock { $0.waits } }

    /// The deadlines of the sleeps and scheduled calls waiting on the clock, earliest first.
    public var pendingDeadlines: [Duration] { state.withLock { $0.pending.map(\.deadline).sorted() } }

    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now + duration)
    }

    public func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        if mode == .skippingWaits {
            let due = state.withLock { state in
                state.waits.append(max(.zero, deadline - state.now))
                return Self.move(&state, to: deadline)
            }
            Self.fire(due)
            return
        }
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                let (registered, watchers) = state.withLock { state -> (Bool?, [CheckedContinuation<Void, Never>]) in
                    if state.cancelled.remove(id) != nil { return (nil, []) }
                    if deadline <= state.now { return (false, []) }
                    state.waits.append(deadline - state.now)
                    state.pending.append(Pending(id: id, deadline: deadline, waiter: .sleep(continuation)))
                    return (true, Self.satisfied(&state))
                }
                switch registered {
                case nil: continuation.resume(throwing: CancellationError())
                case false?: continuation.resume()
                case true?: for watcher in watchers { watcher.resume() }
                }
            }
        } onCancel: {
            let removed = state.withLock { state -> Pending? in
                guard let index = state.pending.firstIndex(where: { $0.id == id }) else {
                    state.cancelled.insert(id)
                    return nil
                }
                return state.pending.remove(at: index)
            }
            if case .sleep(let continuation)? = removed?.waiter { continuation.resume(throwing: CancellationError()) }
        }
    }

    public func schedule(at deadline: Duration, on eventLoop: any EventLoop, _ action: @escaping @Sendable () -> Void)
        -> any WaitTimer
    {
        let (id, watchers) = state.withLock { state in
            defer { state.nextID += 1 }
            state.pending.append(Pending(id: state.nextID, deadline: deadline, waiter: .call(eventLoop, action)))
            return (state.nextID, Self.satisfied(&state))
        }
        for watcher in watchers { watcher.resume() }
        // A deadline already reached fires at once, as a real timer would.
        if deadline <= now { advance(by: .zero) }
        return Timer(clock: self, id: id)
    }

    /// Moves the clock forward by `duration`, waking the sleeps and making the calls whose
    /// deadlines it reaches, earliest first.
    public func advance(by duration: Duration) {
        let due = state.withLock { state in Self.move(&state, to: state.now + duration) }
        Self.fire(due)
    }

    /// Returns once at least `count` sleeps and scheduled calls wait on the clock.
    public func pending(atLeast count: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                if state.pending.count >= count { return true }
                state.watchers.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private struct Timer: WaitTimer {
        let clock: TestClock
        let id: Int

        func cancel() {
            clock.state.withLock { state in state.pending.removeAll { $0.id == id } }
        }
    }

    /// Sets the time (never backwards) and takes out the waits now due, earliest first.
    private static func move(_ state: inout State, to time: Duration) -> [Pending] {
        state.now = max(state.now, time)
        let now = state.now
        let due = state.pending.filter { $0.deadline <= now }.sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
        state.pending.removeAll { $0.deadline <= now }
        return due
    }

    private static func fire(_ due: [Pending]) {
        for entry in due {
            switch entry.waiter {
            case .sleep(let continuation): continuation.resume()
            case .call(let eventLoop, let action): eventLoop.execute(action)
            }
        }
    }

    /// Takes out the watchers whose count is now reached.
    private static func satisfied(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        let count = state.pending.count
        let ready = state.watchers.filter { $0.count <= count }.map(\.continuation)
        state.watchers.removeAll { $0.count <= count }
        return ready
    }
}
