import ChorusModel
import ChorusScoring
import ChorusStore

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

        public init(
            run: String, target: String, seed: UInt64, startedAt: String, summary: Summary,
            labels: RunLabels = RunLabels()
        ) {
            self.labels = labels
            self.run = run
            self.target = target
            self.seed = seed
            self.startedAt = startedAt
            self.summary = summary
        }
    }

    /// One figure of the history: its name, the gate metric it is (for its bounds), whether it
    /// is a rate (shown in %), and how to read it — with its 95% interval, for rates — from a
    /// run's headline. `chorus history` and the dashboard's trends draw the same figures.
    public struct Series: Sendable {
        public var name: String
        public var metric: String
        public var isRate: Bool
        public var figure: @Sendable (RunHeadline) -> (value: Double, low: Double?, high: Double?)?

        /// The figure's value alone.
        public func value(_ headline: RunHeadline) -> Double? { figure(headline)?.value }
    }

    public var suite: String
    public var points: [Point]

    public init(suite: String, points: [Point]) {
        self.suite = suite
        self.points = points
    }

    public static let series: [Series] =
        [
            ("completion", "completion_rate"), ("intent accuracy", "intent_accuracy"), ("fallback", "fallback_rate"),
            ("handoff", "handoff_rate"), ("abandonment", "abandonment_rate"), ("error", "error_rate"),
        ].map { name, metric in
            Series(name: name, metric: metric, isRate: true) { headline in
                headline.rates[metric].map { ($0.value, $0.low, $0.high) }
            }
        } + [
            Series(name: "latency p95 (ms)", metric: "latency_p95_ms", isRate: false) { headline in
                headline.latencyMs.map { ($0.p95, nil, nil) }
            }
        ]

    /// A plain-text table, one row per run.
    public func text() -> String {
        let labelled = points.contains { !$0.labels.isEmpty }
        var rows = [["run", "target", "n"] + Self.series.map(\.name) + (labelled ? ["labels"] : [])]
        for point in points {
            rows.append(
                [point.run, point.target, "\(point.summary.conversations)"]
                    + Self.series.map { series in
                        series.value(RunHeadline(point.summary)).map { Self.format($0, isRate: series.isRate) } ?? "n/a"
                    } + (labelled ? [point.labels.text] : []))
        }
        return TextTable(rows: rows, rightAligned: Set(2..<(3 + Self.series.count)), indent: "").render()
    }

    static func format(_ value: Double, isRate: Bool) -> String {
        isRate ? Figures.rate(value) : Figures.milliseconds(value)
    }

}
