import ChorusModel
import ChorusScoring
import Foundation

/// A suite's accepted reference result, `Reports/baselines/<suite>.json`: the summary (figures
/// and the counts behind them, keyed by metric, intent, goal and persona) and the known failure
/// clusters. Users commit it like a snapshot; never keyed by run ids or absolute paths.
public struct Baseline: Sendable, Equatable, Codable {
    public static let currentSchema = "chorus.baseline/1"

    public var schema: String
    public var suite: String
    /// The hash of the suite's files when the baseline was accepted (a changed suite is reported).
    public var suiteHash: String
    public var summary: Summary
    /// Keys of the failure clusters the baseline run had (see `FailureSignature.key`).
    public var failureClusters: [String]
    /// The accepted run's labels and git revision (absent in baselines accepted before they were kept).
    public var labels: RunLabels?

    public init(suite: String, suiteHash: String, summary: Summary, failureClusters: [String], labels: RunLabels? = nil)
    {
        schema = Self.currentSchema
        self.labels = labels
        self.suite = suite
        self.suiteHash = suiteHash
        self.summary = summary
        self.failureClusters = failureClusters.sorted()
    }

    enum CodingKeys: String, CodingKey {
        case schema, suite
        case suiteHash = "suite_hash"
        case summary
        case failureClusters = "failure_clusters"
        case labels
    }

    /// The conventional path of a suite's baseline.
    public static func path(forSuite suite: String, in directory: String = "Reports/baselines") -> String {
        "\(directory)/\(suite).json"
    }

    /// The file's text: pretty, sorted keys, so a re-accepted baseline diffs cleanly in git.
    public func encoded() -> String {
        JSONOutput.render(self) ?? ""
    }

    /// Reads a baseline file; the error says what is wrong with it.
    public static func load(path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError("cannot read baseline \(path)")
        }
        let baseline: Baseline
        do {
            baseline = try JSONDecoder().decode(Baseline.self, from: data)
        } catch {
            throw BaselineError("\(path) is not a Chorus baseline: \(error)")
        }
        guard baseline.schema == currentSchema else {
            throw BaselineError("\(path) has schema \(baseline.schema); this Chorus reads \(currentSchema)")
        }
        return baseline
    }
}

/// A baseline file that cannot be used.
public struct BaselineError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
