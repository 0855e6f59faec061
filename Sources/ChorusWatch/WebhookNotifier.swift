import ChorusTargets
import Logging

/// Sends a notification to the webhook, retrying a failed delivery with exponential back-off
/// (1 s, 2 s, 4 s, … on the injected clock) so a receiver that restarts still gets it.
public struct WebhookNotifier: Sendable {
    /// Delivers one request body; throws when the receiver did not take it (no 2xx).
    public typealias Deliver = @Sendable (_ body: String) async throws -> Void

    public let format: WebhookFormat
    public let attempts: Int
    public let firstBackoff: Duration
    private let deliver: Deliver
    private let clock: any WaitClock
    private let logger: Logger

    public init(
        format: WebhookFormat, attempts: Int = 5, firstBackoff: Duration = .seconds(1), clock: any WaitClock,
        logger: Logger = Logger(label: "chorus.watch"), deliver: @escaping Deliver
    ) {
        self.format = format
        self.attempts = max(1, attempts)
        self.firstBackoff = firstBackoff
        self.clock = clock
        self.logger = logger
        self.deliver = deliver
    }

    /// A notifier that POSTs JSON to `url` over HTTP/1.1.
    public static func http(
        url: String, format: WebhookFormat, clock: any WaitClock, logger: Logger = Logger(label: "chorus.watch")
    ) -> WebhookNotifier {
        WebhookNotifier(format: format, clock: clock, logger: logger) { body in
            // One connection per delivery: notifications are rare, and a pooled connection
            // would outlive the receiver's keep-alive between them.
            let transport = HTTPTransport(
                settings: TransportSettings(timeout: .seconds(10), retries: 0, connections: 1), clock: clock)
            do {
                _ = try await transport.send(
                    .init(method: .post, url: url, headers: [("Content-Type", "application/json")], body: body),
                    budget: transport.beginTurn(), what: "webhook \(url)")
                await transport.shutdown()
            } catch {
                await transport.shutdown()
                throw error
            }
        }
    }

    /// Sends `notification`; true once delivered, false when every attempt failed (or the task
    /// was cancelled while waiting to retry).
    public func send(_ notification: AlertNotification) async -> Bool {
        let body = notification.body(format)
        var wait = firstBackoff
        for attempt in 1...attempts {
            do {
                try await deliver(body)
                return true
            } catch {
                logger.warning("webhook delivery \(attempt) of \(attempts) failed: \(error)")
            }
            guard attempt < attempts else { break }
            do { try await clock.sleep(for: wait) } catch { return false }
            wait = wait * 2
        }
        return false
    }
}
