import ChorusReports
import Testing
import Foundation

@Test func zzPeek() throws {
    let s = SampleRecords.summary(of: SampleRecords.conversations)
    try JSONSummaryReporter().render(s).write(toFile: "/tmp/scoring-peek.json", atomically: true, encoding: .utf8)
    try TextSummaryReporter().render(s).write(toFile: "/tmp/scoring-peek.txt", atomically: true, encoding: .utf8)
    let o = SampleRecords.summary(of: [SampleRecords.opaque(index: 0, outcome: .abandoned)])
    try TextSummaryReporter().render(o).write(toFile: "/tmp/scoring-peek2.txt", atomically: true, encoding: .utf8)
}
