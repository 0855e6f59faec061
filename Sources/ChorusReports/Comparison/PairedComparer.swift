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
        pairs += 1
        let passedA = a.outcome == .completed
        let passedB = b.outcome == .completed
        switch (passedA, passedB) {
        case (true, true): bothPassed += 1
        case (false, false): bothFailed += 1
        case (true, false):
            onlyA += 1
            if aToB.count < flipLimit { aToB.append(flip(a, b)) }
        case (false, true):
            onlyB += 1
            if bToA.count < flipLimit { bToA.append(flip(a, b)) }
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
