import ChorusRunner
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM during a run: the first one stops the run cleanly (in-flight
/// conversations finish and are stored, the run is marked interrupted, its reports are written
/// and the resume command printed); a second one quits at once, with 130 or 143.
///
/// Kubernetes stops a pod with SIGTERM and kills it after a grace period, so SIGTERM gets the
/// same drain as Ctrl-C. A dispatch signal source is enough here: the run is one task tree that
/// already stops on a `StopFlag`, so swift-service-lifecycle's `ServiceGroup` (which installs the
/// same kind of source) would add a service wrapper and a dependency without adding behaviour.
final class InterruptSignal {
    private let sources: [any DispatchSourceSignal]

    init(stop: StopFlag) {
        // A parent may hand down a signal mask that blocks them (Foundation's `Process` does):
        // blocked in every thread, they would never reach the handlers. Unblocked here, they are
        // delivered to this thread at least.
        var wanted = sigset_t()
        sigemptyset(&wanted)
        sigaddset(&wanted, SIGINT)
        sigaddset(&wanted, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &wanted, nil)
        sources = [(SIGINT, StopFlag.Reason.interrupted, "Ctrl-C"), (SIGTERM, .terminated, "SIGTERM")].map {
            number, reason, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if stop.isRaised { exit(128 + number) }
                stop.raise(reason)
                FileHandle.standardError.write(
                    Data("\n\(name): stopping after the conversations in flight (again to quit now)…\n".utf8))
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
