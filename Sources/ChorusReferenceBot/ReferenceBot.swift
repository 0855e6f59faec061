import ChorusModel
import ChorusSpec

/// The embedded reference chatbot: an intent classifier, entity extraction, forms with
/// confirmation, and tables of facts, defined by a `BotDefinition` (`Fixtures/bots/*.yaml`).
///
/// The bot is immutable and trained once at `init`; every conversation keeps its own
/// `ConversationState`, so one bot serves any number of concurrent conversations.
///
/// One turn works like a small Rasa assistant with forms:
/// - outside a form, below `threshold` the bot falls back, and after `handoff_after_fallbacks`
///   fallbacks in a row it hands off instead; the handoff intent hands off; an intent with a
///   form starts it (values already in the message are taken); any other intent gets one of
///   its replies, with `{entity}` and `{table}` placeholders filled from the message.
/// - inside a form, a confident handoff hands off and a confident closing intent (`closes`)
///   says goodbye and ends the form. A confident off-task question (an intent with replies
///   other than `inform`, affirm and deny) is a digression: it is answered and the pending
///   question asked again (or, by `policy.after_digression: restart`, the form starts over).
///   Otherwise the message's entities fill missing slots — even below the threshold, since a
///   bare "AB-123456" is an answer, not noise; an entity for a slot already filled with another
///   value is a correction (applied and acknowledged, or ignored by `policy.corrections:
///   ignore`); a malformed value ("AB-12345") is named and the slot asked for again (or taken,
///   by `policy.invalid_values: accept`). Only a message that does none of these and
///   confidently names another form's intent switches forms, keeping the slots both share.
/// - once every slot is filled, a form with `confirm` asks, naming the values; a yes (the
///   affirm intent, or the form's own request again) gives the `done` reply and ends the form,
///   a no with new values corrects them and asks again, a bare no asks what to change. A form
///   without `confirm` acts at once. After `done` the next request starts afresh.
public final class ReferenceBot: Sendable {
    /// The intent of bare slot answers ("the headphones", "at 3pm"); inside a form it only
    /// answers the pending question, so its own replies are for messages outside a form.
    public static let informIntent = "inform"

    /// The definition the bot was built from.
    public let definition: BotDefinition
    /// The trained intent classifier.
    public let classifier: IntentClassifier
    let extractor: EntityExtractor
    /// Every intent with its replies parsed, so a turn never parses a template.
    let intents: [String: CompiledIntent]
    let fallbackReplies: [Template]
    let handoffReplies: [Template]
    /// The reply to a bare "no" to a confirmation question.
    let askChangeReplies: [Template]
    /// What the bot says about a malformed value, by entity.
    let invalidReplies: [String: [Template]]
    /// The understanding of recent messages (the classifier and extractor are pure functions
    /// of the text), and the classifier's predictions for recent normalised texts.
    private let understood = RecentCache<String, Understanding>()
    private let predicted = RecentCache<[UInt32], IntentPrediction>()

    /// Validates `definition` and trains the classifier on its examples.
    public init(definition: BotDefinition) throws(ReferenceBotError) {
        try Self.validate(definition)
        self.definition = definition
        self.extractor = try EntityExtractor(definition.entities, folding: definition.normalize)
        self.classifier = IntentClassifier(
            examples: definition.intents.mapValues(\.examples), folding: definition.normalize)
        var intents: [String: CompiledIntent] = [:]
        for (name, intent) in definition.intents {
            intents[name] = CompiledIntent(name: name, intent, definition: definition)
        }
        self.intents = intents
        fallbackReplies = definition.fallback.replies.map(Template.init)
        handoffReplies = definition.handoff.replies.map(Template.init)
        askChangeReplies = (definition.confirmation?.askChange ?? []).map(Template.init)
        invalidReplies = definition.entities.compactMapValues { $0.invalid?.replies.map(Template.init) }
    }

    /// The classifier's prediction for `text`, without any conversation.
    public func classify(_ text: String) -> IntentPrediction {
        classifier.classify(text)
    }

    /// The entities in `text`.
    public func extractEntities(from text: String) -> [Entity] {
        extractor.extract(from: text)
    }

    /// Answers one user message and advances the conversation's `state`.
    public func respond(to text: String, state: inout ConversationState) -> BotResponse {
        state.turnCount += 1
        let understanding = understood.value(for: text) { text in
            let normalized = classifier.normalize(text)
            let prediction = predicted.value(for: normalized.identity) { _ in classifier.classify(normalized) }
            return Understanding(prediction: prediction, entities: extractor.extract(from: text))
        }
        let prediction = understanding.prediction
        var turn = Turn(
            bot: self, text: text, prediction: prediction, confident: prediction.confidence >= definition.threshold,
            entities: understanding.entities, variant: state.turnCount - 1)
        if let name = state.activeForm, let form = intents[name]?.form {
            return turn.respond(in: form, &state)
        }
        return turn.respondOutsideForm(&state)
    }

    private static func validate(_ definition: BotDefinition) throws(ReferenceBotError) {
        guard definition.version == 1 else { throw .unsupportedVersion(definition.version) }
        guard (0...1).contains(definition.threshold) else { throw .thresholdOutOfRange(definition.threshold) }
        if let count = definition.handoffAfterFallbacks, count < 1 { throw .invalidHandoffAfterFallbacks(count) }
        for fixed in [definition.fallback, definition.handoff] where fixed.replies.isEmpty {
            throw .fixedReplyWithoutText(intent: fixed.intent)
        }
        guard !definition.intents.isEmpty else { throw .noIntents }
        if let confirmation = definition.confirmation {
            for intent in [confirmation.affirm, confirmation.deny] where definition.intents[intent] == nil {
                throw .unknownConfirmationIntent(intent)
            }
            if confirmation.askChange.isEmpty { throw .fixedReplyWithoutText(intent: confirmation.deny) }
        }
        for name in definition.entities.keys.sorted() where definition.entities[name]?.invalid?.replies.isEmpty == true
        {
            throw .invalidValueWithoutReply(entity: name)
        }
        for name in definition.tables.keys.sorted() {
            guard let table = definition.tables[name] else { continue }
            if definition.entities[table.key] == nil { throw .unknownTableEntity(table: name, entity: table.key) }
        }
        for name in definition.intents.keys.sorted() {
            guard let intent = definition.intents[name] else { continue }
            if intent.examples.isEmpty { throw .intentWithoutExamples(intent: name) }
            if let form = intent.form {
                if form.slots.isEmpty { throw .incompleteForm(intent: name, reason: "has no slots") }
                // A turn tracks the form's slots in a 64-bit set.
                if form.slots.count > 64 { throw .incompleteForm(intent: name, reason: "has more than 64 slots") }
                if form.done.isEmpty { throw .incompleteForm(intent: name, reason: "has no done reply") }
                if form.confirm != nil && definition.confirmation == nil {
                    throw .incompleteForm(
                        intent: name, reason: "asks for confirmation but the bot has no confirmation intents")
                }
                for slot in form.slots {
                    if slot.ask.isEmpty {
                        throw .incompleteForm(intent: name, reason: "does not ask for slot \"\(slot.name)\"")
                    }
                    let entity = slot.entity ?? slot.name
                    if definition.entities[entity] == nil {
                        throw .unknownSlotEntity(intent: name, slot: slot.name, entity: entity)
                    }
                }
            } else if name != definition.handoff.intent && (intent.replies ?? []).isEmpty {
                throw .intentWithoutReplies(intent: name)
            }
        }
    }
}
