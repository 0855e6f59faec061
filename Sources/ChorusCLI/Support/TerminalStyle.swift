import Foundation

/// Colour for what a person scans for first — PASS, FAIL, a regression — on a terminal only:
/// never in a pipe or a file (CI logs, `--format json`), never under `NO_COLOR` (no-color.org:
/// set to anything but the empty string), never on a `dumb` terminal.
struct TerminalStyle: Sendable, Equatable {
    /// Whether escape sequences are written at all.
    var colour: Bool

    /// The style of standard output for this process's environment.
    static func forStandardOutput() -> TerminalStyle {
        TerminalStyle(
            colour: Self.wantsColour(
                isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment))
    }

    /// Colour when the output is a terminal, `NO_COLOR` is unset or empty, and `TERM` is not `dumb`.
    static func wantsColour(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    func green(_ text: String) -> String { paint(text, "32") }
    func red(_ text: String) -> String { paint(text, "31") }
    func bold(_ text: String) -> String { paint(text, "1") }

    /// `PASS` in bold green or `FAIL` in bold red.
    func verdict(_ passed: Bool) -> String {
        passed ? paint("PASS", "1;32") : paint("FAIL", "1;31")
    }

    /// `✓` green or `✗` red.
    func mark(_ passed: Bool) -> String {
        passed ? green("✓") : red("✗")
    }

    private func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
