import ChorusModel

/// How many conversations ended in each `Outcome`.
///
/// One named field per outcome (rather than a dictionary) so the encoded form always carries all seven
/// keys, in the spelling of `Outcome`'s raw values, and a missing outcome reads as 0.
public struct OutcomeCounts: Sendable, Equatable, Hashable, Codable {
    public var completed: Int
    public var handedOff: Int
    public var escalated: Int
    public var abandoned: Int
    public var maxTurns: Int
    public var failed: Int
    public var error: Int

    enum CodingKeys: String, CodingKey {
        case completed
        case handedOff = "handed_off"
        case escalated
        case abandoned
        case maxTurns = "max_turns"
        case failed
        case error
    }

    /// Counts that start at zero unless given.
    public init(
        completed: Int = 0, handedOff: Int = 0, escalated: Int = 0, abandoned: Int = 0, maxTurns: Int = 0,
        failed: Int = 0,
        error: Int = 0
    ) {
        self.completed = completed
        self.handedOff = handedOff
        self.escalated = escalated
        self.abandoned = abandoned
        self.maxTurns = maxTurns
        self.failed = failed
        self.error = error
    }

    /// Reads every outcome's count; one missing from an older file reads as 0.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        for outcome in Outcome.allCases {
            self[outcome] = try c.decodeIfPresent(Int.self, forKey: CodingKeys(rawValue: outcome.rawValue)!) ?? 0
        }
    }

    /// The count of one outcome.
    public subscript(outcome: Outcome) -> Int {
        get {
            switch outcome {
            case .completed: completed
            case .handedOff: handedOff
            case .escalated: escalated
            case .abandoned: abandoned
            case .maxTurns: maxTurns
            case .failed: failed
            case .error: error
            }
        }
        set {
            switch outcome {
            case .completed: completed = newValue
            case .handedOff: handedOff = newValue
            case .escalated: escalated = newValue
            case .abandoned: abandoned = newValue
            case .maxTurns: maxTurns = newValue
            case .failed: failed = newValue
            case .error: error = newValue
            }
        }
    }

    /// All conversations counted, whatever their outcome.
    public var total: Int {
        Outcome.allCases.reduce(0) { $0 + self[$1] }
    }

    /// Conversations that did not end in a transport error: the denominator of every behavioural
    /// rate (a network fault says nothing about the bot's behaviour).
    public var judged: Int { total - error }

    /// Completed / judged, or `nil` when nothing was judged.
    public var completionShare: Double? {
        judged > 0 ? Double(completed) / Double(judged) : nil
    }

    /// Adds another set of counts, outcome by outcome.
    public mutating func merge(_ other: OutcomeCounts) {
        for outcome in Outcome.allCases {
            self[outcome] += other[outcome]
        }
    }
}
