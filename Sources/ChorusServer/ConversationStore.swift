import ChorusReferenceBot
import Synchronization

/// The reference bot's per-conversation state on the server, keyed by sender (Rasa) or by
/// conversation (OpenAI `user`, or the hash of the message history).
///
/// A conversation's turns arrive one after another, so a turn takes the state, answers outside
/// the lock, and puts the new state back; only the dictionary is ever locked.
final class ConversationStore: Sendable {
    /// What the server remembers about one conversation.
    struct Entry: Sendable {
        var state = ConversationState()
        /// The last user message and the NLU result the dialogue used for it, so `/model/parse`
        /// can answer with it when asked about that sender.
        var lastText: String?
        var lastResponse: BotResponse?
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The entry for `key`, or a fresh one.
    func entry(_ key: String) -> Entry {
        entries.withLock { $0[key] } ?? Entry()
    }

    func store(_ entry: Entry, for key: String) {
        entries.withLock { $0[key] = entry }
    }

    /// Conversations the server holds.
    var count: Int { entries.withLock { $0.count } }
}
