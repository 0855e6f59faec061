/// How a persona behaves beyond answering what it is asked: each act a probability (0 = never),
/// drawn from the conversation's own generator, after the agenda-based user simulators of the
/// research literature (ConvLab-3's agenda policy, PyDial's agenda user).
///
/// YAML: `behaviour: {correct: 0.2, digress: 0.3, multi_goal: 0.4, max_goals: 3}`.
public struct PersonaBehaviour: Codable, Sendable, Equatable {
    /// When the bot reads values back to confirm, the chance the user checks them against its
    /// own (and denies a wrong one); otherwise it affirms without looking. Default 1.
    public var confirm: Double
    /// Per goal: having given a slot, the user changes it ("sorry, I meant …") and then expects
    /// the bot to use the new value.
    public var correct: Double
    /// Per goal: mid-task the user asks something off-task, then expects the bot to resume
    /// without asking again for what it was told.
    public var digress: Double
    /// Per request of a goal: the user asks for that information once the task is done.
    public var request: Double
    /// When its patience runs out, the chance the user asks for a human instead of giving up.
    public var escalate: Double
    /// At the end, the chance the user thanks and says goodbye, expecting a closing reply.
    public var close: Double
    /// Per goal: the user gives a malformed value first and expects the bot to ask again.
    public var invalidValue: Double
    /// After finishing a goal, the chance the user goes on with another ("also, …").
    public var multiGoal: Double
    /// The most goals one conversation pursues (default 3).
    public var maxGoals: Int

    enum CodingKeys: String, CodingKey {
        case confirm, correct, digress, request, escalate, close
        case invalidValue = "invalid_value"
        case multiGoal = "multi_goal"
        case maxGoals = "max_goals"
    }

    public init(
        confirm: Double = 1, correct: Double = 0, digress: Double = 0, request: Double = 0, escalate: Double = 0,
        close: Double = 0, invalidValue: Double = 0, multiGoal: Double = 0, maxGoals: Int = 3
    ) {
        self.confirm = confirm
        self.correct = correct
        self.digress = digress
        self.request = request
        self.escalate = escalate
        self.close = close
        self.invalidValue = invalidValue
        self.multiGoal = multiGoal
        self.maxGoals = maxGoals
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        confirm = try c.decodeIfPresent(Double.self, forKey: .confirm) ?? 1
        correct = try c.decodeIfPresent(Double.self, forKey: .correct) ?? 0
        digress = try c.decodeIfPresent(Double.self, forKey: .digress) ?? 0
        request = try c.decodeIfPresent(Double.self, forKey: .request) ?? 0
        escalate = try c.decodeIfPresent(Double.self, forKey: .escalate) ?? 0
        close = try c.decodeIfPresent(Double.self, forKey: .close) ?? 0
        invalidValue = try c.decodeIfPresent(Double.self, forKey: .invalidValue) ?? 0
        multiGoal = try c.decodeIfPresent(Double.self, forKey: .multiGoal) ?? 0
        maxGoals = try c.decodeIfPresent(Int.self, forKey: .maxGoals) ?? 3
    }
}
