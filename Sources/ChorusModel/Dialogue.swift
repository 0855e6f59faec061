/// What a synthetic user does on one turn: the dialogue act of the agenda-based user
/// simulators (ConvLab-3's agenda policy, PyDial's agenda user).
public enum UserAct: String, Sendable, Codable, CaseIterable {
    /// States the goal's request (the opening of a goal, or its restatement).
    case open
    /// Gives the value of a slot.
    case inform
    /// Gives a malformed value of a slot, on purpose, to see the bot ask again.
    case informInvalid = "inform_invalid"
    /// Agrees with what the bot read back.
    case affirm
    /// Rejects what the bot read back (a value that is not the user's) and says the right one.
    case deny
    /// Changes a slot value it gave before ("sorry, I meant …").
    case correct
    /// Asks something off-task in the middle of the task.
    case digress
    /// Asks for information its goal wants.
    case request
    /// Asks for a human after the bot kept failing.
    case escalate
    /// Thanks and says goodbye.
    case close
    /// Says a scripted step.
    case step
}

/// A named way a bot fails the dialogue (not the classifier), detected on the turn where it shows.
public enum DialogueFailure: String, Sendable, Codable, CaseIterable, Comparable {
    /// The bot asked again for a value the user had already given (and not corrected or mistyped).
    case contextLost = "context_lost"
    /// After the user corrected a value, the bot used the old one.
    case correctionIgnored = "correction_ignored"
    /// The bot read back or acted on a value that is not the user's.
    case wrongValueConfirmed = "wrong_value_confirmed"
    /// After an off-task question, the bot did not return to the task.
    case digressionNotResumed = "digression_not_resumed"
    /// The user asked for information and the reply did not contain it.
    case requestUnanswered = "request_unanswered"
    /// The bot sent the same reply three times in a row; the user gave up.
    case loop
    /// The bot accepted a malformed value instead of asking for it again.
    case invalidValueAccepted = "invalid_value_accepted"
    /// The user said goodbye and the bot gave no closing reply.
    case closingUnanswered = "closing_unanswered"

    public static func < (a: DialogueFailure, b: DialogueFailure) -> Bool { a.rawValue < b.rawValue }
}

/// A user behaviour that occurred in a conversation, for breaking completion down by behaviour.
public enum Behaviour: String, Sendable, Codable, CaseIterable, Comparable {
    /// The user pursued more than one goal.
    case multiGoal = "multi_goal"
    /// The bot asked the user to confirm values.
    case confirmation
    /// The user corrected a value.
    case correction
    /// The user digressed off-task.
    case digression
    /// The user asked for information.
    case request
    /// The user asked for a human.
    case escalation
    /// The user said goodbye.
    case closing
    /// The user gave a malformed value.
    case invalidValue = "invalid_value"

    public static func < (a: Behaviour, b: Behaviour) -> Bool { a.rawValue < b.rawValue }
}
