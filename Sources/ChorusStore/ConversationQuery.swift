import ChorusModel

/// A search over one run's stored conversations: every filter given must hold. Pages are read by
/// keyset (the position after the last conversation shown), and one page examines at most
/// `window` conversation indices, so no page view scans a whole run, however rare the match.
public struct ConversationQuery: Sendable, Equatable {
    /// Text the user said or the bot replied, anywhere in the conversation (case-insensitive for
    /// ASCII letters).
    public var text: String?
    public var outcome: Outcome?
    /// The conversation's (first) goal.
    public var goal: String?
    public var persona: String?
    /// An intent some user turn meant or the bot predicted.
    public var intent: String?
    /// A dialogue failure some turn showed.
    public var dialogueFailure: DialogueFailure?
    /// Continue after this conversation (the previous page's `next`); nil for the first page.
    public var after: ConversationPosition?
    /// The most conversations on a page.
    public var limit: Int
    /// The most conversation indices one page examines.
    public var window: Int

    public init(
        text: String? = nil, outcome: Outcome? = nil, goal: String? = nil, persona: String? = nil,
        intent: String? = nil,
        dialogueFailure: DialogueFailure? = nil, after: ConversationPosition? = nil, limit: Int = 50,
        window: Int = 20_000
    ) {
        self.text = text
        self.outcome = outcome
        self.goal = goal
        self.persona = persona
        self.intent = intent
        self.dialogueFailure = dialogueFailure
        self.after = after
        self.limit = limit
        self.window = window
    }
}

/// Where a conversation stands in a run: its index and play (`--repeat`), ordered by both.
public struct ConversationPosition: Sendable, Equatable, Comparable {
    public var index: Int
    public var repeatIndex: Int

    public init(index: Int, repeatIndex: Int = 0) {
        self.index = index
        self.repeatIndex = repeatIndex
    }

    /// `17` or `17.2` (index and play), as pages write it in links.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let index = Int(parts[0]), index >= 0 else { return nil }
        let play = parts.count == 2 ? Int(parts[1]) : 0
        guard let play, play >= 0 else { return nil }
        self.init(index: index, repeatIndex: play)
    }

    public var text: String { repeatIndex == 0 ? "\(index)" : "\(index).\(repeatIndex)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.index, a.repeatIndex) < (b.index, b.repeatIndex)
    }
}

/// One page of a search: the matching conversations (without their turns), and where the next
/// page starts, when there may be more.
public struct ConversationPage: Sendable, Equatable {
    public struct Hit: Sendable, Equatable {
        public var position: ConversationPosition
        public var persona: String
        public var goal: String
        public var outcome: Outcome
        public var turns: Int
        public var language: String?

        public init(
            position: ConversationPosition, persona: String, goal: String, outcome: Outcome, turns: Int,
            language: String?
        ) {
            self.position = position
            self.persona = persona
            self.goal = goal
            self.outcome = outcome
            self.turns = turns
            self.language = language
        }
    }

    public var hits: [Hit]
    /// Where the next page starts; nil when the run holds no more conversations to examine.
    public var next: ConversationPosition?
    /// The last conversation index this page examined (a page short of `limit` with a `next`
    /// stopped at its window, not at the end of the run).
    public var examinedThrough: Int

    public init(hits: [Hit], next: ConversationPosition?, examinedThrough: Int) {
        self.hits = hits
        self.next = next
        self.examinedThrough = examinedThrough
    }
}
