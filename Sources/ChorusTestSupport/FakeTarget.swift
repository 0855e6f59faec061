import ChorusModel
import ChorusSpec
import ChorusTargets

/// A target whose replies a test writes as a function of (conversation id, turn number, text).
public struct FakeTarget: Target {
    public typealias Respond =
        @Sendable (_ conversation: String, _ turn: Int, _ text: String) async throws(TargetError) -> BotReply

    public let info = TargetInfo(kind: "fake", name: "fake", detail: "")
    private let respond: Respond

    public init(respond: @escaping Respond) {
        self.respond = respond
    }

    public func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession {
        Session(id: id, respond: respond)
    }

    struct Session: TargetSession {
        let id: String
        let respond: Respond
        var turn = 0

        mutating func send(_ text: String) async throws(TargetError) -> BotReply {
            turn += 1
            return try await respond(id, turn, text)
        }
    }
}
