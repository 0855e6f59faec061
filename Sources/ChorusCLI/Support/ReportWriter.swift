import ChorusReports
import ChorusScoring

/// Writes a run's report files into its output folder: `summary.json` always, and the
/// requested formats (`md`, `html`, `junit`; all by default).
enum ReportWriter {
    static let allFormats = ["json"] + ReporterRegistry.identifiers

    /// Checks `--format` values before anything runs.
    static func validate(_ formats: [String]) throws {
        for format in formats where !allFormats.contains(format) {
            throw CommandFailure.badInput("unknown report format \"\(format)\" (known: \(allFormats.joined(separator: ", ")))")
        }
    }

    /// Writes the files and returns their paths.
    @discardableResult
    static func write(_ report: RunReport, to directory: String, formats: [String] = allFormats) throws -> [String] {
        try FileSystem.createDirectory(directory)
        var written: [String] = []
        for format in formats {
            let (name, text): (String, String)
            if format == "json" {
                (name, text) = ("summary.json", SummaryJSON.render(report))
            } else if let reporter = ReporterRegistry.reporter(for: format) {
                (name, text) = (type(of: reporter).fileName, reporter.render(report))
            } else {
                continue
            }
            let path = "\(directory)/\(name)"
            try FileSystem.write(text, to: path)
            written.append(path)
        }
        return written
    }
}

/// `summary.json`: the run's summary, with the diff against the baseline and the gate's verdict.
enum SummaryJSON {
    static func render(_ report: RunReport) -> String {
        JSONSummaryReporter().render(report)
    }
}
