import ChorusModel
import ChorusScoring

/// The headline figures of a suite's stored runs, oldest first: the botmaster's morning view.
public struct HistoryReport: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var run: String
        public var target: String
        public var seed: UInt64
        public var startedAt: String
        public var summary: Summary
        /// The run's labels and git revision.
        public var labels: RunLabels

        public init(run: String, target: String, seed: UInt64, startedAt: String, summary: Summary, labels: RunLabels = RunLabels()) {
            self.labels = labels
            self.run = run
            self.target = target
            self.seed = seed
            self.startedAt = startedAt
            self.summary = summary
        }
    }

    /// One line of the history: its name, whether it is a rate (shown in %), and how to read it.
    public struct Series: Sendable {
        public var name: String
        public var isRate: Bool
        public var value: @Sendable (Summary) -> Double?
    }

    public var suite: String
    public var points: [Point]

    public init(suite: String, points: [Point]) {
        self.suite = suite
        self.points = points
    }

    public static let series: [Series] = [
        Series(name: "completion", isRate: true, value: { $0.metrics.completionRate?.value }),
        Series(name: "intent accuracy", isRate: true, value: { $0.metrics.intentAccuracy?.value }),
        Series(name: "fallback", isRate: true, value: { $0.metrics.fallbackRate?.value }),
        Series(name: "handoff", isRate: true, value: { $0.metrics.handoffRate?.value }),
        Series(name: "abandonment", isRate: true, value: { $0.metrics.abandonmentRate?.value }),
        Series(name: "error", isRate: true, value: { $0.metrics.errorRate?.value }),
        Series(name: "latency p95 (ms)", isRate: false, value: { $0.latencyMs?.p95 }),
    ]

    /// A plain-text table, one row per run.
    public func text() -> String {
        let labelled = points.contains { !$0.labels.isEmpty }
        var rows = [["run", "target", "n"] + Self.series.map(\.name) + (labelled ? ["labels"] : [])]
        for point in points {
            rows.append(
                [point.run, point.target, "\(point.summary.conversations)"]
                    + Self.series.map { series in
                        series.value(point.summary).map { Self.format($0, isRate: series.isRate) } ?? "n/a"
                    } + (labelled ? [point.labels.text] : []))
        }
        return TextTable(rows: rows, rightAligned: Set(2..<(3 + Self.series.count)), indent: "").render()
    }

    static func format(_ value: Double, isRate: Bool) -> String {
        isRate ? Figures.rate(value) : Figures.milliseconds(value)
    }

}
