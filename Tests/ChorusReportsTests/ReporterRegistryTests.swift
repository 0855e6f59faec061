import ChorusReports
import Testing

@Suite struct ReporterRegistryTests {
    @Test func identifiersExtensionsAndFileNames() {
        #expect(ReporterRegistry.identifiers == ["json", "md", "html", "junit", "csv"])
        #expect(MarkdownReporter.fileExtension == "md" && MarkdownReporter.fileName == "report.md")
        #expect(HTMLReporter.fileExtension == "html" && HTMLReporter.fileName == "report.html")
        #expect(JUnitReporter.fileExtension == "xml" && JUnitReporter.fileName == "junit.xml")
        #expect(ConfusionCSVReporter.fileExtension == "csv" && ConfusionCSVReporter.fileName == "confusion.csv")
    }

    @Test(arguments: ["md", "html", "junit", "csv"])
    func looksUpEveryIdentifier(_ identifier: String) throws {
        let reporter = try #require(ReporterRegistry.reporter(for: identifier))
        #expect(type(of: reporter).identifier == identifier)
        #expect(!reporter.render(ReportFixtures.report).isEmpty)
    }

    @Test func unknownIdentifierHasNoReporter() {
        #expect(ReporterRegistry.reporter(for: "pdf") == nil)
        #expect(ReporterRegistry.reporter(for: "MD") == nil)
    }

    @Test(arguments: ["md", "html", "junit", "csv"])
    func renderingIsDeterministic(_ identifier: String) throws {
        let reporter = try #require(ReporterRegistry.reporter(for: identifier))
        // Dictionaries iterate in a different order per process and per instance; output must not.
        var reordered = ReportFixtures.report
        reordered.summary.goals = Dictionary(uniqueKeysWithValues: reordered.summary.goals.reversed())
        reordered.summary.intents = Dictionary(uniqueKeysWithValues: reordered.summary.intents.reversed())
        #expect(reporter.render(ReportFixtures.report) == reporter.render(reordered))
    }
}
