import ChorusRunner
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live progress line on a terminal: done/total, conversations per second, ETA, the running
/// completion and fallback rates, and the conversations that ended in a target error (count and
/// share) as they happen. It is fitted to the terminal's width on every redraw, so it never
/// wraps (a wrapped line cannot be redrawn in place). Nothing is drawn when standard error is not
/// a terminal (a pipe, a CI log) or with `--quiet`; `NO_COLOR` turns colour off.
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
        let body = Self.text(metrics.snapshot, label: label, elapsed: elapsed, width: Self.terminalWidth())
        let shown = colour ? "\u{1B}[2m\(body)\u{1B}[0m" : body
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + shown).utf8))
    }

    /// The line for `snapshot`, at most `width - 1` columns wide (a character in the last column
    /// makes some terminals wrap). When not everything fits, the least useful parts go first: the
    /// run's name, then the fallback and completion rates, the speed and the ETA; the progress
    /// and the errors stay.
    static func text(_ s: LiveMetrics.Snapshot, label: String, elapsed: Duration, width: Int) -> String {
        let seconds = max(elapsed / .seconds(1), 0.001)
        let done = s.conversations
        let rate = Double(done) / seconds
        let remaining = max(0, s.planned - done)
        let percent = s.planned > 0 ? Double(done) / Double(s.planned) * 100 : 100
        let share = { (part: Int, whole: Int) in whole > 0 ? Double(part) / Double(whole) * 100 : 0 }
        // In the order shown; `priority` 0 is kept longest.
        let fields: [(text: String, priority: Int)] = [
            ("\(done.formatted())/\(s.planned.formatted()) " + String(format: "%.1f%%", percent), 0),
            ("\(Int(rate).formatted()) conv/s", 3),
            ("ETA " + (rate > 0 ? clock(Double(remaining) / rate) : "--:--"), 2),
            (String(format: "completion %.1f%%", share(s.outcomes.completed, done)), 4),
            (String(format: "fallback %.1f%%", share(s.fallbackTurns, s.turns)), 5),
            ("errors \(s.outcomes.error.formatted())" + String(format: " (%.1f%%)", share(s.outcomes.error, done)), 1),
        ]
        let separator = "  "
        let limit = max(1, width - 1)
        var kept = Set<Int>()
        var used = 0
        for (index, field) in fields.enumerated().sorted(by: { $0.element.priority < $1.element.priority }) {
            let needed = columns(field.text) + (kept.isEmpty ? 0 : separator.count)
            guard used + needed <= limit else { continue }
            kept.insert(index)
            used += needed
        }
        var parts = fields.indices.filter(kept.contains).map { fields[$0].text }
        // The run's name in front, shortened if need be, where there is still room for it to say something.
        let room = limit - used - (parts.isEmpty ? 0 : separator.count)
        if !label.isEmpty, room >= min(12, columns(label)) { parts.insert(truncated(label, to: room), at: 0) }
        return truncated(parts.joined(separator: separator), to: limit)
    }

    /// `text` cut to at most `width` columns (as `columns` counts them), ending in "…" when cut.
    static func truncated(_ text: String, to width: Int) -> String {
        guard columns(text) > width else { return text }
        guard width >= columns("…") else { return "" }
        var out = ""
        var used = columns("…")
        for character in text {
            used += columns(String(character))
            if used > width { break }
            out.append(character)
        }
        return out + "…"
    }

    /// Terminal columns `text` takes, counted generously (every non-ASCII character as two, as
    /// wide East Asian characters are), so a fitted line is never wider than the terminal.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
    }

    /// The width of the terminal standard error is on: the kernel's window size, else
    /// `COLUMNS`, else 80. Read on every redraw, so resizing the window refits the line.
    static func terminalWidth() -> Int {
        var size = winsize()
        let asked = withUnsafeMutablePointer(to: &size) { ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), $0) }
        if asked == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        return 80
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600
            ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }
}
