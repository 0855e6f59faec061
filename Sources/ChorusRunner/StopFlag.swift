import Synchronization

/// Asks a run to stop starting conversations (Ctrl-C, or too many errors); the ones in flight
/// finish and are stored, so the run can be resumed where it stopped.
public final class StopFlag: Sendable {
    /// Why a run stopped early.
    public enum Reason: Sendable, Equatable {
        /// The user pressed Ctrl-C.
        case interrupted
        /// The process was asked to stop (SIGTERM, as Kubernetes stops a pod).
        case terminated
        /// Too many conversations ended in a target error; the text gives the numbers.
        case targetErrors(String)
    }

    private let raised = Atomic<Bool>(false)
    private let reason = Mutex<Reason?>(nil)

    public init() {}

    public var isRaised: Bool { raised.load(ordering: .relaxed) }
    public var why: Reason? { reason.withLock { $0 } }

    /// Raises the flag; the first reason given is kept.
    public func raise(_ why: Reason) {
        reason.withLock { if $0 == nil { $0 = why } }
        raised.store(true, ordering: .relaxed)
    }
}
