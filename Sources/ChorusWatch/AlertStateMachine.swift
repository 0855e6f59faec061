/// The alert state of one watched suite: `ok` → `failing` once `failingAfter` ticks in a row
/// failed or found the bot down → `recovered` at the first passing tick → `ok` at the next one.
/// One notification when it starts failing, one when it recovers; never one per tick.
public struct AlertStateMachine: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case ok, failing, recovered
    }

    /// What a tick changed that on-call people are told.
    public enum Event: String, Sendable, Equatable {
        case failing, recovered
    }

    public private(set) var state: State
    /// Failing (or down) ticks in a row.
    public private(set) var consecutiveFailures: Int
    /// How many failing ticks in a row make an alert (at least 1).
    public let failingAfter: Int

    public init(failingAfter: Int, state: State = .ok, consecutiveFailures: Int = 0) {
        self.failingAfter = max(1, failingAfter)
        self.state = state
        self.consecutiveFailures = consecutiveFailures
    }

    /// Takes one tick's verdict; returns the event to notify, if the state changed into
    /// `failing` or `recovered`.
    public mutating func record(_ verdict: TickResult.Verdict) -> Event? {
        switch verdict {
        case .pass:
            consecutiveFailures = 0
            switch state {
            case .failing:
                state = .recovered
                return .recovered
            case .recovered, .ok:
                state = .ok
                return nil
            }
        case .fail, .down:
            consecutiveFailures += 1
            guard state != .failing, consecutiveFailures >= failingAfter else { return nil }
            state = .failing
            return .failing
        }
    }
}
