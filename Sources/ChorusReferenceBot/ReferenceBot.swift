import ChorusModel
import ChorusSpec

/// The embedded reference chatbot: an intent classifier, entity extraction and forms, defined
/// by a `BotDefinition` (`Fixtures/bots/*.yaml`).
///
/// The bot is immutable and trained once at `init`; every conversation keeps its own
/// `ConversationState`, so one bot serves any number of concurrent conversations.
///
/// One turn works like a small Rasa assistant with forms:
/// - while a form is active, a confident handoff interrupts it; otherwise entities in the
///   message fill its missing slots (several at once if present) even when the classifier is
///   not confident or predicts another intent — a bare "AB-123456" or "order AB-123456" is an
///   answer, not noise; a message that fills nothing and confidently names another form's
///   intent switches forms; a confident other intent is answered and the pending question
///   asked again;
/// - otherwise, below `threshold` the bot falls back, and after `handoff_after_fallbacks`
///   fallbacks in a row it hands off instead;
/// - the handoff intent hands off; an intent with a form starts it (slots already in the
///   message are taken, then the first missing one is asked for, or the `done` reply given);
///   any other intent gets one of its replies with `{entity}` placeholders filled.
public final class ReferenceBot: Sendable {
    /// The intent of bare slot answers ("the headphones", "at 3pm"); inside a form it only
    /// answers the pending question, so its own replies are for messages outside a form.
    public static let informIntent = "inform"

    /// The definition the bot was built from.
    public let definition: BotDefinition
    /// The trained intent classifier.
    public let classifier: IntentClassifier
    private let extractor: EntityExtractor
    /// Every reply text of the definition, parsed once, so a turn never parses a template.
    let templates: [String: Template]

    /// Validates `definition` and trains the classifier on its examples.
    public init(definition: BotDefinition) throws(ReferenceBotError) {
        try Self.validate(definition)
        self.definition = definition
        self.extractor = try EntityExtractor(definition.entities)
        self.classifier = IntentClassifier(examples: definition.intents.mapValues(\.examples))
        var texts = definition.fallback.replies + definition.handoff.replies
        for intent in definition.intents.values {
            texts += intent.replies ?? []
            if let form = intent.form { texts += form.done + form.slots.flatMap(\.ask) }
        }
        templates = Dictionary(texts.map { ($0, Template($0)) }, uniquingKeysWith: { first, _ in first })
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
        let prediction = classifier.classify(text)
        let entities = extractor.extract(from: text)
        let confident = prediction.confidence >= definition.threshold
        let intent = prediction.intent
        let turn = Turn(bot: self, prediction: prediction, entities: entities, variant: state.turnCount - 1)

        if let formIntent = state.activeForm, let form = definition.intents[formIntent]?.form {
            if confident && intent == definition.handoff.intent {
                return turn.handoff(&state)
            }
            if turn.fillSlots(of: form, from: entities, into: &state) > 0 {
                state.consecutiveFallbacks = 0
                return turn.continueForm(formIntent, form, &state)
            }
            if confident, intent != formIntent, let other = definition.intents[intent]?.form {
                // Switching forms keeps the slots the new form also has (the same order number).
                let kept = state.slots.filter { slot in other.slots.contains { $0.name == slot.key } }
                state.activeForm = intent
                state.slots = kept
                state.consecutiveFallbacks = 0
                turn.fillSlots(of: other, from: entities, into: &state)
                return turn.continueForm(intent, other, &state)
            }
            if confident {
                state.consecutiveFallbacks = 0
                var texts: [String] = []
                if intent != formIntent, intent != Self.informIntent, let replies = definition.intents[intent]?.replies
                {
                    texts.append(turn.render(replies, slots: state.slots))
                }
                var response = turn.continueForm(formIntent, form, &state)
                response.texts.insert(contentsOf: texts, at: 0)
                return response
            }
            return turn.fallback(&state)
        }

        guard confident else { return turn.fallback(&state) }
        state.consecutiveFallbacks = 0
        if intent == definition.handoff.intent {
            return turn.handoff(&state)
        }
        guard let definitionOfIntent = definition.intents[intent] else { return turn.fallback(&state) }
        if let form = definitionOfIntent.form {
            state.activeForm = intent
            state.slots = [:]
            turn.fillSlots(of: form, from: entities, into: &state)
            return turn.continueForm(intent, form, &state)
        }
        return turn.reply([turn.render(definitionOfIntent.replies ?? [], slots: [:])])
    }

    private static func validate(_ definition: BotDefinition) throws(ReferenceBotError) {
        guard definition.version == 1 else { throw .unsupportedVersion(definition.version) }
        guard (0...1).contains(definition.threshold) else { throw .thresholdOutOfRange(definition.threshold) }
        if let count = definition.handoffAfterFallbacks, count < 1 { throw .invalidHandoffAfterFallbacks(count) }
        for fixed in [definition.fallback, definition.handoff] where fixed.replies.isEmpty {
            throw .fixedReplyWithoutText(intent: fixed.intent)
        }
        guard !definition.intents.isEmpty else { throw .noIntents }
        for name in definition.intents.keys.sorted() {
            guard let intent = definition.intents[name] else { continue }
            if intent.examples.isEmpty { throw .intentWithoutExamples(intent: name) }
            if let form = intent.form {
                if form.slots.isEmpty { throw .incompleteForm(intent: name, reason: "has no slots") }
                if form.done.isEmpty { throw .incompleteForm(intent: name, reason: "has no done reply") }
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
