import ChorusReports
import Testing

/// Each reporter's output for `ReportFixtures.report`, byte for byte (`RECORD=1` re-records).
@Suite struct GoldenFileTests {
    @Test func markdown() {
        Golden.check(MarkdownReporter().render(ReportFixtures.report), against: "report.md")
    }

    @Test func html() {
        Golden.check(HTMLReporter().render(ReportFixtures.report), against: "report.html")
    }

    @Test func junit() {
        Golden.check(JUnitReporter().render(ReportFixtures.report), against: "junit.xml")
    }

    @Test func diffShowsTheFirstDifferingLines() {
        let text = Golden.diff(expected: "a\nb\nc\nd\ne\n", actual: "a\nb\nc\nX\ne\n", path: "golden")
        #expect(text.contains("@@ -4,1 +4,1 @@"))
        #expect(text.contains("\n c\n-d\n+X"))
        #expect(!text.contains("-e"))
    }
}
