import ChorusModel
import ChorusSpec
import Foundation
import NIOCore

/// Sends the requests of every HTTP kind (`rasa`, `http`, `openai`): one `HTTP1Client` whose
/// pool keeps as many connections per host as the run's concurrency, a deadline per turn,
/// retries with exponential back-off and jitter only where they are safe, an optional shared
/// rate limit, and every failure classified as a `TargetError`.
///
/// Safe to retry: a connection that could not be made (nothing was sent), and HTTP 429 and 503,
/// waiting `Retry-After` seconds when the server says so. Never retried here: other statuses, a
/// connection dropped after the request went out (the bot may have acted on it), timeouts. (The
/// client itself sends a request once more, on a fresh connection, when a kept-alive one closed
/// before any byte of the reply.) Deadlines and waits run on the injected clock.
public final class HTTPTransport: Sendable {
    public let settings: TransportSettings
    private let clock: any WaitClock
    private let limiter: RateLimiter?
    let client: HTTP1Client
    /// The largest response body read (a larger one is an `oversized_reply`): with one request
    /// in flight per connection, the bodies held at once stay below connections × this.
    static let maximumBody = ReplyLimits.maximumBodyBytes

    public init(settings: TransportSettings, clock: any WaitClock = SystemWaitClock()) {
        self.settings = settings
        self.clock = clock
        limiter = settings.rateLimit.map { RateLimiter(rate: $0, clock: clock) }
        client = HTTP1Client(
            connectionsPerEndpoint: settings.connections, maximumBody: Self.maximumBody, clock: clock,
            idleTimeout: settings.idleTimeout)
    }

    /// Closes the connections; the transport cannot be used afterwards.
    public func shutdown() async {
        await client.shutdown()
    }

    /// The time one turn has left, started when the turn starts.
    public struct TurnBudget: Sendable {
        /// When the turn's time is up, on the transport's clock: every request and back-off of
        /// the turn ends by then.
        let deadline: Duration
    }

    /// Starts the budget of one turn.
    public func beginTurn() -> TurnBudget {
        TurnBudget(deadline: clock.now + settings.timeout)
    }

    /// A request to send.
    public struct Request: Sendable {
        public var method: ChorusSpec.HTTPMethod
        public var url: String
        public var headers: [(String, String)]
        public var body: String?

        public init(method: ChorusSpec.HTTPMethod, url: String, headers: [(String, String)] = [], body: String? = nil) {
            self.method = method
            self.url = url
            self.headers = headers
            self.body = body
        }
    }

    /// A successful (2xx) response.
    public struct Response: Sendable {
        public var status: Int
        public var body: String

        /// The body as JSON; a body that is not JSON is a malformed reply.
        public func json(_ what: String) throws(TargetError) -> JSON {
            do {
                return try JSON(parsing: body)
            } catch {
                throw TargetError(
                    .malformedReply, "\(what): the response is not JSON (\(error): \(Self.excerpt(body)))")
            }
        }

        static func excerpt(_ text: String) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return "empty body" }
            return trimmed.count > 60 ? "\"\(trimmed.prefix(60))…\"" : "\"\(trimmed)\""
        }
    }

    /// Sends `request` within `budget`, retrying where safe; returns a 2xx response or throws
    /// the classified failure of the last attempt. `what` names the call in error details.
    public func send(_ request: Request, budget: TurnBudget, what: String) async throws(TargetError) -> Response {
        var attempt = 0
        while true {
            if let limiter {
                do { try await limiter.acquire() } catch { throw TargetError(.connection, "\(what): cancelled") }
            }
            let failure: Failure
            do {
                let response = try await client.execute(
                    method: request.method.rawValue, url: request.url, headers: request.headers, body: request.body,
                    deadline: budget.deadline)
                let body = response.body.map { String(buffer: $0) } ?? ""
                if (200..<300).contains(response.status) { return Response(status: response.status, body: body) }
                failure = Failure(
                    error: TargetError(.httpStatus, "\(what): HTTP \(response.status)\(Self.reason(response.status))"),
                    retryable: response.status == 429 || response.status == 503, retryAfter: response.retryAfter)
            } catch {
                failure = Self.classify(error, what: what)
            }
            guard failure.retryable, attempt < settings.retries else { throw failure.error }
            let wait =
                failure.retryAfter.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) } ?? backoff(attempt)
            // A wait that would outlast the turn cannot help: report the failure now.
            guard clock.now + wait < budget.deadline else { throw failure.error }
            do { try await clock.sleep(for: wait) } catch { throw failure.error }
            attempt += 1
        }
    }

    /// The wait before retry `attempt + 1`: `backoff · 2^attempt`, with "equal jitter" (half
    /// fixed, half random) so many conversations retrying at once spread out.
    func backoff(_ attempt: Int) -> Duration {
        let full = Double(settings.backoff.nanoseconds) * pow(2, Double(min(attempt, 16)))
        return .nanoseconds(Int64(full / 2 + Double.random(in: 0...(full / 2))))
    }

    struct Failure {
        var error: TargetError
        var retryable: Bool
        var retryAfter: Double?
    }

    /// The class of a client failure, and whether retrying is safe: only when nothing was sent.
    static func classify(_ failure: HTTPClientFailure, what: String) -> Failure {
        switch failure {
        case .connectionRefused:
            return Failure(error: TargetError(.connection, "\(what): connection refused"), retryable: true)
        case .couldNotConnect:
            return Failure(error: TargetError(.connection, "\(what): \(failure)"), retryable: true)
        case .connectTimeout:
            return Failure(
                error: TargetError(.timeout, "\(what): could not connect within the timeout"), retryable: false)
        case .timeout:
            return Failure(error: TargetError(.timeout, "\(what): no reply within the timeout"), retryable: false)
        case .malformedResponse:
            return Failure(error: TargetError(.malformedReply, "\(what): \(failure)"), retryable: false)
        case .bodyTooLarge:
            return Failure(error: TargetError(.oversizedReply, "\(what): \(failure)"), retryable: false)
        case .closedBeforeReply, .reset, .io, .tls, .invalidURL, .invalidHeader, .cancelled, .shutDown:
            return Failure(error: TargetError(.connection, "\(what): \(failure)"), retryable: false)
        }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 400: " Bad Request"
        case 401: " Unauthorized"
        case 403: " Forbidden"
        case 404: " Not Found"
        case 429: " Too Many Requests"
        case 500: " Internal Server Error"
        case 502: " Bad Gateway"
        case 503: " Service Unavailable"
        case 504: " Gateway Timeout"
        default: ""
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
