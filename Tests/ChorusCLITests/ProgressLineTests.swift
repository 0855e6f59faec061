import ChorusModel
import ChorusRunner
import ChorusTestSupport
import Foundation
import Testing

@testable import ChorusCLI

/// The live progress line: it fits the terminal's width (so it never wraps) and shows the
/// conversations that ended in a target error as they happen.
@Suite struct ProgressLineTests {
    /// A run of 30,000 planned conversations, 1,234 done: 700 completed, 34 errors.
    static func metrics() -> LiveMetrics {
        let metrics = LiveMetrics(planned: 30_000)
        for index in 0..<1_234 {
            let outcome: Outcome = index < 700 ? .completed : index < 734 ? .error : .abandoned
            let turn = TurnRecord(user: "hi", fallback: index % 10 == 0, error: outcome == .error ? .connection : nil)
            metrics.record(ConversationRecord(index: index, persona: "p", goal: "g", outcome: outcome, turns: [turn]))
        }
        return metrics
    }

    static let label = "customer-service-20260101-120000-0a1b2c3d"

    @Test func aWideTerminalShowsEverythingAndTheErrors() {
        let line = ProgressLine.text(Self.metrics().snapshot, label: Self.label, elapsed: .seconds(2), width: 200)
        #expect(line.hasPrefix(Self.label + "  1,234/30,000 4.1%"))
        #expect(line.contains("617 conv/s"))
        #expect(line.contains("completion 56.7%"))
        #expect(line.contains("errors 34 (2.8%)"))
    }

    @Test(
        "the line never reaches the terminal's last column",
        arguments: [1, 2, 5, 10, 20, 30, 40, 60, 80, 100, 120, 200])
    func theLineFitsTheWidth(width: Int) {
        let snapshot = Self.metrics().snapshot
        for label in [Self.label, "客服-20260101-120000-0a1b2c3d", ""] {
            let line = ProgressLine.text(snapshot, label: label, elapsed: .seconds(2), width: width)
            #expect(ProgressLine.columns(line) <= max(0, width - 1), "\(width) columns: \(line)")
        }
    }

    /// Narrower terminals drop the least useful parts first, whole; progress and errors stay.
    @Test func aNarrowTerminalKeepsTheProgressAndTheErrors() {
        let snapshot = Self.metrics().snapshot
        let narrow = ProgressLine.text(snapshot, label: Self.label, elapsed: .seconds(2), width: 40)
        #expect(narrow == "1,234/30,000 4.1%  errors 34 (2.8%)")
        let medium = ProgressLine.text(snapshot, label: Self.label, elapsed: .seconds(2), width: 60)
        #expect(medium == "1,234/30,000 4.1%  617 conv/s  ETA 0:47  errors 34 (2.8%)")
        // The run's name is shortened, not dropped, where a good part of it fits.
        let wide = ProgressLine.text(snapshot, label: Self.label, elapsed: .seconds(2), width: 120)
        #expect(wide.hasPrefix("customer-service-"))
        #expect(wide.contains("…  1,234/30,000"))
        #expect(ProgressLine.columns(wide) == 119)
    }

    /// `chorus run` on a 50-column pseudo-terminal: every redraw of the line fits in 49 columns.
    @Test func onANarrowTerminalNoRedrawWraps() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-progress-width")
        let arguments = [
            "run", CLI.suite, "--target", CLI.v1, "--conversations", "10000", "--db", "\(directory)/c.sqlite", "--out",
            "\(directory)/out", "--format", "json",
        ]
        let (status, screen) = try await CLI.onTerminal(arguments, columns: 50, in: directory)
        #expect(status == 0)
        // Each redraw is "\r", "erase line", then the line.
        let redraws = screen.components(separatedBy: "\r\u{1B}[2K").dropFirst()
            .map { $0.prefix { $0 != "\r" && $0 != "\n" && $0 != "\u{1B}" } }
            .filter { $0.contains("/10,000") }
        #expect(!redraws.isEmpty, "the line was drawn")
        for line in redraws {
            #expect(ProgressLine.columns(String(line)) <= 49, "\(line)")
            #expect(line.contains("errors 0 (0.0%)"))
        }
    }
}
