import ChorusRunner
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live progress line on a terminal: done/total, conversations per second, ETA, and the
/// running completion and fallback rates. Nothing is drawn when standard error is not a
/// terminal (a pipe, a CI log) or with `--quiet`; `NO_COLOR` turns colour off.
struct ProgressLine: Sendable {
    let metrics: LiveMetrics
    let label: String
    let colour: Bool

    /// A progress line, or `nil` when it should not be drawn.
    static func make(metrics: LiveMetrics, label: String, quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        let environment = ProcessInfo.processInfo.environment
        let colour = environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        return ProgressLine(metrics: metrics, label: label, colour: colour)
    }

    /// Redraws the line twice a second until the task is cancelled, then clears it.
    func run() async {
        let clock = ContinuousClock()
        let start = clock.now
        while !Task.isCancelled {
            draw(elapsed: clock.now - start)
            try? await Task.sleep(for: .milliseconds(500))
        }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    func draw(elapsed: Duration) {
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text(elapsed: elapsed)).utf8))
    }

    func text(elapsed: Duration) -> String {
        let s = metrics.snapshot
        let seconds = max(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, 0.001)
        let done = s.conversations
        let rate = Double(done) / seconds
        let remaining = max(0, s.planned - done)
        let eta = rate > 0 ? Self.clock(Double(remaining) / rate) : "--:--"
        let percent = s.planned > 0 ? Double(done) / Double(s.planned) * 100 : 100
        let completion = done > 0 ? Double(s.outcomes.completed) / Double(done) * 100 : 0
        let fallback = s.turns > 0 ? Double(s.fallbackTurns) / Double(s.turns) * 100 : 0
        let counts = "\(done.formatted())/\(s.planned.formatted())"
        let body = String(
            format: "%@ %@ %5.1f%%  %@ conv/s  ETA %@  completion %.1f%%  fallback %.1f%%", label, counts, percent,
            Int(rate).formatted(), eta, completion, fallback)
        return colour ? "\u{1B}[2m\(body)\u{1B}[0m" : body
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
