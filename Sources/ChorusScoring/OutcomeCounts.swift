/// How many conversations ended in each `Outcome`.
///
/// One named field per outcome (rather than a dictionary) so the encoded form always carries all six
/// keys, in the spelling of `Outcome`'s raw values, and a missing outcome reads as 0.
public struct OutcomeCounts: Sendable, Equatable, Hashable, Codable {
    public var completed: Int
    public var handedOff: Int
    public var abandoned: Int
    public var maxTurns: Int
    public var failed: Int
    public var error: Int

    enum CodingKeys: String, CodingKey {
        case completed
        case handedOff = "handed_off"
        case abandoned
        case maxTurns = "max_turns"
        case failed
        case error
    }

    /// Counts that start at zero unless given.
    public init(
        completed: Int = 0, handedOff: Int = 0, abandoned: Int = 0, maxTurns: Int = 0, failed: Int = 0, error: Int = 0
    ) {
        self.completed = completed
        self.handedOff = handedOff
        self.abandoned = abandoned
        self.maxTurns = maxTurns
        self.failed = failed
        self.error = error
    }

    /// The count of one outcome.
    public subscript(outcome: Outcome) -> Int {
        get {
            switch outcome {
            case .completed: completed
            case .handedOff: handedOff
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

    /// Adds another set of counts, outcome by outcome.
    public mutating func merge(_ other: OutcomeCounts) {
        for outcome in Outcome.allCases {
            self[outcome] += other[outcome]
        }
    }
}
