import ChorusModel
import ChorusSpec

extension ReferenceBot {
    /// What one turn knows while it builds the reply: the NLU result and the variant to use.
    struct Turn {
        let bot: ReferenceBot
        let prediction: IntentPrediction
        let entities: [Entity]
        let variant: Int

        /// A reply reporting the classifier's prediction.
        func reply(_ texts: [String], handoff: Bool = false) -> BotResponse {
            BotResponse(
                texts: texts, intent: prediction.intent, confidence: prediction.confidence,
                entities: entities, handoff: handoff)
        }

        /// Picks and fills a variant; placeholders take this message's entities, then `slots`.
        func render(_ variants: [String], slots: [String: String]) -> String {
            var values = slots
            for entity in entities where values[entity.name] == nil { values[entity.name] = entity.value }
            return ReplyTemplate.render(variants, turn: variant, values: values, parsed: bot.templates)
        }

        /// Hands the conversation to a human and forgets any form.
        func handoff(_ state: inout ConversationState, intent: String? = nil) -> BotResponse {
            state.activeForm = nil
            state.slots = [:]
            state.consecutiveFallbacks = 0
            var response = reply([render(bot.definition.handoff.replies, slots: [:])], handoff: true)
            if let intent { response.intent = intent }
            return response
        }

        /// Falls back, or hands off once the fallbacks in a row reach `handoff_after_fallbacks`;
        /// either way the reported intent is the fallback intent. An active form stays active.
        func fallback(_ state: inout ConversationState) -> BotResponse {
            state.consecutiveFallbacks += 1
            let fallbackIntent = bot.definition.fallback.intent
            if let limit = bot.definition.handoffAfterFallbacks, state.consecutiveFallbacks >= limit {
                return handoff(&state, intent: fallbackIntent)
            }
            var response = reply([render(bot.definition.fallback.replies, slots: [:])])
            response.intent = fallbackIntent
            return response
        }

        /// Fills the form's missing slots from this message's entities (each entity fills at
        /// most one slot); returns how many it filled.
        @discardableResult
        func fillSlots(of form: FormDefinition, from entities: [Entity], into state: inout ConversationState)
            -> Int
        {
            var used = Set<Int>()
            var filled = 0
            for slot in form.slots where state.slots[slot.name] == nil {
                let entity = slot.entity ?? slot.name
                guard let index = entities.indices.first(where: { !used.contains($0) && entities[$0].name == entity })
                else {
                    continue
                }
                used.insert(index)
                state.slots[slot.name] = entities[index].value
                filled += 1
            }
            return filled
        }

        /// Asks for the first missing slot, or gives the `done` reply and ends the form.
        func continueForm(_ intent: String, _ form: FormDefinition, _ state: inout ConversationState) -> BotResponse {
            if let missing = form.slots.first(where: { state.slots[$0.name] == nil }) {
                state.activeForm = intent
                return reply([render(missing.ask, slots: state.slots)])
            }
            let done = ReplyTemplate.render(form.done, turn: variant, values: state.slots, parsed: bot.templates)
            state.activeForm = nil
            state.slots = [:]
            return reply([done])
        }
    }
}
