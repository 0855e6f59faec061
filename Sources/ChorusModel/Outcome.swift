/// How a conversation (or one goal of it) ended. Every conversation and every goal ends in
/// exactly one outcome.
public enum Outcome: String, Sendable, Codable, CaseIterable, Comparable {
    /// The goal's success condition held with the user's own values (or every scripted step ran).
    case completed
    /// The bot handed the user to a human (and that was not the user's goal).
    case handedOff = "handed_off"
    /// The user asked for a human after the bot kept failing it, and was handed off.
    case escalated
    /// The synthetic user gave up: its patience ran out after consecutive fallbacks, or the bot
    /// sent the same reply over and over.
    case abandoned
    /// `max_turns` user turns passed without another outcome.
    case maxTurns = "max_turns"
    /// The task went wrong: the bot acted on values that are not the user's, left a request
    /// unanswered, or a required scripted step's expectation failed.
    case failed
    /// A transport error or timeout ended the conversation.
    case error

    public static func < (a: Outcome, b: Outcome) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
