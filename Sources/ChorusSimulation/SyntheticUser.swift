import ChorusModel
import ChorusSpec

/// One synthetic user, for one conversation: a persona pursuing one goal or several in a row.
///
/// Everything it does is drawn from its own generator, derived from (run seed, conversation
/// index), and from the bot's replies — so a conversation replays identically on its own, in
/// any shard, at any concurrency.
///
/// An agenda user (after ConvLab-3's agenda policy and PyDial's agenda user) holds a goal's
/// constraints (slot values) and requests (information it wants), and each turn pops an act:
/// it opens with its request (sometimes with slots already filled), answers the slot the bot asks
/// for (sometimes adding one it was not asked for), affirms or denies what the bot reads back,
/// corrects a value, digresses and comes back, gives a malformed value first, asks for what it
/// wants to know, asks for a human when its patience runs out, goes on with another goal, and
/// says goodbye — each with its persona's probability. It judges every reply against its own
/// values and names the dialogue failures it sees (`DialogueFailure`). A scripted user says its
/// steps in order and checks each step's expectations.
public struct SyntheticUser: Sendable {
    public let index: Int
    let suite: CompiledSuite
    let personaIndex: Int
    var generator: SeededGenerator
    /// Values drawn for this conversation, by slot or vocab name (shared by its goals).
    var values: [String: String] = [:]
    var turns = 0
    var consecutiveFallbacks = 0
    var lastAct = Act.open(variant: 0, also: nil)
    /// The current goal and the ones already finished.
    var goal: GoalState
    var finished: [GoalRecord] = []
    var pursued: [Int]
    var behaviours: Set<Behaviour> = []
    /// The last non-fallback reply and how many times in a row it came.
    var lastReply: [String] = []
    var repeats = 0
    /// The variant this conversation enumerates (an `each` goal's opening or step variant), said
    /// once and never drawn or rephrased.
    let enumeratedVariant: Int?

    /// What the user does on one turn, with the variant it picked.
    enum Act: Sendable, Equatable {
        case open(variant: Int, also: Int?)
        case inform(slot: Int, variant: Int)
        case informInvalid(slot: Int, variant: Int)
        case affirm(variant: Int)
        case deny(slot: Int, variant: Int)
        case correct(slot: Int, variant: Int)
        case digress(Int, variant: Int)
        case request(Int, variant: Int)
        case escalate(variant: Int)
        case close(variant: Int)
        case step(Int, variant: Int)

        var kind: UserAct {
            switch self {
            case .open: .open
            case .inform: .inform
            case .informInvalid: .informInvalid
            case .affirm: .affirm
            case .deny: .deny
            case .correct: .correct
            case .digress: .digress
            case .request: .request
            case .escalate: .escalate
            case .close: .close
            case .step: .step
            }
        }
    }

    /// The user of conversation `index` of a run with `seed`.
    public init(suite: CompiledSuite, seed: UInt64, conversation index: Int) {
        self.index = index
        self.suite = suite
        generator = SeededGenerator(seed: seed, conversation: index)
        let first: Int
        // Without sampled goals every conversation enumerates; an index past the last (a replay
        // asked for one) wraps around rather than drawing from goals that do not exist.
        let enumerated = suite.hasSampledGoals ? index : index % max(1, suite.enumeratedCount)
        if let (goal, variant) = suite.enumeration(at: enumerated), let choice = suite.enumeratedPersonas[goal] {
            personaIndex = choice.indices[generator.pick(cumulative: choice.weights)]
            first = goal
            enumeratedVariant = variant
        } else {
            personaIndex = generator.pick(cumulative: suite.personaWeights)
            let persona = suite.personas[personaIndex]
            first = persona.goalIndices[generator.pick(cumulative: persona.goalWeights)]
            enumeratedVariant = nil
        }
        pursued = [first]
        goal = GoalState(goal: first, slots: suite.goals[first].slots.count)
        drawValues(for: first)
        planGoal()
    }

    public var persona: String { suite.personas[personaIndex].name }
    /// The first goal's name.
    public var goalName: String { suite.goals[pursued[0]].name }
    /// The user turns taken so far.
    public var turnCount: Int { turns }

    var goalSpec: CompiledGoal { suite.goals[goal.goal] }
    var personaSpec: CompiledPersona { suite.personas[personaIndex] }
    /// The language the user writes in: its persona's, else the suite's.
    public var language: String { personaSpec.language.tag }
    var behaviour: PersonaBehaviour { personaSpec.behaviour }

    /// Every goal pursued so far, the current one with `outcome` (a conversation that ended in a
    /// transport error passes `.error`).
    public func goalRecords(endingWith outcome: Outcome) -> [GoalRecord] {
        var records = finished
        if goal.outcome == nil { records.append(record(of: goal, outcome: outcome)) }
        return records
    }

    /// The behaviours that occurred, sorted.
    public var occurredBehaviours: [Behaviour] {
        var all = behaviours
        if pursued.count > 1 { all.insert(.multiGoal) }
        return all.sorted()
    }

    /// The conversation's outcome: completed when every goal completed, else the outcome of the
    /// goal that did not.
    public static func conversationOutcome(_ goals: [GoalRecord]) -> Outcome {
        goals.first { $0.outcome != .completed }?.outcome ?? .completed
    }

    // MARK: - Starting

    /// The first message of the conversation.
    public mutating func opening() -> UserTurn {
        let goal = goalSpec
        if !goal.steps.isEmpty { return say(.step(0, variant: stepVariant(0))) }
        return say(.open(variant: enumeratedVariant ?? generator.below(goal.openings.count), also: nil))
    }

    /// The variant of step `step` of the current scripted goal: the enumerated one for the goal's
    /// `each` step, else drawn.
    private mutating func stepVariant(_ step: Int) -> Int {
        if let enumeratedVariant, pursued.count == 1, goalSpec.eachStep == step { return enumeratedVariant }
        return generator.below(goalSpec.steps[step].variants.count)
    }

    /// Draws the values of a goal's slots not drawn yet (a later goal reuses the values of slots
    /// it shares with an earlier one: the same order, the same day).
    private mutating func drawValues(for goalIndex: Int) {
        for slot in suite.goals[goalIndex].slots where values[slot.name] == nil {
            if case .lookup = suite.vocab[slot.vocab] { continue }
            values[slot.name] = suite.draw(vocab: slot.vocab, using: &generator) { _ in "" }
        }
    }

    /// Decides, once per goal, which behaviours the user will show in it.
    private mutating func planGoal() {
        let behaviour = self.behaviour
        let spec = goalSpec
        guard !spec.isScripted else { return }
        goal.willInvalid = generator.chance(behaviour.invalidValue)
        goal.willDigress = generator.chance(behaviour.digress)
        goal.willCorrect = generator.chance(behaviour.correct)
        var requests: [Int] = []
        for request in spec.requests.indices where generator.chance(behaviour.request) { requests.append(request) }
        goal.requests = requests
    }

    // MARK: - Reacting

    /// Reacts to the bot's reply to the last message.
    public mutating func react(to reply: BotObservation) -> UserReaction {
        if goalSpec.isScripted { return reactScripted(to: reply) }
        var failures: [DialogueFailure] = []
        let act = lastAct
        recordExtractions(reply)

        switch act {
        case .close:
            if !suite.recognizer.isClosing(texts: reply.texts, intent: reply.intent) {
                failures.append(.closingUnanswered)
            }
            return end(failures: failures)
        case .escalate:
            return finishGoal(reply.handoff ? .escalated : .abandoned, failures: failures)
        default:
            break
        }
        if reply.handoff {
            if goalSpec.success.handoff == true, successHolds(reply) != .none {
                return finishGoal(.completed, failures: failures)
            }
            return finishGoal(.handedOff, failures: failures)
        }
        if reply.fallback {
            consecutiveFallbacks += 1
            if consecutiveFallbacks >= personaSpec.persona.patience {
                if generator.chance(behaviour.escalate) {
                    return continueWith(
                        .escalate(variant: generator.below(personaSpec.acts.escalate.count)), failures: failures)
                }
                return finishGoal(.abandoned, failures: failures)
            }
            return continueWith(rephrasing(act), failures: failures)
        }
        consecutiveFallbacks = 0

        if reply.texts == lastReply {
            repeats += 1
        } else {
            lastReply = reply.texts
            repeats = 1
        }
        if repeats >= 3 {
            failures.append(.loop)
            return finishGoal(.abandoned, failures: failures)
        }

        if goal.phase == .requests {
            if case .request(let number, _) = act, !requestAnswered(goalSpec.requests[number], reply) {
                failures.append(.requestUnanswered)
                goal.failedRequest = true
            }
            return nextRequestOrGoal(failures: failures)
        }

        let isConfirmation = suite.recognizer.isConfirmation(texts: reply.texts, intent: reply.intent)
        let asked = askedSlots(reply)
        let success = isConfirmation ? SuccessMatch.none : successHolds(reply)
        // The bot took in what the user just said when it goes on with the task: it asks for
        // another slot, reads values back or acts. A reply that is about something else ("Thanks.
        // What can I do for you?") took in nothing, and a slot it asks for again it did not get.
        let engaged = !asked.isEmpty || isConfirmation || success != .none

        // What the reply says about the act it answers.
        switch act {
        case .digress:
            if asked.isEmpty, !isConfirmation, success == .none {
                failures.append(.digressionNotResumed)
                goal.resumeNeeded = true
            }
        case .informInvalid(let slot, _):
            let movedOn = isConfirmation || success != .none || asked.contains { $0 != slot }
            if !asked.contains(slot), movedOn {
                failures.append(.invalidValueAccepted)
                goal.acceptedInvalid[slot] = goal.lastInvalid
            }
        default:
            break
        }
        // Asking again for a value the bot was told before (and has no reason to ask again for).
        if asked.contains(where: { goal.told[$0] && $0 != goal.expectedReask }) {
            failures.append(.contextLost)
            for slot in asked where goal.told[slot] && slot != goal.expectedReask { goal.told[slot] = false }
        }
        goal.expectedReask = nil
        if engaged { markTold(by: act, except: asked) }

        if isConfirmation {
            behaviours.insert(.confirmation)
            let statement = judgeStatement(reply, failures: &failures)
            if let wrong = statement.wrong.first, generator.chance(behaviour.confirm) {
                return continueWith(
                    .deny(slot: wrong, variant: generator.below(personaSpec.acts.deny.count)), failures: failures)
            }
            if goal.willCorrect, !goal.corrected, let slot = correctableSlot(besides: nil) {
                return continueWith(
                    .correct(slot: slot, variant: generator.below(personaSpec.acts.correct.count)), failures: failures)
            }
            return continueWith(.affirm(variant: generator.below(personaSpec.acts.affirm.count)), failures: failures)
        }
        switch success {
        case .exact:
            _ = judgeStatement(reply, failures: &failures)
            return goalDone(failures: failures)
        case .wrongValues:
            _ = judgeStatement(reply, failures: &failures)
            if !failures.contains(.wrongValueConfirmed), !failures.contains(.correctionIgnored) {
                failures.append(.wrongValueConfirmed)
            }
            return finishGoal(.failed, failures: failures)
        case .none:
            break
        }
        if goal.resumeNeeded {
            goal.resumeNeeded = false
            return continueWith(.open(variant: generator.below(goalSpec.openings.count), also: nil), failures: failures)
        }
        return continueWith(nextTaskAct(asked: asked), failures: failures)
    }

    /// The next act while the task is under way: answer what the bot asks (or, as planned, give a
    /// malformed value first, digress, or correct an earlier value); volunteer what it has not
    /// asked yet; with everything given, state the request again.
    private mutating func nextTaskAct(asked: [Int]) -> Act {
        let slots = goalSpec.slots
        let target = asked.first { !goal.told[$0] } ?? asked.first
        if let slot = target {
            if goal.willInvalid, !goal.invalidGiven, canMistype(slot) {
                goal.invalidGiven = true
                goal.expectedReask = slot
                return .informInvalid(slot: slot, variant: generator.below(slots[slot].answers.count))
            }
            if goal.willDigress, !goal.digressed, goal.told.contains(true) {
                goal.digressed = true
                let digression = generator.below(personaSpec.acts.digressions.count)
                return .digress(
                    digression, variant: generator.below(personaSpec.acts.digressions[digression].variants.count))
            }
            if goal.willCorrect, !goal.corrected, let other = correctableSlot(besides: slot) {
                return .correct(slot: other, variant: generator.below(personaSpec.acts.correct.count))
            }
            return .inform(slot: slot, variant: generator.below(slots[slot].answers.count))
        }
        if let missing = goal.given.firstIndex(of: false) {
            return .inform(slot: missing, variant: generator.below(slots[missing].answers.count))
        }
        return .open(variant: generator.below(goalSpec.openings.count), also: nil)
    }

    /// A slot the bot was told, other than `excluded`, that the user can change to another value
    /// (a list of several values or a pattern; never a lookup).
    private func correctableSlot(besides excluded: Int?) -> Int? {
        goal.told.indices.first { slot in
            guard slot != excluded, goal.told[slot] else { return false }
            switch suite.vocab[goalSpec.slots[slot].vocab] {
            case .values(let values): return values.count > 1
            case .pattern: return true
            case .lookup, nil: return false
            }
        }
    }

    /// After a fallback, the same act again in other words (a digression is dropped: the user
    /// goes back to the task).
    private mutating func rephrasing(_ act: Act) -> Act {
        let goal = goalSpec
        switch act {
        case .open(let old, let also):
            return .open(variant: otherVariant(than: old, count: goal.openings.count), also: also)
        case .inform(let slot, let old):
            return .inform(slot: slot, variant: otherVariant(than: old, count: goal.slots[slot].answers.count))
        case .informInvalid(let slot, let old):
            return .inform(slot: slot, variant: otherVariant(than: old, count: goal.slots[slot].answers.count))
        case .affirm(let old):
            return .affirm(variant: otherVariant(than: old, count: personaSpec.acts.affirm.count))
        case .deny(let slot, let old):
            return .deny(slot: slot, variant: otherVariant(than: old, count: personaSpec.acts.deny.count))
        case .correct(let slot, let old):
            return .correct(slot: slot, variant: otherVariant(than: old, count: personaSpec.acts.correct.count))
        case .digress:
            return nextTaskAct(asked: [])
        case .request(let number, let old):
            return .request(number, variant: otherVariant(than: old, count: goal.requests[number].variants.count))
        case .escalate(let old):
            return .escalate(variant: otherVariant(than: old, count: personaSpec.acts.escalate.count))
        case .close(let old):
            return .close(variant: otherVariant(than: old, count: personaSpec.acts.close.count))
        case .step(let step, let old):
            return .step(step, variant: otherVariant(than: old, count: goal.steps[step].variants.count))
        }
    }

    private mutating func otherVariant(than old: Int, count: Int) -> Int {
        guard count > 1 else { return old }
        let draw = generator.below(count - 1)
        return draw >= old ? draw + 1 : draw
    }

    // MARK: - Goals, requests and the end

    /// The task of the current goal is done: ask what the user wants to know, then go on.
    private mutating func goalDone(failures: [DialogueFailure]) -> UserReaction {
        goal.phase = .requests
        return nextRequestOrGoal(failures: failures)
    }

    private mutating func nextRequestOrGoal(failures: [DialogueFailure]) -> UserReaction {
        if goal.nextRequest < goal.requests.count {
            let number = goal.requests[goal.nextRequest]
            goal.nextRequest += 1
            behaviours.insert(.request)
            return continueWith(
                .request(number, variant: generator.below(goalSpec.requests[number].variants.count)), failures: failures
            )
        }
        if goal.failedRequest { return finishGoal(.failed, failures: failures) }
        closeGoal(.completed)
        // Another goal, if the persona goes on and one is left.
        let persona = personaSpec
        if pursued.count < behaviour.maxGoals, generator.chance(behaviour.multiGoal) {
            var candidates: [Int] = []
            var weights: [Double] = []
            var total = 0.0
            for index in persona.goalIndices where !pursued.contains(index) && !suite.goals[index].isScripted {
                total += suite.goals[index].weight
                candidates.append(index)
                weights.append(total)
            }
            if !candidates.isEmpty {
                let next = candidates[generator.pick(cumulative: weights)]
                pursued.append(next)
                goal = GoalState(goal: next, slots: suite.goals[next].slots.count)
                drawValues(for: next)
                planGoal()
                let also = generator.below(personaSpec.acts.also.count)
                return continueWith(
                    .open(variant: generator.below(suite.goals[next].openings.count), also: also), failures: failures)
            }
        }
        if generator.chance(behaviour.close), turns < suite.suite.maxTurns {
            return continueWith(.close(variant: generator.below(personaSpec.acts.close.count)), failures: failures)
        }
        return end(failures: failures)
    }

    /// Ends the current goal with `outcome`, and with it the conversation.
    private mutating func finishGoal(_ outcome: Outcome, failures: [DialogueFailure]) -> UserReaction {
        closeGoal(outcome)
        return end(failures: failures)
    }

    private mutating func closeGoal(_ outcome: Outcome) {
        guard goal.outcome == nil else { return }
        goal.outcome = outcome
        finished.append(record(of: goal, outcome: outcome))
    }

    private func end(failures: [DialogueFailure]) -> UserReaction {
        UserReaction(
            dialogueFailures: failures, next: .end(Self.conversationOutcome(goalRecords(endingWith: .completed))))
    }

    private func record(of state: GoalState, outcome: Outcome) -> GoalRecord {
        let slots = suite.goals[state.goal].slots
        return GoalRecord(
            name: suite.goals[state.goal].name, outcome: outcome, turns: state.turns,
            values: slots.map { Entity(name: $0.name, value: values[$0.name] ?? "") }, confirmed: state.confirmed)
    }

    private mutating func continueWith(_ act: Act, failures: [DialogueFailure]) -> UserReaction {
        if case .open = act, enumeratedVariant != nil, pursued.count == 1 {
            // An enumerated utterance is said once, so each is scored exactly once: where a drawn
            // user would say its request again in other words, this one stops.
            return finishGoal(consecutiveFallbacks > 0 ? .abandoned : .failed, failures: failures)
        }
        guard turns < suite.suite.maxTurns else {
            if case .close = act { return end(failures: failures) }
            return finishGoal(.maxTurns, failures: failures)
        }
        return UserReaction(dialogueFailures: failures, next: .say(say(act)))
    }

    // MARK: - Saying things

    mutating func say(_ act: Act) -> UserTurn {
        lastAct = act
        turns += 1
        goal.turns += 1
        var pieces: [NoiseModel.Piece] = []
        var slots: [Entity] = []
        let expectedIntent: String?
        let goal = goalSpec
        let acts = personaSpec.acts
        switch act {
        case .open(let variant, let also):
            if let also { render(acts.also[also], into: &pieces, slots: &slots) }
            if goal.openingSpans.indices.contains(variant) {
                // A data example: its annotated spans are the numbered placeholders.
                let spans = goal.openingSpans[variant]
                render(
                    goal.openings[variant], into: &pieces, slots: &slots,
                    override: Dictionary(uniqueKeysWithValues: spans.enumerated().map { ("\($0.offset)", $0.element) }))
            } else {
                render(goal.openings[variant], into: &pieces, slots: &slots)
            }
            if goal.openingSlots.indices.contains(variant) { slots += goal.openingSlots[variant] }
            expectedIntent = goal.intent
        case .inform(let slot, let variant):
            render(goal.slots[slot].answers[variant], into: &pieces, slots: &slots)
            if generator.chance(personaSpec.persona.volunteer),
                let extra = self.goal.given.indices.first(where: { !self.goal.given[$0] && $0 != slot })
            {
                let answers = goal.slots[extra].answers
                var more: [NoiseModel.Piece] = []
                render(answers[generator.below(answers.count)], into: &more, slots: &slots)
                pieces += [NoiseModel.Piece(personaSpec.language.separator, isProtected: false)] + more
            }
            expectedIntent = goal.answerIntent
        case .informInvalid(let slot, let variant):
            let invalid = malformedValue(of: slot)
            self.goal.lastInvalid = invalid
            behaviours.insert(.invalidValue)
            render(
                goal.slots[slot].answers[variant], into: &pieces, slots: &slots,
                override: [goal.slots[slot].name: invalid])
            slots.removeAll { $0.name == goal.slots[slot].name }
            expectedIntent = goal.answerIntent
        case .affirm(let variant):
            render(acts.affirm[variant], into: &pieces, slots: &slots)
            expectedIntent = acts.intents["affirm"]
        case .deny(let slot, let variant):
            let name = goal.slots[slot].name
            render(acts.deny[variant], into: &pieces, slots: &slots, override: ["value": values[name] ?? ""])
            slots.append(Entity(name: name, value: values[name] ?? ""))
            self.goal.given[slot] = true
            self.goal.saidSlots = [slot]
            expectedIntent = acts.intents["deny"]
        case .correct(let slot, let variant):
            let name = goal.slots[slot].name
            let old = values[name] ?? ""
            let new = otherValue(of: goal.slots[slot], than: old)
            values[name] = new
            self.goal.corrected = true
            self.goal.oldValues[slot] = old
            self.goal.told[slot] = false
            behaviours.insert(.correction)
            render(acts.correct[variant], into: &pieces, slots: &slots, override: ["value": new])
            slots.append(Entity(name: name, value: new))
            self.goal.saidSlots = [slot]
            expectedIntent = acts.intents["correct"] ?? goal.answerIntent
        case .digress(let number, let variant):
            behaviours.insert(.digression)
            render(acts.digressions[number].variants[variant], into: &pieces, slots: &slots)
            expectedIntent = acts.digressions[number].intent
        case .request(let number, let variant):
            render(goal.requests[number].variants[variant], into: &pieces, slots: &slots)
            expectedIntent = goal.requests[number].intent
        case .escalate(let variant):
            behaviours.insert(.escalation)
            render(acts.escalate[variant], into: &pieces, slots: &slots)
            expectedIntent = acts.intents["escalate"]
        case .close(let variant):
            behaviours.insert(.closing)
            render(acts.close[variant], into: &pieces, slots: &slots)
            expectedIntent = acts.intents["close"]
        case .step(let step, let variant):
            render(goal.steps[step].variants[variant], into: &pieces, slots: &slots)
            expectedIntent = goal.steps[step].intent
        }
        if case .deny = act {
        } else if case .correct = act {
        } else {
            self.goal.saidSlots = slots.compactMap { entity in goal.slots.firstIndex { $0.name == entity.name } }
        }
        let text = personaSpec.noise.apply(to: pieces, using: &generator)
        return UserTurn(
            text: text, expectedIntent: expectedIntent, expectedSlots: slots, act: act.kind, goal: pursued.count - 1)
    }

    /// Appends `template`'s pieces; placeholders become protected values (`override` first, then
    /// the conversation's values). A goal slot's value is recorded as given.
    private mutating func render(
        _ template: Template, into pieces: inout [NoiseModel.Piece], slots: inout [Entity],
        override: [String: String] = [:]
    ) {
        for segment in template.segments {
            switch segment {
            case .text(let text):
                pieces.append(NoiseModel.Piece(text, isProtected: false))
            case .placeholder(let name):
                if let value = override[name] {
                    pieces.append(NoiseModel.Piece(value, isProtected: true))
                    continue
                }
                let value = value(of: name)
                pieces.append(NoiseModel.Piece(value, isProtected: true))
                if let slot = goalSpec.slots.firstIndex(where: { $0.name == name }) {
                    goal.given[slot] = true
                    if !slots.contains(where: { $0.name == name }) { slots.append(Entity(name: name, value: value)) }
                }
            }
        }
    }

    /// The conversation's value of a slot or vocab, drawn on first use and kept; a lookup's
    /// value follows its key's current value (so it follows a correction of the key).
    mutating func value(of name: String) -> String {
        if let value = values[name] { return value }
        let vocab = goalSpec.slots.first { $0.name == name }?.vocab ?? name
        if case .lookup(let key, let table) = suite.vocab[vocab] {
            // The key is the goal's slot drawing from that vocab, when it has one.
            let keySlot = goalSpec.slots.first { $0.vocab == key }?.name ?? key
            return table[value(of: keySlot)] ?? ""
        }
        let value = suite.draw(vocab: vocab, using: &generator) { _ in "" } ?? "{\(name)}"
        values[name] = value
        return value
    }

    /// Another value of the slot's vocab than `old` (a lookup or one-value list gives `old` back).
    private mutating func otherValue(of slot: CompiledSlot, than old: String) -> String {
        for _ in 0..<8 {
            let candidate = suite.draw(vocab: slot.vocab, using: &generator) { _ in "" } ?? old
            if candidate.lowercased() != old.lowercased() { return candidate }
        }
        return old
    }

    /// Whether the user can give a malformed value of the slot: the suite lists some, or the
    /// slot's vocab is a pattern (a value with a character dropped).
    private func canMistype(_ slot: Int) -> Bool {
        let compiled = goalSpec.slots[slot]
        if !compiled.invalid.isEmpty { return true }
        if case .pattern = suite.vocab[compiled.vocab] { return true }
        return false
    }

    /// A malformed value of the slot: one of the suite's, or the user's value with one character
    /// dropped — a digit where there is one — so that it no longer fits the vocab's pattern.
    private mutating func malformedValue(of slot: Int) -> String {
        let compiled = goalSpec.slots[slot]
        if !compiled.invalid.isEmpty { return generator.pick(compiled.invalid) }
        let value = values[compiled.name] ?? ""
        guard case .pattern(let pattern) = suite.vocab[compiled.vocab] else { return value }
        let scalars = Array(value.unicodeScalars)
        let digits = scalars.indices.filter { ("0"..."9").contains(scalars[$0]) }
        let candidates = digits.isEmpty ? Array(scalars.indices) : digits
        guard !candidates.isEmpty else { return value }
        let start = generator.below(candidates.count)
        for offset in 0..<candidates.count {
            var dropped = scalars
            dropped.remove(at: candidates[(start + offset) % candidates.count])
            let text = String(String.UnicodeScalarView(dropped))
            if !pattern.matches(text) { return text }
        }
        return value
    }

    // MARK: - Scripted goals

    private mutating func reactScripted(to reply: BotObservation) -> UserReaction {
        let steps = goalSpec.steps
        guard case .step(let current, _) = lastAct else { return finishGoal(.failed, failures: []) }
        let step = steps[current]
        let failures = check(step, against: reply)
        if !failures.isEmpty, step.required {
            closeGoal(.failed)
            return UserReaction(failures: failures, next: .end(.failed))
        }
        if reply.handoff {
            closeGoal(.handedOff)
            return UserReaction(failures: failures, next: .end(.handedOff))
        }
        if current + 1 == steps.count {
            closeGoal(.completed)
            return UserReaction(failures: failures, next: .end(.completed))
        }
        var reaction = continueWith(.step(current + 1, variant: stepVariant(current + 1)), failures: [])
        reaction.failures = failures
        return reaction
    }

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
        if let pattern = step.reply, !holdsWithOwnValues(pattern, reply.texts) {
            failures.append("no reply matched /\(pattern.source)/ with the conversation's values")
        }
        return failures
    }
}

/// What a synthetic user keeps about the goal it is pursuing.
struct GoalState: Sendable {
    enum Phase: Sendable { case task, requests }

    /// Index into `CompiledSuite.goals`.
    let goal: Int
    var phase = Phase.task
    /// Per slot: the user has said its value (for volunteering what is left).
    var given: [Bool]
    /// Per slot: the bot has been told the current value and did not fall back on it.
    var told: [Bool]
    /// The slots the last message carried.
    var saidSlots: [Int] = []
    /// A slot the bot should ask for again (after a malformed value).
    var expectedReask: Int?
    var lastInvalid = ""
    /// Malformed values the bot accepted, by slot.
    var acceptedInvalid: [Int: String] = [:]
    /// Values the user replaced, by slot.
    var oldValues: [Int: String] = [:]
    var willInvalid = false
    var willDigress = false
    var willCorrect = false
    var invalidGiven = false
    var digressed = false
    var corrected = false
    /// After a digression the bot did not come back from: the user states its request again.
    var resumeNeeded = false
    /// Indices of the goal's requests the user will ask, and how many it asked.
    var requests: [Int] = []
    var nextRequest = 0
    var failedRequest = false
    var turns = 0
    /// What the bot last stated about the goal's slots (confirmation or action).
    var confirmed: [Entity] = []
    /// Entities the target extracted during the goal, as (name, lowercased value).
    var extracted: Set<String> = []
    var outcome: Outcome?

    init(goal: Int, slots: Int) {
        self.goal = goal
        given = Array(repeating: false, count: slots)
        told = Array(repeating: false, count: slots)
    }
}
