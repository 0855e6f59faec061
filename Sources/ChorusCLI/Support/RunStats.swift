import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How fast a run went and how much memory the process needed: the line a botmaster (and the
/// benchmark script) reads.
struct RunStats {
    var conversations: Int
    var turns: Int
    var elapsed: Duration

    /// Peak resident memory of this process so far, in bytes.
    static var peakResidentBytes: Int {
        var usage = rusage()
        #if canImport(Darwin)
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss)
        #else
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) * 1024
        #endif
    }

    var line: String {
        let seconds = max(elapsed / .seconds(1), 1e-9)
        return String(
            format:
                "stats: %d conversations, %d turns in %.2f s: %.0f conversations/s, %.0f turns/s, peak memory %.1f MB",
            conversations, turns, seconds, Double(conversations) / seconds, Double(turns) / seconds,
            Double(Self.peakResidentBytes) / 1_048_576)
    }
}
