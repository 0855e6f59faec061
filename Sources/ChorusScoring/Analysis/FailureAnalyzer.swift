import ChorusModel
import ChorusSpec

/// Builds a `FailureAnalysis` from a run's conversations, one at a time, in bounded memory.
///
/// A conversation is clustered when it failed: it did not complete, or it completed with a failed
/// scripted expectation or a dialogue failure. A completed conversation that merely met a
/// fallback on the way is not a failure (its utterance is still counted among the fallback
/// utterances). The signature is taken at the first turn with a dialogue failure, and names it;
/// without one, at the first turn that went wrong (an error, a fallback, an unwanted handoff, an
/// intent the bot got wrong, a failed expectation) — for a completed conversation, the first turn
/// with a failed expectation — else at its last turn. Its goal is the goal that turn pursued. Slot values the user gave are replaced by `{slot}` and digits by `#`, so
/// one cluster collects every order number.
public struct FailureAnalyzer: Sendable {
    /// At most this many distinct signatures and utterances are tracked; later new ones are
    /// counted in `failingConversations` only (a run with more distinct failures than this
    /// needs its largest clusters, not its long tail).
    public let capacity: Int
    private var clusters: [FailureSignature: (count: Int, example: ConversationRecord)] = [:]
    private var utterances: [String: Int] = [:]
    private var funnels: [String: AbandonmentFunnel] = [:]
    /// Wrong predictions by (expected, predicted): count and the first `examplesPerPair` utterances.
    private var pairs: [PairKey: (count: Int, examples: [String])] = [:]
    /// The most example utterances kept per confused pair.
    public let examplesPerPair: Int
    private var failing = 0

    public init(capacity: Int = 10_000, examplesPerPair: Int = 3) {
        self.capacity = capacity
        self.examplesPerPair = examplesPerPair
    }

    private struct PairKey: Hashable {
        var expected: String
        var predicted: String
    }

    public mutating func add(_ record: ConversationRecord) {
        funnels[record.goal, default: AbandonmentFunnel()].conversations += 1
        if record.outcome != .error {
            for turn in record.turns {
                guard let expected = turn.expectedIntent, let predicted = turn.predictedIntent, expected != predicted
                else { continue }
                let key = PairKey(expected: expected, predicted: predicted)
                if var pair = pairs[key] {
                    pair.count += 1
                    if pair.examples.count < examplesPerPair { pair.examples.append(turn.user) }
                    pairs[key] = pair
                } else if pairs.count < capacity {
                    pairs[key] = (1, examplesPerPair > 0 ? [turn.user] : [])
                }
            }
        }
        let slots = record.turns.flatMap(\.expectedSlots)
        for turn in record.turns where turn.fallback {
            let text = Self.normalise(turn.user, slots: slots, lowercase: true)
            if utterances[text] != nil || utterances.count < capacity { utterances[text, default: 0] += 1 }
        }
        if record.outcome == .abandoned {
            var funnel = funnels[record.goal]!
            funnel.abandoned += 1
            funnel.byTurn[record.turns.count, default: 0] += 1
            let stage = record.turns.last?.expectedSlots.map(\.name).joined(separator: "+") ?? ""
            funnel.byStage[stage.isEmpty ? "request" : stage, default: 0] += 1
            funnels[record.goal] = funnel
        }
        guard Self.failed(record), !record.turns.isEmpty else { return }
        failing += 1
        let position =
            record.turns.firstIndex { !$0.dialogueFailures.isEmpty }
            ?? (record.outcome == .completed
                ? record.turns.firstIndex(where: Self.failedJudgement) : record.turns.firstIndex(where: Self.wentWrong))
            ?? record.turns.count - 1
        let turn = record.turns[position]
        let reply =
            turn.error.map { "error: \($0.rawValue)" }
            ?? Self.normalise(turn.bot.first ?? "", slots: slots, lowercase: false)
        let goal = record.goals.indices.contains(turn.goal) ? record.goals[turn.goal].name : record.goal
        let signature = FailureSignature(
            goal: goal, outcome: record.outcome, turn: position + 1, dialogueFailure: turn.dialogueFailures.first,
            expectedIntent: turn.expectedIntent, predictedIntent: turn.predictedIntent, reply: String(reply.prefix(120))
        )
        if let existing = clusters[signature] {
            clusters[signature] = (existing.count + 1, existing.example)
        } else if clusters.count < capacity {
            clusters[signature] = (1, record)
        }
    }

    /// The analysis: the `clusterLimit` largest clusters, `utteranceLimit` most frequent
    /// fallback utterances and `pairLimit` most confused intent pairs, ties broken by name so the
    /// result is deterministic.
    public func analysis(clusterLimit: Int = 50, utteranceLimit: Int = 25, pairLimit: Int = 25) -> FailureAnalysis {
        let ranked = clusters.sorted { a, b in
            a.value.count != b.value.count ? a.value.count > b.value.count : a.key < b.key
        }
        let top = ranked.prefix(clusterLimit).map {
            FailureCluster(signature: $0.key, count: $0.value.count, example: $0.value.example)
        }
        let texts = utterances.sorted { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }
        return FailureAnalysis(
            clusters: top, failingConversations: failing,
            fallbackUtterances: texts.prefix(utteranceLimit).map { UtteranceCount(text: $0.key, count: $0.value) },
            abandonment: funnels.filter { $0.value.abandoned > 0 },
            confusedPairs: confusedPairs(limit: pairLimit))
    }

    private func confusedPairs(limit: Int) -> [ConfusedPair] {
        pairs.sorted { a, b in
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            return a.key.expected != b.key.expected
                ? a.key.expected < b.key.expected : a.key.predicted < b.key.predicted
        }
        .prefix(limit).map {
            ConfusedPair(
                expected: $0.key.expected, predicted: $0.key.predicted, count: $0.value.count,
                examples: $0.value.examples)
        }
    }

    /// Whether a conversation failed: it did not complete, or a turn failed an expectation or
    /// showed a dialogue failure.
    public static func failed(_ record: ConversationRecord) -> Bool {
        record.outcome != .completed || record.turns.contains(where: failedJudgement)
    }

    /// A turn with a failed scripted expectation or a dialogue failure.
    static func failedJudgement(_ turn: TurnRecord) -> Bool {
        !turn.failures.isEmpty || !turn.dialogueFailures.isEmpty
    }

    static func wentWrong(_ turn: TurnRecord) -> Bool {
        if turn.error != nil || turn.fallback || turn.handoff || failedJudgement(turn) { return true }
        if let expected = turn.expectedIntent, let predicted = turn.predictedIntent { return expected != predicted }
        return false
    }

    /// `text` with slot values replaced by `{name}`, digit runs by `#`, spaces collapsed.
    static func normalise(_ text: String, slots: [Entity], lowercase: Bool) -> String {
        var text = text
        for slot in slots where !slot.value.isEmpty {
            text = text.replacingAll(slot.value, with: "{\(slot.name)}")
        }
        if let ascii = asciiNormalised(text, lowercase: lowercase) { return ascii }
        var out = ""
        var lastWasDigit = false
        var lastWasSpace = true
        for character in lowercase ? text.lowercased() : text {
            if character.isNumber {
                if !lastWasDigit { out.append("#") }
                lastWasDigit = true
                lastWasSpace = false
            } else if character.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                lastWasDigit = false
            } else {
                out.append(character)
                lastWasDigit = false
                lastWasSpace = false
            }
        }
        return out.hasSuffix(" ") ? String(out.dropLast()) : out
    }

    /// The same normalisation on bytes, for ASCII text (most bot replies): `nil` when the text
    /// has other characters, whose case and digits need Unicode's rules.
    private static func asciiNormalised(_ text: String, lowercase: Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasDigit = false
        var lastWasSpace = true
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case 0x30...0x39:
                if !lastWasDigit { bytes.append(0x23) }
                lastWasDigit = true
                lastWasSpace = false
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                lastWasDigit = false
            case 0x41...0x5A where lowercase:
                bytes.append(byte | 0x20)
                lastWasDigit = false
                lastWasSpace = false
            default:
                bytes.append(byte)
                lastWasDigit = false
                lastWasSpace = false
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, searched on UTF-8 bytes (slot
    /// values are plain text; this runs for every failing turn).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        let haystack = Array(utf8)
        guard haystack.count >= needle.count else { return self }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                out.append(contentsOf: haystack[copied..<index])
                out.append(contentsOf: replacement.utf8)
                index += needle.count
                copied = index
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return self }
        out.append(contentsOf: haystack[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
