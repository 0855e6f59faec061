import ChorusModel
import ChorusSpec

/// The chatbot under test. Every connector — the embedded reference bot, HTTP/JSON, Rasa,
/// OpenAI-compatible, a local process — implements this protocol.
///
/// A target is shared by all conversations of a run; per-conversation state lives in the
/// `TargetSession` it makes, which one task uses turn after turn.
public protocol Target: Sendable {
    /// What reports and the store say about the target (never a secret).
    var info: TargetInfo { get }
    /// Opens a conversation with the bot; `id` is unique within the run.
    func makeSession(conversationID id: String) async throws(TargetError) -> any TargetSession
    /// Releases connections and processes; called once at the end of a run.
    func shutdown() async
}

extension Target {
    public func shutdown() async {}
}

/// One conversation with a target.
public protocol TargetSession {
    /// Sends one user message and returns the bot's reply (one turn, however many messages).
    mutating func send(_ text: String) async throws(TargetError) -> BotReply
    /// Ends the conversation (for targets with explicit session calls).
    mutating func close() async
}

extension TargetSession {
    public mutating func close() async {}
}
