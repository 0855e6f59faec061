import ChorusModel

/// What went wrong in a run, ranked: failing, fallback and abandoned conversations grouped by
/// signature; the user utterances that most often trigger a fallback; where users abandon.
public struct FailureAnalysis: Sendable, Equatable, Codable {
    /// Groups of conversations that went wrong the same way, most frequent first.
    public var clusters: [FailureCluster]
    /// Conversations that went wrong, in all (the clusters may list only the largest groups).
    public var failingConversations: Int
    /// User utterances (normalised) that triggered a fallback, most frequent first.
    public var fallbackUtterances: [UtteranceCount]
    /// Where users abandoned, per goal.
    public var abandonment: [String: AbandonmentFunnel]
    /// The (expected, predicted) intent pairs the target confused most, with example utterances.
    public var confusedPairs: [ConfusedPair]

    public init(
        clusters: [FailureCluster] = [], failingConversations: Int = 0, fallbackUtterances: [UtteranceCount] = [],
        abandonment: [String: AbandonmentFunnel] = [:], confusedPairs: [ConfusedPair] = []
    ) {
        self.clusters = clusters
        self.failingConversations = failingConversations
        self.fallbackUtterances = fallbackUtterances
        self.abandonment = abandonment
        self.confusedPairs = confusedPairs
    }

    enum CodingKeys: String, CodingKey {
        case clusters
        case failingConversations = "failing_conversations"
        case fallbackUtterances = "fallback_utterances"
        case abandonment
        case confusedPairs = "confused_pairs"
    }

    /// Reads an analysis; one written before confused pairs were listed reads with none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        clusters = try c.decode([FailureCluster].self, forKey: .clusters)
        failingConversations = try c.decode(Int.self, forKey: .failingConversations)
        fallbackUtterances = try c.decode([UtteranceCount].self, forKey: .fallbackUtterances)
        abandonment = try c.decode([String: AbandonmentFunnel].self, forKey: .abandonment)
        confusedPairs = try c.decodeIfPresent([ConfusedPair].self, forKey: .confusedPairs) ?? []
    }
}

/// An intent the user meant and the different one the target predicted: how many judged turns
/// went so, and the first few of their utterances in run order.
public struct ConfusedPair: Sendable, Equatable, Codable {
    public var expected: String
    public var predicted: String
    public var count: Int
    public var examples: [String]

    public init(expected: String, predicted: String, count: Int, examples: [String]) {
        self.expected = expected
        self.predicted = predicted
        self.count = count
        self.examples = examples
    }
}

/// How a conversation went wrong: the goal being pursued and the conversation's outcome, the
/// (1-based) turn where it first went wrong, the dialogue failure shown there (when one was),
/// what the user meant and what the bot understood there, and the bot's reply with numbers and
/// names normalised (`Your order # …` rather than one line per order number).
public struct FailureSignature: Sendable, Equatable, Hashable, Codable, Comparable {
    public var goal: String
    public var outcome: Outcome
    public var turn: Int
    /// The first dialogue failure of that turn, when the conversation had one.
    public var dialogueFailure: DialogueFailure?
    public var expectedIntent: String?
    public var predictedIntent: String?
    public var reply: String

    public init(
        goal: String, outcome: Outcome, turn: Int, dialogueFailure: DialogueFailure? = nil, expectedIntent: String?,
        predictedIntent: String?, reply: String
    ) {
        self.goal = goal
        self.outcome = outcome
        self.turn = turn
        self.dialogueFailure = dialogueFailure
        self.expectedIntent = expectedIntent
        self.predictedIntent = predictedIntent
        self.reply = reply
    }

    enum CodingKeys: String, CodingKey {
        case goal, outcome, turn
        case dialogueFailure = "dialogue_failure"
        case expectedIntent = "expected_intent"
        case predictedIntent = "predicted_intent"
        case reply
    }

    /// A stable, readable key: `refund · abandoned · turn 1 · refund → nlu_fallback · "Sorry, I didn't …"`,
    /// with the dialogue failure after the turn when there is one (`… · turn 3 · context_lost · …`).
    public var key: String {
        let failure = dialogueFailure.map { "\($0.rawValue) · " } ?? ""
        return
            "\(goal) · \(outcome.rawValue) · turn \(turn) · \(failure)\(expectedIntent ?? "?") → \(predictedIntent ?? "?") · \"\(reply)\""
    }

    /// Encodes every key, writing `null` for what the signature does not have.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(goal, forKey: .goal)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(turn, forKey: .turn)
        try c.encode(dialogueFailure, forKey: .dialogueFailure)
        try c.encode(expectedIntent, forKey: .expectedIntent)
        try c.encode(predictedIntent, forKey: .predictedIntent)
        try c.encode(reply, forKey: .reply)
    }

    public static func < (a: FailureSignature, b: FailureSignature) -> Bool { a.key < b.key }
}

/// One group of conversations with the same failure signature.
public struct FailureCluster: Sendable, Equatable, Codable {
    public var signature: FailureSignature
    public var count: Int
    /// The first conversation of the run with this signature: its transcript is the example.
    public var example: ConversationRecord

    public init(signature: FailureSignature, count: Int, example: ConversationRecord) {
        self.signature = signature
        self.count = count
        self.example = example
    }
}

/// A normalised user utterance and how often it met a fallback.
public struct UtteranceCount: Sendable, Equatable, Codable {
    public var text: String
    public var count: Int

    public init(text: String, count: Int) {
        self.text = text
        self.count = count
    }
}

/// Where the users of one goal gave up: by user turn number, and by what they were giving
/// when they did (a slot's name, or `request` for the opening request).
public struct AbandonmentFunnel: Sendable, Equatable, Codable {
    /// Conversations of the goal, and how many were abandoned.
    public var conversations: Int
    public var abandoned: Int
    /// Abandoned conversations by the number of user turns they had.
    public var byTurn: [Int: Int]
    /// Abandoned conversations by what the user was trying to give.
    public var byStage: [String: Int]

    public init(conversations: Int = 0, abandoned: Int = 0, byTurn: [Int: Int] = [:], byStage: [String: Int] = [:]) {
        self.conversations = conversations
        self.abandoned = abandoned
        self.byTurn = byTurn
        self.byStage = byStage
    }

    enum CodingKeys: String, CodingKey {
        case conversations, abandoned
        case byTurn = "by_turn"
        case byStage = "by_stage"
    }
}
