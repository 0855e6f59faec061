import ChorusSpec

/// Recognises fallback, handoff, confirmation and closing replies by the suite's `bot:` section:
/// a reply is recognised when its intent is one of the listed intents or one of its texts
/// matches a pattern.
public final class ReplyRecognizer: Sendable {
    final class Kind: Sendable {
        let intents: Set<String>
        let patterns: [TextPattern]

        init(_ recognizer: Recognizer) throws(PatternError) {
            intents = Set(recognizer.intents)
            patterns = try recognizer.patterns.map { (source) throws(PatternError) in try TextPattern(source) }
        }

        func recognises(texts: [String], intent: String?) -> Bool {
            if let intent, intents.contains(intent) { return true }
            return patterns.contains { pattern in texts.contains { pattern.matches($0) } }
        }

        var isEmpty: Bool { intents.isEmpty && patterns.isEmpty }
    }

    let fallback: Kind
    let handoff: Kind
    let confirm: Kind
    let closing: Kind

    public init(_ recognition: BotRecognition) throws(PatternError) {
        fallback = try Kind(recognition.fallback)
        handoff = try Kind(recognition.handoff)
        confirm = try Kind(recognition.confirm)
        closing = try Kind(recognition.closing)
    }

    public func isFallback(texts: [String], intent: String?) -> Bool {
        fallback.recognises(texts: texts, intent: intent)
    }

    /// `flag` is the target's own handoff signal, when it has one.
    public func isHandoff(texts: [String], intent: String?, flag: Bool?) -> Bool {
        flag == true || handoff.recognises(texts: texts, intent: intent)
    }

    /// Whether the reply asks the user to confirm values it reads back.
    public func isConfirmation(texts: [String], intent: String?) -> Bool {
        confirm.recognises(texts: texts, intent: intent)
    }

    /// Whether the reply closes the conversation. With no `bot.closing` section, any reply that
    /// is not a fallback counts.
    public func isClosing(texts: [String], intent: String?) -> Bool {
        closing.isEmpty ? !isFallback(texts: texts, intent: intent) : closing.recognises(texts: texts, intent: intent)
    }
}
