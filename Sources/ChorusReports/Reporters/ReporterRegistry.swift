/// Renders a whole `RunReport` (summary, diff, gate verdict, failure analysis, paired comparison)
/// as one output file's contents.
///
/// Like `Reporter`, rendering is pure: no file IO, no clock, no environment; the same report always
/// renders to the same bytes. Writing `fileName` under the run's folder happens in the caller.
public protocol RunReporter: Sendable {
    /// The name a user picks the reporter by (`json`, `md`, `html`, `junit`, `csv`).
    static var identifier: String { get }
    /// The extension of the file the output is written to, without the dot.
    static var fileExtension: String { get }
    /// The conventional file name of the output in a run's folder (`report.md`, `junit.xml`).
    static var fileName: String { get }
    /// The complete output for `report`.
    func render(_ report: RunReport) -> String
}

/// The run reporters by identifier, so the CLI can turn `--format md,html` into reporters.
public enum ReporterRegistry {
    /// Every run reporter type, in the order their identifiers are listed.
    public static let reporterTypes: [any RunReporter.Type] = [
        JSONSummaryReporter.self, MarkdownReporter.self, HTMLReporter.self, JUnitReporter.self,
        ConfusionCSVReporter.self,
    ]

    /// Every identifier, in a fixed order: `json`, `md`, `html`, `junit`, `csv`.
    public static var identifiers: [String] { reporterTypes.map { $0.identifier } }

    /// A reporter with default settings for `identifier`, or `nil` when none has that name.
    public static func reporter(for identifier: String) -> (any RunReporter)? {
        switch identifier {
        case JSONSummaryReporter.identifier: JSONSummaryReporter()
        case MarkdownReporter.identifier: MarkdownReporter()
        case HTMLReporter.identifier: HTMLReporter()
        case JUnitReporter.identifier: JUnitReporter()
        case ConfusionCSVReporter.identifier: ConfusionCSVReporter()
        default: nil
        }
    }
}
