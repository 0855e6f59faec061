import Prometheus

/// The Prometheus metrics of one watched suite and target, in swift-prometheus's registry and
/// served as text exposition on `--metrics-port` (`deploy/prometheus/chorus-rules.yaml` alerts
/// on them).
public final class WatchMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let up: Gauge
    private let completion: Gauge
    private let fallback: Gauge
    private let errors: Gauge
    private let latency: Gauge
    private let lastPass: Gauge
    private let alerting: Gauge
    private let ticks: [TickResult.Verdict: Counter]

    public init(suite: String, target: String) {
        let labels = [("suite", suite), ("target", target)]
        let registry = registry
        /// A gauge `chorus_watch_<name>_<unit>` labelled with the suite and target.
        func gauge(_ name: String, _ unit: String, _ help: String) -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "chorus", subsystem: "watch", metricName: name, unitName: unit, helpText: help),
                labels: labels)
        }
        up = gauge("up", "", "1 when the bot answered the last tick, else 0.")
        completion = gauge("completion", "rate", "Completion rate of the last tick's sample.")
        fallback = gauge("fallback", "rate", "Fallback rate (per user turn) of the last tick's sample.")
        errors = gauge("error", "rate", "Share of the last tick's conversations that ended in a target error.")
        latency = gauge("latency_p95", "seconds", "95th percentile of the bot's reply latency in the last tick.")
        lastPass = gauge(
            "last_pass_timestamp", "seconds", "Unix time at which the last passing tick ended (0: none yet).")
        alerting = gauge("alert", "failing", "1 while chorus watch's alert for the suite is failing.")
        var ticks: [TickResult.Verdict: Counter] = [:]
        for verdict in TickResult.Verdict.allCases {
            ticks[verdict] = registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "chorus", subsystem: "watch", metricName: "ticks", unitName: "total",
                    helpText: "Ticks played, by verdict (pass, fail, down)."),
                labels: labels + [("verdict", verdict.rawValue)])
        }
        self.ticks = ticks
    }

    /// Shows one tick's figures; `endedAt` is its end in Unix seconds.
    public func record(_ result: TickResult, endedAt: Double) {
        up.set(to: result.up ? 1.0 : 0.0)
        ticks[result.verdict]?.increment()
        if let value = result.completionRate { completion.set(to: value) }
        if let value = result.fallbackRate { fallback.set(to: value) }
        if let value = result.errorRate { errors.set(to: value) }
        if let value = result.latencyP95Ms { latency.set(to: value / 1000) }
        if result.verdict == .pass { lastPass.set(to: endedAt) }
    }

    /// Shows the alert state.
    public func show(_ state: AlertStateMachine.State) {
        alerting.set(to: state == .failing ? 1.0 : 0.0)
    }

    /// Shows the last passing tick's time of a resumed watch.
    public func showLastPass(_ unixSeconds: Double) {
        lastPass.set(to: unixSeconds)
    }

    /// The text exposition (Prometheus format 0.0.4).
    public func text() -> String {
        registry.emitToString()
    }
}
