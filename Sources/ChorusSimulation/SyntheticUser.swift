import ChorusModel
import ChorusSpec

/// One synthetic user, for one conversation: a persona pursuing a goal.
///
/// Everything it does is drawn from its own generator, derived from (suite seed, conversation
/// index), and from the bot's replies — so a conversation replays identically on its own, in
/// any shard, at any concurrency.
///
/// An agenda user opens with its request (sometimes with slots already filled), answers the slot
/// the bot asks for, may add one it was not asked for, rephrases after a fallback, gives up when
/// its patience runs out, and stops when the success condition holds. A scripted user says its
/// steps in order and checks each step's expectations.
public struct SyntheticUser: Sendable {
    public let index: Int
    private let suite: CompiledSuite
    private let personaIndex: Int
    private let goalIndex: Int
    private var generator: SeededGenerator
    /// Values drawn for this conversation, by slot or vocab name.
    private var values: [String: String] = [:]
    /// Per slot of the goal: whether the user has given it.
    private var provided: [Bool]
    private var turns = 0
    private var consecutiveFallbacks = 0
    private var lastAct = Act.opening(variant: 0)

    private enum Act: Sendable {
        case opening(variant: Int)
        case answer(slot: Int, variant: Int)
        case step(Int, variant: Int)
    }

    /// The user of conversation `index` of a run with `seed`.
    public init(suite: CompiledSuite, seed: UInt64, conversation index: Int) {
        self.index = index
        self.suite = suite
        generator = SeededGenerator(seed: seed, conversation: index)
        personaIndex = generator.pick(cumulative: suite.personaWeights)
        let persona = suite.personas[personaIndex]
        goalIndex = persona.goalIndices[generator.pick(cumulative: persona.goalWeights)]
        let goal = suite.goals[goalIndex]
        provided = Array(repeating: false, count: goal.slots.count)
        for slot in goal.slots {
            values[slot.name] = suite.draw(vocab: slot.vocab, using: &generator)
        }
    }

    public var persona: String { suite.personas[personaIndex].name }
    public var goal: String { suite.goals[goalIndex].name }
    /// The user turns taken so far.
    public var turnCount: Int { turns }

    private var goalSpec: CompiledGoal { suite.goals[goalIndex] }
    private var personaSpec: CompiledPersona { suite.personas[personaIndex] }

    /// The first message of the conversation.
    public mutating func opening() -> UserTurn {
        let goal = goalSpec
        if let first = goal.steps.first { return say(.step(0, variant: generator.below(first.variants.count))) }
        return say(.opening(variant: generator.below(goal.openings.count)))
    }

    /// Reacts to the bot's reply to the last message.
    public mutating func react(to reply: BotObservation) -> UserReaction {
        let goal = goalSpec
        if goal.steps.isEmpty {
            if Self.succeeded(reply, intent: goal.success.intent, pattern: goal.successReply, handoff: goal.success.handoff ?? false) {
                return UserReaction(failures: [], next: .end(.completed))
            }
            if reply.handoff { return UserReaction(failures: [], next: .end(.handedOff)) }
            if reply.fallback {
                consecutiveFallbacks += 1
                if consecutiveFallbacks >= personaSpec.persona.patience {
                    return UserReaction(failures: [], next: .end(.abandoned))
                }
                return continueWith(rephrasing())
            }
            consecutiveFallbacks = 0
            return continueWith(nextAgendaAct(after: reply))
        } else {
            let steps = goal.steps
            guard case .step(let current, _) = lastAct else { return UserReaction(failures: [], next: .end(.failed)) }
            let step = steps[current]
            let failures = check(step, against: reply)
            if !failures.isEmpty, step.required { return UserReaction(failures: failures, next: .end(.failed)) }
            if reply.handoff { return UserReaction(failures: failures, next: .end(.handedOff)) }
            if current + 1 == steps.count { return UserReaction(failures: failures, next: .end(.completed)) }
            var reaction = continueWith(.step(current + 1, variant: generator.below(steps[current + 1].variants.count)))
            reaction.failures = failures
            return reaction
        }
    }

    // MARK: - Agenda

    private static func succeeded(_ reply: BotObservation, intent: String?, pattern: TextPattern?, handoff: Bool) -> Bool {
        if handoff { return reply.handoff && (pattern.map { p in reply.texts.contains { p.matches($0) } } ?? true) }
        guard !reply.fallback, !reply.handoff, intent != nil || pattern != nil else { return false }
        if let intent, reply.intent != intent { return false }
        if let pattern, !reply.texts.contains(where: { pattern.matches($0) }) { return false }
        return true
    }

    /// After a fallback, the same act again in other words.
    private mutating func rephrasing() -> Act {
        switch lastAct {
        case .opening(let old):
            return .opening(variant: otherVariant(than: old, count: goalSpec.openings.count))
        case .answer(let slot, let old):
            return .answer(slot: slot, variant: otherVariant(than: old, count: goalSpec.slots[slot].answers.count))
        case .step(let step, let old):
            return .step(step, variant: otherVariant(than: old, count: goalSpec.steps[step].variants.count))
        }
    }

    /// Answers the slot the bot asks for; if it asks for none, volunteers the next slot not given
    /// yet; with everything given, states the request again.
    private mutating func nextAgendaAct(after reply: BotObservation) -> Act {
        let slots = goalSpec.slots
        if let asked = slots.firstIndex(where: { slot in slot.ask.map { p in reply.texts.contains { p.matches($0) } } ?? false }) {
            return .answer(slot: asked, variant: generator.below(slots[asked].answers.count))
        }
        if let missing = provided.firstIndex(of: false) {
            return .answer(slot: missing, variant: generator.below(slots[missing].answers.count))
        }
        return .opening(variant: generator.below(goalSpec.openings.count))
    }

    private mutating func otherVariant(than old: Int, count: Int) -> Int {
        guard count > 1 else { return old }
        let draw = generator.below(count - 1)
        return draw >= old ? draw + 1 : draw
    }

    private mutating func continueWith(_ act: Act) -> UserReaction {
        guard turns < suite.suite.maxTurns else { return UserReaction(failures: [], next: .end(.maxTurns)) }
        return UserReaction(failures: [], next: .say(say(act)))
    }

    // MARK: - Saying things

    private mutating func say(_ act: Act) -> UserTurn {
        lastAct = act
        turns += 1
        var pieces: [NoiseModel.Piece] = []
        var slots: [Entity] = []
        let expectedIntent: String?
        switch act {
        case .opening(let variant):
            render(goalSpec.openings[variant], into: &pieces, slots: &slots)
            expectedIntent = goalSpec.intent
        case .answer(let slot, let variant):
            render(goalSpec.slots[slot].answers[variant], into: &pieces, slots: &slots)
            if generator.chance(personaSpec.persona.volunteer),
                let extra = provided.indices.first(where: { !provided[$0] && $0 != slot })
            {
                let answers = goalSpec.slots[extra].answers
                var more: [NoiseModel.Piece] = []
                render(answers[generator.below(answers.count)], into: &more, slots: &slots)
                pieces = Self.joined(pieces, more, language: suite.language)
            }
            expectedIntent = goalSpec.answerIntent
        case .step(let step, let variant):
            render(goalSpec.steps[step].variants[variant], into: &pieces, slots: &slots)
            expectedIntent = goalSpec.steps[step].intent
        }
        let text = personaSpec.noise.apply(to: pieces, using: &generator)
        return UserTurn(text: text, expectedIntent: expectedIntent, expectedSlots: slots)
    }

    private mutating func render(_ template: Template, into pieces: inout [NoiseModel.Piece], slots: inout [Entity]) {
        for segment in template.segments {
            switch segment {
            case .text(let text):
                pieces.append(NoiseModel.Piece(text, isProtected: false))
            case .placeholder(let name):
                let value = value(of: name)
                pieces.append(NoiseModel.Piece(value, isProtected: true))
                if let slot = goalSpec.slots.firstIndex(where: { $0.name == name }) {
                    provided[slot] = true
                    if !slots.contains(where: { $0.name == name }) { slots.append(Entity(name: name, value: value)) }
                }
            }
        }
    }

    /// The conversation's value of a slot or vocab, drawn on first use and kept.
    private mutating func value(of name: String) -> String {
        if let value = values[name] { return value }
        let value = suite.draw(vocab: name, using: &generator) ?? "{\(name)}"
        values[name] = value
        return value
    }

    private static func joined(_ a: [NoiseModel.Piece], _ b: [NoiseModel.Piece], language: LanguageProfile) -> [NoiseModel.Piece] {
        a + [NoiseModel.Piece(language.separator, isProtected: false)] + b
    }

    // MARK: - Scripted expectations

    private mutating func check(_ step: CompiledStep, against reply: BotObservation) -> [String] {
        var failures: [String] = []
        // Intent and slot expectations can only be judged when the target exposes them.
        if let intent = step.intent, let predicted = reply.intent, predicted != intent {
            failures.append("expected intent \"\(intent)\", got \"\(predicted)\"")
        }
        if let entities = reply.entities {
            for (name, template) in step.slots {
                let expected = template.render { values[$0] }
                if !entities.contains(where: { $0.name == name && $0.value.lowercased() == expected.lowercased() }) {
                    let got = entities.first { $0.name == name }.map { "\"\($0.value)\"" } ?? "none"
                    failures.append("expected slot \(name) = \"\(expected)\", got \(got)")
                }
            }
        }
        if step.notFallback, reply.fallback { failures.append("the reply was a fallback") }
        if let pattern = step.reply, !reply.texts.contains(where: { pattern.matches($0) }) {
            failures.append("no reply matched /\(pattern.source)/")
        }
        return failures
    }
}
