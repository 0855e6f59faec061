import ChorusModel
import ChorusSpec
import Crypto

/// Replaces personal data in a run's texts before they leave the scorer for anything that
/// writes: every user text, bot text, slot and entity value, error detail and failure message
/// of a conversation.
///
/// Mask mode writes the kind (`<EMAIL>`); pseudonym mode writes the kind and the first 40 bits
/// of an HMAC-SHA256 of the normalised value under a key from the environment
/// (`<EMAIL:1f0c9a2b7d>`), so one value keeps one pseudonym (within a run, and across runs with
/// the same key) and clusters of failing utterances still group, while the value cannot be read
/// back without the key. The key lives only in this process's memory.
public struct Redactor: Sendable {
    public enum Replacement: Sendable {
        case mask
        case pseudonym(key: SymmetricKey)
    }

    /// The detectors in priority order: where two matches overlap, the earlier detector's wins.
    public let detectors: [PersonalDataDetector]
    public let replacement: Replacement

    public init(detectors: [PersonalDataDetector], replacement: Replacement) {
        self.detectors = detectors
        self.replacement = replacement
    }

    /// A redactor for `settings`: the user's patterns first (they are the most specific), then
    /// the built-in detectors from the most to the least specific shape. `key` is the pseudonym
    /// key's bytes (required in pseudonym mode).
    public init(settings: PrivacySettings, key: [UInt8]?) throws(RedactorError) {
        var detectors: [PersonalDataDetector] = []
        for name in settings.patterns.keys.sorted() {
            do {
                detectors.append(try .custom(name: name, source: settings.patterns[name]!))
            } catch {
                throw .invalidPattern(name: name, error.description)
            }
        }
        let order: [PrivacySettings.Detector] = [.email, .iban, .card, .ip, .phone]
        detectors += order.filter(settings.detectors.contains).map(PersonalDataDetector.builtIn)
        switch settings.mode {
        case .mask:
            replacement = .mask
        case .pseudonym:
            guard let key, !key.isEmpty else {
                throw .missingKey(settings.keyEnv ?? PrivacySettings.defaultKeyEnvironment)
            }
            replacement = .pseudonym(key: SymmetricKey(data: key))
        }
        self.detectors = detectors
    }

    /// `text` with every detected value replaced. Patterns look at most `TextPattern.maxTextBytes`
    /// of a text, so a longer one is redacted in pieces cut at a line break or space.
    public func redact(_ text: String) -> String {
        guard text.utf8.count > TextPattern.maxTextBytes else { return redactPiece(text) }
        var out = ""
        var rest = text[...]
        while !rest.isEmpty {
            var piece = TextPattern.capped(String(rest))
            if piece.endIndex < piece.base.endIndex, let cut = piece.lastIndex(where: { $0 == "\n" || $0 == " " }) {
                piece = piece[...cut]
            }
            out += redactPiece(String(piece))
            rest = rest.dropFirst(piece.count)
        }
        return out
    }

    private func redactPiece(_ text: String) -> String {
        var found: [(range: Range<String.Index>, detector: Int)] = []
        for (number, detector) in detectors.enumerated() {
            for range in detector.matches(in: text) where !found.contains(where: { $0.range.overlaps(range) }) {
                found.append((range, number))
            }
        }
        guard !found.isEmpty else { return text }
        found.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out = ""
        var position = text.startIndex
        for match in found {
            out += text[position..<match.range.lowerBound]
            out += token(for: text[match.range], detector: detectors[match.detector])
            position = match.range.upperBound
        }
        out += text[position...]
        return out
    }

    private func token(for value: Substring, detector: PersonalDataDetector) -> String {
        switch replacement {
        case .mask:
            return "<\(detector.label)>"
        case .pseudonym(let key):
            let message = Array("\(detector.label):\(detector.normalize(value))".utf8)
            let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
            let hex = code.prefix(5).map { byte in
                let digits = Array("0123456789abcdef")
                return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }.joined()
            return "<\(detector.label):\(hex)>"
        }
    }

    /// `record` with every text in it redacted; outcomes, intents, counts and latencies untouched.
    public func redact(_ record: ConversationRecord) -> ConversationRecord {
        var record = record
        record.turns = record.turns.map { turn in
            var turn = turn
            turn.user = redact(turn.user)
            turn.bot = turn.bot.map(redact)
            turn.expectedSlots = redact(turn.expectedSlots)
            turn.entities = turn.entities.map(redact)
            turn.errorDetail = turn.errorDetail.map(redact)
            turn.failures = turn.failures.map(redact)
            return turn
        }
        record.goals = record.goals.map { goal in
            var goal = goal
            goal.values = redact(goal.values)
            goal.confirmed = redact(goal.confirmed)
            return goal
        }
        return record
    }

    private func redact(_ entities: [Entity]) -> [Entity] {
        entities.map { Entity(name: $0.name, value: redact($0.value)) }
    }
}

/// Why a privacy setting cannot be applied.
public enum RedactorError: Error, Sendable, CustomStringConvertible {
    case missingKey(String)
    case invalidPattern(name: String, String)

    public var description: String {
        switch self {
        case .missingKey(let variable):
            "privacy mode pseudonym needs a key: set the environment variable \(variable) (it is read, never stored)"
        case .invalidPattern(let name, let reason):
            "privacy pattern \"\(name)\": \(reason)"
        }
    }
}
