import Foundation

/// The bytes of a labelled data file, with what diagnostics need: the path as shown and the
/// line and column of a byte offset (computed only when something is wrong).
struct DataFile {
    let path: String
    let bytes: [UInt8]

    /// Reads `path`; a missing or unreadable file, or one that is not UTF-8, is a diagnostic.
    /// A UTF-8 byte order mark (as spreadsheet exports write) is skipped.
    static func read(_ path: String) throws(SpecError) -> DataFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw SpecError([
                Diagnostic(
                    file: path, line: 0, column: 0, message: exists ? "cannot read data file" : "no such data file")
            ])
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw SpecError([SourceFile.invalidUTF8(path: path, bytes: Data(bytes))])
        }
        return DataFile(path: path, bytes: bytes)
    }

    /// A diagnostic at byte `offset`: 1-based line, column counted in Unicode scalars.
    func diagnostic(atByte offset: Int, _ message: String) -> Diagnostic {
        let offset = min(max(0, offset), bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var text = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        return Diagnostic(file: path, line: line, column: column, message: message, sourceLine: text)
    }
}
