import ChorusScoring

/// Writes `confusion.csv`: the run's whole confusion matrix, for a spreadsheet or a script
/// (the HTML heat map shows at most `HTMLReporter.maxConfusionLabels` intents).
///
/// The matrix is square over every label that was expected or predicted, sorted by name (as
/// scikit-learn's `confusion_matrix(y_true, y_pred, labels=sorted(set(y_true) | set(y_pred)))`):
/// the header row is `expected\predicted` and the labels; each following row is one expected
/// label and its counts, 0 where no turn went so. Labels are CSV-quoted when they need it. A run
/// without intent metrics writes the header cell alone.
public struct ConfusionCSVReporter: RunReporter {
    public static let identifier = "csv"
    public static let fileExtension = "csv"
    public static let fileName = "confusion.csv"

    public init() {}

    public func render(_ report: RunReport) -> String {
        render(report.summary.confusion)
    }

    /// The CSV of a confusion matrix `[expected: [predicted: count]]`.
    public func render(_ confusion: [String: [String: Int]]) -> String {
        var labels = Set(confusion.keys)
        for row in confusion.values { labels.formUnion(row.keys) }
        let ordered = labels.sorted()
        var csv = (["expected\\predicted"] + ordered.map(Escaping.csv)).joined(separator: ",") + "\n"
        for expected in ordered {
            let row = confusion[expected] ?? [:]
            csv += ([Escaping.csv(expected)] + ordered.map { String(row[$0] ?? 0) }).joined(separator: ",") + "\n"
        }
        return csv
    }
}
