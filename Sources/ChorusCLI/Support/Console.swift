import Foundation

/// Writes to the terminal. Library code never prints; commands go through here.
enum Console {
    static func out(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// How standard output is styled: coloured on a terminal, plain in a pipe or under `NO_COLOR`.
    static let style = TerminalStyle.forStandardOutput()
}
