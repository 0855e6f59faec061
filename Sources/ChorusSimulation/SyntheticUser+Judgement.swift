import ChorusModel
import ChorusSpec

/// How the user judges a reply against its own values.
extension SyntheticUser {
    /// Whether a reply fulfils the goal.
    enum SuccessMatch: Equatable {
        case none
        /// The success condition holds, with the user's own values.
        case exact
        /// The reply acts on the task, but with values that are not the user's.
        case wrongValues
    }

    /// What the bot stated about the goal's slots in a confirmation or action: the slots whose
    /// stated value is not the user's.
    struct Statement {
        var wrong: [Int] = []
    }

    /// The slots of the goal whose `ask` pattern the reply matches.
    func askedSlots(_ reply: BotObservation) -> [Int] {
        goalSpec.slots.indices.filter { goalSpec.slots[$0].ask?.matchesAny(reply.texts) ?? false }
    }

    /// The slots the last message carried are now known to the bot, but those it asks for again.
    mutating func markTold(by act: Act, except asked: [Int]) {
        if case .informInvalid = act { return }
        for slot in goal.saidSlots where !asked.contains(slot) { goal.told[slot] = true }
    }

    /// Remembers what the target extracted, for `success.slots`.
    mutating func recordExtractions(_ reply: BotObservation) {
        for entity in reply.entities ?? [] { goal.extracted.insert(entity.name + "\u{0}" + entity.value.lowercased()) }
    }

    /// Whether the reply fulfils the goal's success condition, and with whose values.
    mutating func successHolds(_ reply: BotObservation) -> SuccessMatch {
        let spec = goalSpec
        let success = spec.success
        if success.handoff == true {
            return reply.handoff && (spec.successReply?.matchesAny(reply.texts) ?? true) ? .exact : .none
        }
        guard !reply.fallback, !reply.handoff else { return .none }
        if let intent = success.intent, reply.intent != intent { return .none }
        if let pattern = spec.successReply {
            let matches = pattern.matches(in: reply.texts)
            if matches.isEmpty { return .none }
            if !matches.contains(where: { isMine($0) }) { return .wrongValues }
        }
        for slot in spec.successSlots {
            let name = spec.slots[slot].name
            let mine = value(of: name).lowercased()
            let stated = suite.finders[spec.slots[slot].vocab]?.values(in: reply.texts) ?? []
            if stated.contains(where: { $0.lowercased() == mine }) || goal.extracted.contains(name + "\u{0}" + mine) {
                continue
            }
            return stated.isEmpty ? .none : .wrongValues
        }
        return .exact
    }

    /// Whether every value a match captured is the conversation's own.
    mutating func isMine(_ match: ValuedPattern.Match) -> Bool {
        for (name, text) in match.captured where value(of: name).lowercased() != text.lowercased() { return false }
        return true
    }

    /// Whether `pattern` matches one of `texts` with the conversation's own values.
    mutating func holdsWithOwnValues(_ pattern: ValuedPattern, _ texts: [String]) -> Bool {
        pattern.matches(in: texts).contains { isMine($0) }
    }

    /// Whether the reply carries the information a request asked for.
    mutating func requestAnswered(_ request: CompiledRequest, _ reply: BotObservation) -> Bool {
        holdsWithOwnValues(request.reply, reply.texts)
    }

    /// Judges the values a confirmation or action states against the user's: a value that is not
    /// the user's is `wrong_value_confirmed`, or `correction_ignored` when it is the value the
    /// user replaced (a malformed value the bot accepted was already named). Keeps what was
    /// stated as the goal's `confirmed` values.
    mutating func judgeStatement(_ reply: BotObservation, failures: inout [DialogueFailure]) -> Statement {
        var statement = Statement()
        var confirmed: [Entity] = []
        for (slot, compiled) in goalSpec.slots.enumerated() {
            let stated = suite.finders[compiled.vocab]?.values(in: reply.texts) ?? []
            guard let first = stated.first else { continue }
            let mine = value(of: compiled.name)
            if stated.contains(where: { $0.lowercased() == mine.lowercased() }) {
                confirmed.append(Entity(name: compiled.name, value: mine))
                continue
            }
            confirmed.append(Entity(name: compiled.name, value: first))
            statement.wrong.append(slot)
            let failure: DialogueFailure?
            if let old = goal.oldValues[slot], old.lowercased() == first.lowercased() {
                failure = .correctionIgnored
            } else if let accepted = goal.acceptedInvalid[slot], accepted.lowercased() == first.lowercased() {
                failure = nil
            } else {
                failure = .wrongValueConfirmed
            }
            if let failure, !failures.contains(failure) { failures.append(failure) }
        }
        goal.confirmed = confirmed
        return statement
    }
}
