import ChorusModel
import ChorusScoring

/// Pairs the conversations of two runs by index and counts how their success changed, keeping
/// the first flipped conversations for the report (memory stays flat however long the runs).
public struct PairedComparer: Sendable {
    public let flipLimit: Int
    private var pairs = 0
    private var bothPassed = 0
    private var onlyA = 0
    private var onlyB = 0
    private var bothFailed = 0
    private var aToB: [Flip] = []
    private var bToA: [Flip] = []
    private let replayA: String
    private let replayB: String

    /// `replayA`/`replayB` are replay commands with `{i}` standing for the conversation index.
    public init(replayA: String, replayB: String, flipLimit: Int = 200) {
        self.replayA = replayA
        self.replayB = replayB
        self.flipLimit = flipLimit
    }

    public mutating func add(a: ConversationRecord, b: ConversationRecord) {
        let passedA = a.outcome == .completed
        let passedB = b.outcome == .completed
        count(passedA: passedA, passedB: passedB, pairs: 1)
        if passedA != passedB { keep(a: a, b: b) }
    }

    /// Counts `pairs` pairs by their success with A and with B, without their conversations
    /// (the store counts them in SQL; `keep(a:b:)` adds the flips to show).
    public mutating func count(passedA: Bool, passedB: Bool, pairs count: Int) {
        pairs += count
        switch (passedA, passedB) {
        case (true, true): bothPassed += count
        case (false, false): bothFailed += count
        case (true, false): onlyA += count
        case (false, true): onlyB += count
        }
    }

    /// Keeps a flipped pair for the report, up to `flipLimit` in each direction.
    public mutating func keep(a: ConversationRecord, b: ConversationRecord) {
        switch (a.outcome == .completed, b.outcome == .completed) {
        case (true, false): if aToB.count < flipLimit { aToB.append(flip(a, b)) }
        case (false, true): if bToA.count < flipLimit { bToA.append(flip(a, b)) }
        default: break
        }
    }

    private func flip(_ a: ConversationRecord, _ b: ConversationRecord) -> Flip {
        Flip(
            index: a.index, a: a, b: b, replayA: replayA.replacingIndex(with: a.index),
            replayB: replayB.replacingIndex(with: b.index))
    }

    public func comparison(a: TargetInfo, b: TargetInfo) -> PairedComparison {
        let interval = McNemar.differenceInterval(b: onlyA, c: onlyB, pairs: pairs)
        return PairedComparison(
            a: a, b: b, pairs: pairs, bothPassed: bothPassed, onlyAPassed: onlyA, onlyBPassed: onlyB,
            bothFailed: bothFailed, mcnemarP: McNemar.pValue(b: onlyA, c: onlyB), delta: interval.delta,
            low: interval.low, high: interval.high, flips: aToB + bToA)
    }
}

extension String {
    fileprivate func replacingIndex(with index: Int) -> String {
        split(separator: "{i}", omittingEmptySubsequences: false).joined(separator: "\(index)")
    }
}
