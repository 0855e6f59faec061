import ChorusSpec

/// Recognises fallback and handoff replies, by the suite's `bot:` section: a reply is a fallback
/// (handoff) when its intent is one of the listed intents or one of its texts matches a pattern.
public struct ReplyRecognizer: Sendable {
    let fallbackIntents: Set<String>
    let fallbackPatterns: [TextPattern]
    let handoffIntents: Set<String>
    let handoffPatterns: [TextPattern]

    public init(_ recognition: BotRecognition) throws(PatternError) {
        fallbackIntents = Set(recognition.fallback.intents)
        handoffIntents = Set(recognition.handoff.intents)
        fallbackPatterns = try recognition.fallback.patterns.map { (source) throws(PatternError) in try TextPattern(source) }
        handoffPatterns = try recognition.handoff.patterns.map { (source) throws(PatternError) in try TextPattern(source) }
    }

    public func isFallback(texts: [String], intent: String?) -> Bool {
        Self.recognises(texts: texts, intent: intent, intents: fallbackIntents, patterns: fallbackPatterns)
    }

    /// `flag` is the target's own handoff signal, when it has one.
    public func isHandoff(texts: [String], intent: String?, flag: Bool?) -> Bool {
        flag == true || Self.recognises(texts: texts, intent: intent, intents: handoffIntents, patterns: handoffPatterns)
    }

    private static func recognises(texts: [String], intent: String?, intents: Set<String>, patterns: [TextPattern]) -> Bool {
        if let intent, intents.contains(intent) { return true }
        return patterns.contains { pattern in texts.contains { pattern.matches($0) } }
    }
}
