import Synchronization

/// A count of events (requests served, connections closed, conversations finished) that a test
/// can await reaching a value, instead of sleeping and polling.
public final class EventCount: Sendable {
    private struct State {
        var value = 0
        var waiters: [(target: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var value: Int { state.withLock { $0.value } }

    /// Counts `count` more events, waking the waiters whose target is reached; returns the new
    /// count.
    @discardableResult
    public func add(_ count: Int = 1) -> Int {
        let (value, ready) = state.withLock { state in
            state.value += count
            let value = state.value
            defer { state.waiters.removeAll { $0.target <= value } }
            return (value, state.waiters.filter { $0.target <= value }.map(\.continuation))
        }
        for continuation in ready { continuation.resume() }
        return value
    }

    /// Returns once the count is at least `target`.
    public func reached(_ target: Int) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state in
                guard state.value < target else { return true }
                state.waiters.append((target, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}
