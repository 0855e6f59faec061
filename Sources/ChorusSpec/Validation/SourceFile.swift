import Foundation
import Yams

/// The text of one input file, with the path as the user gave it, for composing and for quoting
/// source lines in diagnostics.
struct SourceFile: Sendable {
    /// The path as given (relative stays relative), used as the file name in diagnostics.
    let path: String
    let text: String
    let bytes: Data
    private let lines: [Substring]

    init(path: String, bytes: Data) throws(SpecError) {
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: "file is not valid UTF-8 text")])
        }
        self.path = path
        self.text = text
        self.bytes = bytes
        // Split on "\n" only so line numbers agree with libyaml's (a "\r" stays at the line end).
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Reads the file at `path`; a missing or unreadable file is a whole-file diagnostic.
    static func read(_ path: String) throws(SpecError) -> SourceFile {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            let message = exists ? "cannot read file" : "no such file"
            throw SpecError([Diagnostic(file: path, line: 0, column: 0, message: message)])
        }
        return try SourceFile(path: path, bytes: bytes)
    }

    /// The text of 1-based `line`, without its line break.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }

    /// A diagnostic at `mark` (or at the whole file when there is none).
    func diagnostic(at mark: Mark?, _ message: String) -> Diagnostic {
        guard let mark else { return Diagnostic(file: path, line: 0, column: 0, message: message) }
        return Diagnostic(file: path, line: mark.line, column: mark.column, message: message, sourceLine: line(mark.line))
    }

    /// A diagnostic pointing inside the scalar at `mark`: at the first occurrence of `needle` on
    /// the scalar's first line, so a bad `{placeholder}` is underlined where it is written.
    /// Falls back to the scalar's own position when the text is not on that line (folded or
    /// escaped strings).
    func diagnostic(at mark: Mark?, pointingAt needle: String, offset: Int = 0, _ message: String) -> Diagnostic {
        var diagnostic = diagnostic(at: mark, message)
        guard let mark, let source = line(mark.line), !needle.isEmpty else { return diagnostic }
        let scalars = Array(source.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        var start = max(0, mark.column - 1)
        while start + target.count <= scalars.count {
            if Array(scalars[start..<start + target.count]) == target {
                diagnostic.column = start + 1 + offset
                return diagnostic
            }
            start += 1
        }
        return diagnostic
    }
}
