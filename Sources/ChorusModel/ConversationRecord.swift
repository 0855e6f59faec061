/// One whole synthetic conversation, as scored.
public struct ConversationRecord: Sendable, Equatable, Codable {
    /// The conversation's index within the run (0-based); with the seed it determines everything.
    public var index: Int
    /// Which repeat of the conversation this is (0-based; above 0 only with `--repeat`).
    public var repeatIndex: Int
    public var persona: String
    /// The first goal's name (a scripted suite's script); `goals` has every goal pursued.
    public var goal: String
    /// The conversation's outcome: `completed` when every goal completed, else the outcome of the
    /// goal that did not.
    public var outcome: Outcome
    public var turns: [TurnRecord]
    /// The goals pursued, in order, each with its own outcome; one for a single-goal conversation.
    public var goals: [GoalRecord]
    /// The behaviours that occurred, sorted; empty for a plain conversation.
    public var behaviours: [Behaviour]
    /// The language the user wrote in (its persona's, else the suite's); `nil` in records made
    /// before languages were recorded.
    public var language: String?

    public init(
        index: Int, repeatIndex: Int = 0, persona: String, goal: String, outcome: Outcome, turns: [TurnRecord],
        goals: [GoalRecord]? = nil, behaviours: [Behaviour] = [], language: String? = nil
    ) {
        self.language = language
        self.index = index
        self.repeatIndex = repeatIndex
        self.persona = persona
        self.goal = goal
        self.outcome = outcome
        self.turns = turns
        self.goals = goals ?? [GoalRecord(name: goal, outcome: outcome, turns: turns.count)]
        self.behaviours = behaviours
    }

    /// The named dialogue failures of every turn, in turn order.
    public var dialogueFailures: [DialogueFailure] { turns.flatMap(\.dialogueFailures) }
}

/// One goal of a conversation, as judged: its outcome, and the user's values against what the
/// bot read back or acted on (the counts behind slot precision and recall).
public struct GoalRecord: Sendable, Equatable, Codable {
    public var name: String
    public var outcome: Outcome
    /// User turns spent on this goal.
    public var turns: Int
    /// The user's final values for the goal's slots (after any correction).
    public var values: [Entity]
    /// The slot values the bot stated when it last confirmed or acted on the task, one per slot
    /// it mentioned (possibly not the user's).
    public var confirmed: [Entity]

    public init(name: String, outcome: Outcome, turns: Int, values: [Entity] = [], confirmed: [Entity] = []) {
        self.name = name
        self.outcome = outcome
        self.turns = turns
        self.values = values
        self.confirmed = confirmed
    }

    /// Slot judgement of what the bot confirmed: true positives (a stated value equal to the
    /// user's, ignoring case), false positives (a stated value that differs) and false negatives
    /// (a user value the bot never stated correctly).
    public var slotCounts: (truePositives: Int, falsePositives: Int, falseNegatives: Int) {
        var tp = 0
        var fp = 0
        var matched = Set<String>()
        for stated in confirmed {
            if let mine = values.first(where: { $0.name == stated.name }),
                mine.value.lowercased() == stated.value.lowercased()
            {
                tp += 1
                matched.insert(stated.name)
            } else {
                fp += 1
            }
        }
        let fn = values.filter { !matched.contains($0.name) }.count
        return (tp, fp, fn)
    }
}
