import ChorusRunner
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C during a run: the first one stops the run cleanly (in-flight conversations finish and
/// are stored); a second one quits at once.
final class InterruptSignal {
    private let source: any DispatchSourceSignal

    init(stop: StopFlag) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if stop.isRaised { exit(130) }
            stop.raise(.interrupted)
            FileHandle.standardError.write(Data("\nstopping after the conversations in flight (Ctrl-C again to quit now)…\n".utf8))
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
