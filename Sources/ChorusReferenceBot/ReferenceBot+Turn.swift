import ChorusModel
import ChorusSpec

extension ReferenceBot {
    /// What one turn knows while it builds the reply: the message, its NLU result and the
    /// reply variant to use.
    struct Turn {
        let bot: ReferenceBot
        let text: String
        let prediction: IntentPrediction
        let confident: Bool
        /// The message's entities; malformed values join them when the policy accepts those.
        var entities: [Entity]
        let variant: Int

        /// The predicted intent when the classifier is confident.
        private var confidentIntent: CompiledIntent? {
            confident ? bot.intents[prediction.intent] : nil
        }

        private var policy: BotDefinition.Policy { bot.definition.policy }

        // MARK: - Outside a form

        /// A message with no form active: fall back, hand off, start a form or reply.
        mutating func respondOutsideForm(_ state: inout ConversationState) -> BotResponse {
            guard let intent = confidentIntent else { return fallback(&state) }
            state.consecutiveFallbacks = 0
            switch intent.role {
            case .handoff:
                return handoff(&state)
            case .form:
                guard let form = intent.form else { return fallback(&state) }
                return start(form, keeping: [:], &state)
            case .closing, .answer, .question:
                return reply([render(intent.replies, messageValues)])
            }
        }

        /// Starts `form` with `kept` slots, takes the values in the message and asks what is next.
        private mutating func start(
            _ form: CompiledForm, keeping kept: [String: String], _ state: inout ConversationState
        )
            -> BotResponse
        {
            state.activeForm = form.intent
            state.slots = kept
            acceptMalformedValues(for: form, state)
            var update = FormUpdate()
            fill(form, &state, &update)
            checkMalformedValues(for: form, state, &update)
            return advance(form, update, &state)
        }

        // MARK: - Inside a form

        /// A message while `form` is active.
        mutating func respond(in form: CompiledForm, _ state: inout ConversationState) -> BotResponse {
            let intent = confidentIntent
            switch intent?.role {
            case .handoff?:
                return handoff(&state)
            case .closing?:
                state.consecutiveFallbacks = 0
                endForm(&state)
                return reply([render(intent!.replies, messageValues)])
            case .question?:
                return digress(intent!, from: form, &state)
            default:
                break
            }

            let confirming = !form.confirm.isEmpty && form.firstMissing(in: state.slots) == nil
            acceptMalformedValues(for: form, state)
            var update = FormUpdate()
            fill(form, &state, &update)
            correct(form, &state, &update)
            checkMalformedValues(for: form, state, &update)
            // Only a message that gives this form nothing switches to another form's request: "no,
            // QW-998877" is a correction even when it reads like "where is order QW-998877".
            if update.isEmpty, let intent, intent.role == .form, intent.name != form.intent, let other = intent.form {
                state.consecutiveFallbacks = 0
                return switchForm(to: other, &state)
            }
            if !update.isEmpty {
                state.consecutiveFallbacks = 0
                return advance(form, update, &state)
            }

            guard let intent else { return fallback(&state) }
            state.consecutiveFallbacks = 0
            if confirming, let confirmation = bot.definition.confirmation {
                // Asking for the same thing again while it waits for a yes is a yes.
                if intent.name == confirmation.affirm || intent.name == form.intent { return done(form, [], &state) }
                if intent.name == confirmation.deny {
                    return reply([render(bot.askChangeReplies, slotValues(state))])
                }
            }
            return reply([pendingQuestion(form, state)])
        }

        /// Answers an off-task question, then resumes the form (or restarts it, by the policy).
        /// The answer quotes the question's own values, never the form's.
        private func digress(_ intent: CompiledIntent, from form: CompiledForm, _ state: inout ConversationState)
            -> BotResponse
        {
            state.consecutiveFallbacks = 0
            if policy.afterDigression == .restart { state.slots.removeAll() }
            let answer = render(intent.replies, messageValues)
            return reply([answer, pendingQuestion(form, state)])
        }

        /// Leaves the active form for `other`, keeping the slots both share unless the message
        /// gives them anew ("actually, where is my order?" keeps the order number).
        private mutating func switchForm(to other: CompiledForm, _ state: inout ConversationState) -> BotResponse {
            let given = entities
            let kept = state.slots.filter { slot in
                guard let shared = other.slots.first(where: { $0.name == slot.key }) else { return false }
                return !given.contains { $0.name == shared.entity }
            }
            return start(other, keeping: kept, &state)
        }

        // MARK: - Slots

        /// Fills the form's missing slots from the message's entities, each entity at most once.
        private func fill(_ form: CompiledForm, _ state: inout ConversationState, _ update: inout FormUpdate) {
            for (index, slot) in form.slots.enumerated() where state.slots[slot.name] == nil {
                guard let entity = unusedEntity(slot.entity, update) else { continue }
                update.usedEntities |= 1 << UInt64(entity)
                update.filledSlots |= 1 << UInt64(index)
                update.filled += 1
                state.slots[slot.name] = entities[entity].value
            }
        }

        /// Entities left over after filling that give a filled slot another value: corrections,
        /// applied unless the policy ignores them.
        private func correct(_ form: CompiledForm, _ state: inout ConversationState, _ update: inout FormUpdate) {
            for (index, slot) in form.slots.enumerated() where update.filledSlots & (1 << UInt64(index)) == 0 {
                guard let current = state.slots[slot.name], let entity = unusedEntity(slot.entity, update) else {
                    continue
                }
                update.usedEntities |= 1 << UInt64(entity)
                let value = entities[entity].value
                if value == current || value.lowercased() == current.lowercased() { continue }
                update.corrected.append(index)
                if policy.corrections == .apply { state.slots[slot.name] = value }
            }
        }

        /// The first entity named `name` not used yet for a slot.
        private func unusedEntity(_ name: String, _ update: FormUpdate) -> Int? {
            for index in entities.indices.prefix(64) where entities[index].name == name {
                if update.usedEntities & (1 << UInt64(index)) == 0 { return index }
            }
            return nil
        }

        /// The slots whose malformed values are looked for: those the message gives no valid
        /// value for, which are missing — or filled, when a new value would correct them.
        private func needsMalformedCheck(_ slot: CompiledForm.Slot, _ state: ConversationState) -> Bool {
            guard bot.extractor.checksInvalidValues(of: slot.entity) else { return false }
            guard state.slots[slot.name] == nil || policy.corrections == .apply else { return false }
            return !entities.contains { $0.name == slot.entity }
        }

        /// With `invalid_values: reject`, notes the first malformed value for a slot.
        private func checkMalformedValues(
            for form: CompiledForm, _ state: ConversationState, _ update: inout FormUpdate
        ) {
            guard policy.invalidValues == .reject else { return }
            for (index, slot) in form.slots.enumerated() where needsMalformedCheck(slot, state) {
                if let value = bot.extractor.malformed(slot.entity, in: text) {
                    update.invalid = (index, value)
                    return
                }
            }
        }

        /// With `invalid_values: accept`, takes malformed values as the entities' values.
        private mutating func acceptMalformedValues(for form: CompiledForm, _ state: ConversationState) {
            guard policy.invalidValues == .accept else { return }
            for slot in form.slots where needsMalformedCheck(slot, state) {
                if let value = bot.extractor.malformed(slot.entity, in: text) {
                    entities.append(Entity(name: slot.entity, value: value))
                }
            }
        }

        // MARK: - Replies

        /// After the message changed the form: acknowledge corrections, then either name a
        /// malformed value and ask for its slot again, or ask the next question — the first
        /// missing slot, else the confirmation — or act.
        private func advance(_ form: CompiledForm, _ update: FormUpdate, _ state: inout ConversationState)
            -> BotResponse
        {
            let values = slotValues(state)
            var texts: [String] = []
            if policy.corrections == .apply {
                for index in update.corrected where !form.slots[index].changed.isEmpty {
                    texts.append(render(form.slots[index].changed, values))
                }
            }
            if let (index, value) = update.invalid {
                let slot = form.slots[index]
                let named = ReplyValues(
                    entities: [Entity(name: slot.entity, value: value)], tables: bot.definition.tables)
                texts.append(render(bot.invalidReplies[slot.entity] ?? [], named))
                texts.append(render(slot.ask, values))
                return reply(texts)
            }
            if form.firstMissing(in: state.slots) == nil && form.confirm.isEmpty {
                return done(form, texts, &state)
            }
            texts.append(pendingQuestion(form, state))
            return reply(texts)
        }

        /// The question the form waits on: the first missing slot, else the confirmation.
        private func pendingQuestion(_ form: CompiledForm, _ state: ConversationState) -> String {
            let values = slotValues(state)
            if let missing = form.firstMissing(in: state.slots) { return render(missing.ask, values) }
            return render(form.confirm.isEmpty ? form.done : form.confirm, values)
        }

        /// The `done` reply, after `texts`; the form ends and the next request starts afresh.
        private func done(_ form: CompiledForm, _ texts: [String], _ state: inout ConversationState) -> BotResponse {
            let done = render(form.done, slotValues(state))
            endForm(&state)
            return reply(texts + [done])
        }

        private func endForm(_ state: inout ConversationState) {
            state.activeForm = nil
            state.slots.removeAll()
        }

        /// The values other replies quote: the message's own entities (and the tables' rows
        /// for them).
        private var messageValues: ReplyValues {
            ReplyValues(entities: entities, tables: bot.definition.tables)
        }

        /// The values form replies quote: the form's slots only, so a question or a confirmation
        /// always shows what the bot holds, not what the message said.
        private func slotValues(_ state: ConversationState) -> ReplyValues {
            ReplyValues(slots: state.slots, tables: bot.definition.tables)
        }

        private func render(_ variants: [Template], _ values: ReplyValues) -> String {
            ReplyTemplate.render(variants, turn: variant, values: values)
        }

        /// A reply reporting the classifier's prediction.
        private func reply(_ texts: [String], handoff: Bool = false) -> BotResponse {
            BotResponse(
                texts: texts, intent: prediction.intent, confidence: prediction.confidence, entities: entities,
                handoff: handoff)
        }

        /// Hands the conversation to a human and forgets any form.
        private func handoff(_ state: inout ConversationState, intent: String? = nil) -> BotResponse {
            endForm(&state)
            state.consecutiveFallbacks = 0
            var response = reply([render(bot.handoffReplies, messageValues)], handoff: true)
            if let intent { response.intent = intent }
            return response
        }

        /// Falls back, or hands off once the fallbacks in a row reach `handoff_after_fallbacks`;
        /// either way the reported intent is the fallback intent. An active form stays active.
        private func fallback(_ state: inout ConversationState) -> BotResponse {
            state.consecutiveFallbacks += 1
            let fallbackIntent = bot.definition.fallback.intent
            if let limit = bot.definition.handoffAfterFallbacks, state.consecutiveFallbacks >= limit {
                return handoff(&state, intent: fallbackIntent)
            }
            var response = reply([render(bot.fallbackReplies, messageValues)])
            response.intent = fallbackIntent
            return response
        }
    }
}
