import ChorusModel
import ChorusSpec

/// A local program speaking JSON lines over stdin/stdout, started once and shared by all
/// conversations (see `ProcessHost` for the protocol and crash handling).
public struct ProcessTarget: Target {
    public let info: TargetInfo
    public let host: ProcessHost
    let timeout: Duration
    let limiter: RateLimiter?

    public init(info: TargetInfo, host: ProcessHost, timeout: Duration, limiter: RateLimiter? = nil) {
        self.info = info
        self.host = host
        self.timeout = timeout
        self.limiter = limiter
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        Session(target: self, id: id)
    }

    public func shutdown() async {
        await host.shutdown()
    }

    struct Session: TargetSession {
        let target: ProcessTarget
        let id: String

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            if let limiter = target.limiter {
                do { try await limiter.acquire() } catch { throw TargetError(.connection, "cancelled") }
            }
            return try await target.host.request(conversationID: id, text: text, timeout: target.timeout).reply
        }
    }
}
