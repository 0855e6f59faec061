import ChorusReports
import ChorusScoring
import Foundation
import Testing

@Suite struct HTMLReporterTests {
    let reporter = HTMLReporter()

    @Test func hostileTextRendersAsText() {
        let html = reporter.render(ReportFixtures.hostileReport)
        // The template itself has no script and no image, so any occurrence would be injected.
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("\" onmouseover=\""))
        #expect(!html.contains("' onfocus='"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(2)"))
        #expect(html.contains("&#39; onfocus=&#39;x"))
        // Names and texts from every part of the report are escaped, not only the replies.
        for source in [
            "suite", "target", "run", "persona", "goal", "intent", "predicted", "user", "replay", "gate", "delta",
            "error", "expectation",
        ] {
            #expect(html.contains("alert(&#39;\(source)&#39;)"), "\(source) not shown escaped")
        }
        #expect(Self.count("<details", in: html) == Self.count("</details>", in: html))
    }

    @Test func selfContainedWithNoScriptAndNothingFetched() {
        let html = reporter.render(ReportFixtures.report)
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("url("))
        #expect(!html.contains("src="))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func showsEverySection() {
        let html = reporter.render(ReportFixtures.report)
        for id in [
            "outcomes", "rates", "baseline", "gate", "intents", "confusion", "latency", "failures", "fallbacks",
            "abandonment", "comparison",
        ] {
            #expect(html.contains("<section id=\"\(id)\">"), "missing section \(id)")
        }
        #expect(html.contains("<strong>✘ Gate failed</strong> — 2 of 3 rules"))
        #expect(html.contains("<span class=\"badge bad\">regression</span>"))
        #expect(
            html.contains(
                "<code>chorus replay Scenarios/acme --target Fixtures/targets/acme-v2.yaml --conversation 1</code>"))
        #expect(html.contains("<div class=\"sides\">"))
        // The confusion heat map colours the refund row by share: a third right, two thirds fallback.
        #expect(html.contains("title=\"refund → refund: 2 (33.3 %)\">2</td>"))
        #expect(
            html.contains(
                "background:rgba(198,40,40,0.64);color:#fff\" title=\"refund → nlu_fallback: 4 (66.7 %)\">4</td>"))
        let plain = reporter.render(ReportFixtures.plainReport)
        #expect(!plain.contains("<section id=\"baseline\">"))
        #expect(!plain.contains("<section id=\"comparison\">"))
        #expect(plain.contains("<strong>No gate</strong>"))
    }

    @Test func largeRunsAreCapped() {
        let html = reporter.render(MarkdownReporterTests.hugeReport(2_000))
        #expect(html.contains("… 1900 more intents"))
        #expect(html.contains("more clusters</p>"))
        #expect(html.contains("more flipped conversations</p>"))
        #expect(html.contains("… 1900 more rules"))
        #expect(html.utf8.count < 5_000_000)
    }

    /// With `CHORUS_HTML_SAMPLES=<folder>`, writes the hostile and the huge report there, to look
    /// at in a browser (`scripts/check-html <folder>/hostile.html`). Does nothing otherwise.
    @Test func writesSamplesWhenAsked() throws {
        guard let folder = ProcessInfo.processInfo.environment["CHORUS_HTML_SAMPLES"] else { return }
        try reporter.render(ReportFixtures.hostileReport).write(
            toFile: "\(folder)/hostile.html", atomically: true, encoding: .utf8)
        try reporter.render(MarkdownReporterTests.hugeReport(300)).write(
            toFile: "\(folder)/huge.html", atomically: true, encoding: .utf8)
        try MarkdownReporter().render(ReportFixtures.hostileReport).write(
            toFile: "\(folder)/hostile.md", atomically: true, encoding: .utf8)
        try MarkdownReporter().render(MarkdownReporterTests.hugeReport(5_000)).write(
            toFile: "\(folder)/huge.md", atomically: true, encoding: .utf8)
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
