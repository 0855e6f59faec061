import Foundation

/// One message to on-call people: the suite started failing, or recovered; with the reason and
/// the run to look at.
public struct AlertNotification: Sendable, Equatable, Codable {
    public var event: String
    public var suite: String
    public var target: String
    /// Why it fails (for a recovery: why it was failing).
    public var reason: String
    /// The tick's run (`chorus show <run>`); nil when the bot was down and nothing ran.
    public var run: String?
    /// When the alert started failing (ISO 8601).
    public var startsAt: String
    /// When it recovered (ISO 8601); nil while it fails.
    public var endsAt: String?
    /// Where the runbook is.
    public var runbook: String

    public init(
        event: AlertStateMachine.Event, suite: String, target: String, reason: String, run: String?, startsAt: String,
        endsAt: String?, runbook: String = AlertNotification.defaultRunbook
    ) {
        self.event = event.rawValue
        self.suite = suite
        self.target = target
        self.reason = reason
        self.run = run
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.runbook = runbook
    }

    public static let defaultRunbook = "README.md#watching-a-live-bot"

    /// The alert's name, as in `deploy/prometheus/chorus-rules.yaml`.
    public static let alertName = "ChorusWatchFailing"

    /// The body of the webhook request in `format`.
    public func body(_ format: WebhookFormat) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch format {
        case .json:
            data = (try? encoder.encode(self)) ?? Data()
        case .alertmanager:
            data = (try? encoder.encode(AlertmanagerMessage(self))) ?? Data()
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// How the webhook body is shaped.
public enum WebhookFormat: String, Sendable, CaseIterable {
    /// Alertmanager's webhook payload (version 4), so receivers built for Alertmanager take it.
    case alertmanager
    /// The notification as one flat JSON object.
    case json
}

/// Alertmanager's webhook message (`version: "4"`): a group of one alert.
struct AlertmanagerMessage: Encodable {
    struct Alert: Encodable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: String
        var endsAt: String
        var generatorURL: String
        var fingerprint: String
    }

    var version = "4"
    var groupKey: String
    var truncatedAlerts = 0
    var status: String
    var receiver = "chorus-watch"
    var groupLabels: [String: String]
    var commonLabels: [String: String]
    var commonAnnotations: [String: String]
    var externalURL = ""
    var alerts: [Alert]

    init(_ notification: AlertNotification) {
        let status = notification.event == AlertStateMachine.Event.failing.rawValue ? "firing" : "resolved"
        let labels = [
            "alertname": AlertNotification.alertName, "suite": notification.suite, "target": notification.target,
            "severity": "page",
        ]
        var annotations = [
            "summary":
                "chorus watch: suite \(notification.suite) against \(notification.target) is \(notification.event)",
            "description": notification.reason, "runbook_url": notification.runbook,
        ]
        if let run = notification.run { annotations["run"] = run }
        self.status = status
        groupKey = "{}:{alertname=\"\(AlertNotification.alertName)\", suite=\"\(notification.suite)\"}"
        groupLabels = ["alertname": AlertNotification.alertName, "suite": notification.suite]
        commonLabels = labels
        commonAnnotations = annotations
        alerts = [
            Alert(
                status: status, labels: labels, annotations: annotations, startsAt: notification.startsAt,
                // Alertmanager's "not ended" time.
                endsAt: notification.endsAt ?? "0001-01-01T00:00:00Z", generatorURL: "",
                fingerprint: "\(notification.suite)/\(notification.target)")
        ]
    }
}
