import ChorusReferenceBot
import Synchronization

/// The reference bot's per-conversation state on the server, keyed by sender (Rasa) or by
/// conversation (OpenAI `user`, or the hash of the message history).
///
/// A conversation's turns arrive one after another, so a turn takes the state, answers outside
/// the lock, and puts the new state back; only the dictionaries are ever locked.
///
/// Memory is bounded for runs of millions of conversations: entries live in two generations;
/// when the young one fills up (half of `capacity`) it becomes the old one and the previous old
/// one is dropped, so only conversations idle for a whole generation are forgotten (and start
/// afresh if they ever speak again).
final class ConversationStore: Sendable {
    /// What the server remembers about one conversation.
    struct Entry: Sendable {
        var state = ConversationState()
        /// The last user message and the NLU result the dialogue used for it, so `/model/parse`
        /// can answer with it when asked about that sender.
        var lastText: String?
        var lastResponse: BotResponse?
    }

    private struct Generations {
        var young: [String: Entry] = [:]
        var old: [String: Entry] = [:]
    }

    private let generations = Mutex(Generations())
    /// At most this many conversations are remembered.
    let capacity: Int

    init(capacity: Int = 200_000) {
        self.capacity = max(2, capacity)
    }

    /// The entry for `key`, or a fresh one.
    func entry(_ key: String) -> Entry {
        generations.withLock { $0.young[key] ?? $0.old[key] } ?? Entry()
    }

    func store(_ entry: Entry, for key: String) {
        generations.withLock { g in
            g.old[key] = nil
            g.young[key] = entry
            if g.young.count >= capacity / 2 {
                g.old = g.young
                g.young = [:]
            }
        }
    }

    /// Conversations the server holds.
    var count: Int { generations.withLock { $0.young.count + $0.old.count } }
}
