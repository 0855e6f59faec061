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
            throw SpecError([Self.invalidUTF8(path: path, bytes: bytes)])
        }
        self.path = path
        self.text = text
        self.bytes = bytes
        // Split on "\n" only so line numbers agree with libyaml's (a "\r" stays at the line end).
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The diagnostic for text that is not UTF-8, at the first bad byte: its line, and its column
    /// counted in the scalars of the valid text before it (plus one).
    static func invalidUTF8(path: String, bytes: Data) -> Diagnostic {
        let bytes = [UInt8](bytes)
        var line = 1
        var lineStart = 0
        var index = 0
        var bad = bytes.count
        while index < bytes.count {
            let length = Self.sequenceLength(bytes, at: index)
            guard length > 0 else {
                bad = index
                break
            }
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        let before = String(decoding: bytes[lineStart..<bad], as: UTF8.self)
        let message = String(
            format: "file is not valid UTF-8 text (byte 0x%02X at offset %d)", bad < bytes.count ? bytes[bad] : 0, bad)
        return Diagnostic(file: path, line: line, column: before.unicodeScalars.count + 1, message: message)
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 when it is malformed.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        let (length, low, high): (Int, UInt8, UInt8) =
            switch first {
            case 0x00...0x7F: (1, 0x80, 0xBF)
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            default: (0, 0, 0)
            }
        guard length > 0, index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            // The second byte has the narrower range (no overlong forms, no surrogates).
            let (lower, upper) = offset == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard (lower...upper).contains(byte) else { return 0 }
        }
        return length
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
        return Diagnostic(
            file: path, line: mark.line, column: mark.column, message: message, sourceLine: line(mark.line))
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
