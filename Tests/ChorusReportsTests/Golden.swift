import ChorusTestSupport
import Foundation
import Testing

/// Compares rendered output with a golden file under `Fixtures/golden/`.
///
/// With `RECORD=1` in the environment the file is rewritten *and the test fails*, so a recording
/// run can never pass silently; run again without `RECORD` to check. On a mismatch the failure
/// shows the first differing lines, unified-diff style, with a little context.
enum Golden {
    static func check(
        _ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let path = Fixtures.path("Fixtures/golden/\(name)")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            do {
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
                Issue.record(
                    "Recorded \(path). Run again without RECORD=1 to check it.", sourceLocation: sourceLocation)
            } catch {
                Issue.record("Could not record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            Issue.record("Missing golden file \(path); record it with RECORD=1.", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return }
        let difference = Self.diff(expected: expected, actual: actual, path: path)
        Issue.record(
            "\(name) differs from its golden file (re-record with RECORD=1 if the change is intended):\n\(difference)",
            sourceLocation: sourceLocation)
    }

    /// The first differing region of two texts, unified-diff style: three lines of context, then
    /// up to twelve expected (`-`) and actual (`+`) lines from the first difference.
    static func diff(expected: String, actual: String, path: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var first = 0
        while first < old.count, first < new.count, old[first] == new[first] { first += 1 }
        // Trailing lines that agree are context, not part of the change.
        var oldEnd = old.count
        var newEnd = new.count
        while oldEnd > first, newEnd > first, old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        let start = max(0, first - 3)
        var lines = [
            "--- \(path)", "+++ rendered", "@@ -\(first + 1),\(oldEnd - first) +\(first + 1),\(newEnd - first) @@",
        ]
        lines += old[start..<first].map { " " + $0 }
        let limit = 12
        lines += old[first..<oldEnd].prefix(limit).map { "-" + $0 }
        if oldEnd - first > limit { lines.append("-… \(oldEnd - first - limit) more lines") }
        lines += new[first..<newEnd].prefix(limit).map { "+" + $0 }
        if newEnd - first > limit { lines.append("+… \(newEnd - first - limit) more lines") }
        return lines.joined(separator: "\n")
    }
}
