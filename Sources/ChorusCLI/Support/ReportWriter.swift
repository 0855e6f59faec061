import ChorusReports
import ChorusScoring

/// Writes a run's report files into its output folder: `summary.json` always, and the
/// requested formats (`md`, `html`, `junit`; all by default).
enum ReportWriter {
    static let allFormats = ReporterRegistry.identifiers

    /// Checks `--format` values before anything runs.
    static func validate(_ formats: [String]) throws {
        for format in formats where !allFormats.contains(format) {
            throw CommandFailure.badInput(
                "unknown report format \"\(format)\" (known: \(allFormats.joined(separator: ", ")))")
        }
    }

    /// Writes the files and returns their paths.
    @discardableResult
    static func write(_ report: RunReport, to directory: String, formats: [String] = allFormats) throws -> [String] {
        try FileSystem.createDirectory(directory)
        var written: [String] = []
        for format in formats {
            guard let reporter = ReporterRegistry.reporter(for: format) else { continue }
            let path = "\(directory)/\(type(of: reporter).fileName)"
            try FileSystem.write(reporter.render(report), to: path)
            written.append(path)
        }
        return written
    }
}
