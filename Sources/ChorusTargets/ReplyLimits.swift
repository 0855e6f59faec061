import ChorusModel

/// The caps on one bot reply. A reply beyond them is recorded as an `oversized_reply` error on
/// its turn (the conversation ends in `error`), never kept: a bot that answers 10,000 messages or
/// megabytes of text would otherwise fill memory and the database, and the patterns that judge
/// replies only look at their first `TextPattern.maxTextBytes` anyway.
public struct ReplyLimits: Sendable, Equatable {
    /// Messages in one reply.
    public var maxMessages: Int
    /// UTF-8 bytes of all the reply's texts together.
    public var maxTextBytes: Int

    public static let defaultMaxMessages = 100
    public static let defaultMaxTextBytes = 64 * 1024
    /// The largest HTTP response body a connector reads (JSON around the texts included).
    public static let maximumBodyBytes = 1 << 20

    public init(maxMessages: Int = defaultMaxMessages, maxTextBytes: Int = defaultMaxTextBytes) {
        self.maxMessages = maxMessages
        self.maxTextBytes = maxTextBytes
    }

    /// Throws an `oversized_reply` error when `reply` is beyond the caps.
    public func check(_ reply: BotReply) throws(TargetError) {
        if reply.texts.count > maxMessages {
            throw TargetError(
                .oversizedReply, "the reply has \(reply.texts.count) messages, above the cap of \(maxMessages)")
        }
        let bytes = reply.texts.reduce(0) { $0 + $1.utf8.count }
        if bytes > maxTextBytes {
            throw TargetError(.oversizedReply, "the reply's texts are \(bytes) bytes, above the cap of \(maxTextBytes)")
        }
    }
}
