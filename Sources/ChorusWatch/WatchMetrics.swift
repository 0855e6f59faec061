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
        up = registry.makeGauge(name: "chorus_watch_up", labels: labels, help: "1 when the bot answered the last tick, else 0.")
        completion = registry.makeGauge(
            name: "chorus_watch_completion_rate", labels: labels, help: "Completion rate of the last tick's sample.")
        fallback = registry.makeGauge(
            name: "chorus_watch_fallback_rate", labels: labels, help: "Fallback rate (per user turn) of the last tick's sample.")
        errors = registry.makeGauge(
            name: "chorus_watch_error_rate", labels: labels, help: "Share of the last tick's conversations that ended in a target error.")
        latency = registry.makeGauge(
            name: "chorus_watch_latency_p95_seconds", labels: labels, help: "95th percentile of the bot's reply latency in the last tick.")
        lastPass = registry.makeGauge(
            name: "chorus_watch_last_pass_timestamp_seconds", labels: labels,
            help: "Unix time at which the last passing tick ended (0: none yet).")
        alerting = registry.makeGauge(
            name: "chorus_watch_alert_failing", labels: labels, help: "1 while chorus watch's alert for the suite is failing.")
        var ticks: [TickResult.Verdict: Counter] = [:]
        for verdict in TickResult.Verdict.allCases {
            ticks[verdict] = registry.makeCounter(
                name: "chorus_watch_ticks_total", labels: labels + [("verdict", verdict.rawValue)],
                help: "Ticks played, by verdict (pass, fail, down).")
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
