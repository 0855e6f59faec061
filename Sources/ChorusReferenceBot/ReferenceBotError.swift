import ChorusModel
import ChorusSpec

/// Why a `BotDefinition` cannot be turned into a `ReferenceBot`.
public enum ReferenceBotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file format version is not one this engine knows.
    case unsupportedVersion(Int)
    /// The bot has no intents, so it cannot classify anything.
    case noIntents
    /// An intent has no training examples.
    case intentWithoutExamples(intent: String)
    /// An intent has neither replies nor a form, so the bot would have nothing to say.
    case intentWithoutReplies(intent: String)
    /// The fallback or handoff section has no reply.
    case fixedReplyWithoutText(intent: String)
    /// The threshold is not between 0 and 1.
    case thresholdOutOfRange(Double)
    /// `handoff_after_fallbacks` is less than 1.
    case invalidHandoffAfterFallbacks(Int)
    /// An entity pattern is not a valid regular expression.
    case invalidPattern(entity: String, pattern: String)
    /// An entity has neither `values` nor `pattern`.
    case entityWithoutValuesOrPattern(entity: String)
    /// An entity value or synonym is empty once punctuation is stripped.
    case emptyEntityValue(entity: String)
    /// A form slot is filled by an entity the bot does not define.
    case unknownSlotEntity(intent: String, slot: String, entity: String)
    /// A form has no slots, a slot has no question, or the form has no `done` reply.
    case incompleteForm(intent: String, reason: String)
    /// The `confirmation` section names an affirm or deny intent the bot does not define.
    case unknownConfirmationIntent(String)
    /// A table is keyed by an entity the bot does not define.
    case unknownTableEntity(table: String, entity: String)
    /// An entity's `invalid` section has no reply.
    case invalidValueWithoutReply(entity: String)

    public var description: String {
        switch self {
        case .unsupportedVersion(let version):
            return "unsupported bot file version \(version) (expected 1)"
        case .noIntents:
            return "the bot defines no intents"
        case .intentWithoutExamples(let intent):
            return "intent \"\(intent)\" has no examples"
        case .intentWithoutReplies(let intent):
            return "intent \"\(intent)\" has neither replies nor a form"
        case .fixedReplyWithoutText(let intent):
            return "intent \"\(intent)\" needs at least one reply"
        case .thresholdOutOfRange(let threshold):
            return "threshold \(threshold) is not between 0 and 1"
        case .invalidHandoffAfterFallbacks(let count):
            return "handoff_after_fallbacks must be at least 1, not \(count)"
        case .invalidPattern(let entity, let pattern):
            return "entity \"\(entity)\" has an invalid pattern \"\(pattern)\""
        case .entityWithoutValuesOrPattern(let entity):
            return "entity \"\(entity)\" needs values or a pattern"
        case .emptyEntityValue(let entity):
            return "entity \"\(entity)\" has an empty value or synonym"
        case .unknownSlotEntity(let intent, let slot, let entity):
            return "slot \"\(slot)\" of intent \"\(intent)\" uses unknown entity \"\(entity)\""
        case .incompleteForm(let intent, let reason):
            return "the form of intent \"\(intent)\" \(reason)"
        case .unknownConfirmationIntent(let intent):
            return "confirmation intent \"\(intent)\" is not defined"
        case .unknownTableEntity(let table, let entity):
            return "table \"\(table)\" is keyed by unknown entity \"\(entity)\""
        case .invalidValueWithoutReply(let entity):
            return "the invalid values of entity \"\(entity)\" need a reply"
        }
    }
}
