import ChorusSpec

/// A suite prepared for simulation: names sorted, weights accumulated, templates parsed and
/// patterns compiled once, so that making a conversation's user does no parsing.
public final class CompiledSuite: Sendable {
    public let suite: Suite
    public let language: LanguageProfile
    public let recognizer: ReplyRecognizer
    let personas: [CompiledPersona]
    let personaWeights: [Double]
    let goals: [CompiledGoal]
    let vocab: [String: CompiledVocab]
    /// The phrases of the acts outside a goal.
    let acts: CompiledActs
    /// Per vocab name: what finds its values in a reply.
    let finders: [String: ValueFinder]

    /// Prepares `suite`; fails on what validation would have reported (bad pattern, no goal for a persona).
    public init(_ suite: Suite) throws(SimulationError) {
        self.suite = suite
        language = LanguageProfile(language: suite.language)
        do {
            recognizer = try ReplyRecognizer(suite.bot)
        } catch {
            throw .invalid(error.description)
        }
        var vocab: [String: CompiledVocab] = [:]
        var finders: [String: ValueFinder] = [:]
        for (name, entry) in suite.vocab {
            switch entry {
            case .values(let values):
                guard !values.isEmpty else { throw .invalid("vocab \"\(name)\" has no values") }
                vocab[name] = .values(values)
            case .pattern(let source):
                do {
                    vocab[name] = .pattern(try ValuePattern(parsing: source))
                } catch {
                    throw .invalid("vocab \"\(name)\": \(error)")
                }
            case .lookup(let key, let table):
                vocab[name] = .lookup(key: key, table: table)
            }
            finders[name] = ValueFinder(entry, language: language)
        }
        self.vocab = vocab
        self.finders = finders
        let suiteActs = try CompiledActs(suite.dialogue, language: suite.language)
        acts = suiteActs
        var goals: [CompiledGoal] = []
        for name in suite.goals.keys.sorted() {
            goals.append(try CompiledGoal(name: name, goal: suite.goals[name]!, suite: suite, vocab: vocab))
        }
        self.goals = goals
        var personas: [CompiledPersona] = []
        var total = 0.0
        var weights: [Double] = []
        for name in suite.personas.keys.sorted() {
            let persona = suite.personas[name]!
            var goalIndices: [Int] = []
            var goalWeights: [Double] = []
            var goalTotal = 0.0
            for (index, goal) in goals.enumerated() where goal.personas?.contains(name) ?? true {
                goalTotal += goal.weight
                goalIndices.append(index)
                goalWeights.append(goalTotal)
            }
            guard !goalIndices.isEmpty else { throw .invalid("persona \"\(name)\" pursues no goal") }
            // A persona in another language types in it and says its acts with that language's
            // default phrases (the suite's `dialogue:` phrases are in the suite's language); the
            // intents the acts mean stay the suite's.
            let personaLanguage = persona.language.map(LanguageProfile.init(language:)) ?? language
            let personaActs =
                persona.language == nil
                ? suiteActs
                : try CompiledActs(DialoguePhrases(intents: suite.dialogue?.intents), language: personaLanguage.tag)
            personas.append(
                CompiledPersona(
                    name: name, persona: persona, noise: NoiseModel(noise: persona.noise, language: personaLanguage),
                    goalIndices: goalIndices, goalWeights: goalWeights, language: personaLanguage, acts: personaActs))
            total += persona.weight
            weights.append(total)
        }
        guard !personas.isEmpty else { throw .invalid("the suite has no persona") }
        guard !goals.isEmpty else { throw .invalid("the suite has no goal") }
        self.personas = personas
        personaWeights = weights
    }

    /// A value for `vocab`, drawn from `generator`; a lookup vocab takes its key's value from `value`.
    func draw(vocab name: String, using generator: inout SeededGenerator, value: (String) -> String) -> String? {
        switch vocab[name] {
        case .values(let values): generator.pick(values)
        case .pattern(let pattern): pattern.generate(using: &generator)
        case .lookup(let key, let table): table[value(key)] ?? ""
        case nil: nil
        }
    }
}

/// Why a suite cannot be simulated.
public enum SimulationError: Error, Sendable, CustomStringConvertible {
    case invalid(String)

    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}

enum CompiledVocab: Sendable {
    case values([String])
    case pattern(ValuePattern)
    case lookup(key: String, table: [String: String])
}

struct CompiledPersona: Sendable {
    let name: String
    let persona: Persona
    let noise: NoiseModel
    /// The goals this persona pursues (indices into `CompiledSuite.goals`) and their cumulative weights.
    let goalIndices: [Int]
    let goalWeights: [Double]
    /// The language the persona writes in, and its phrases for the acts outside a goal.
    let language: LanguageProfile
    let acts: CompiledActs
    var behaviour: PersonaBehaviour { persona.behaviour }
}

/// The phrases of the dialogue acts outside a goal: the suite's `dialogue:` section over the
/// language's defaults.
struct CompiledActs: Sendable {
    let affirm: [Template]
    let deny: [Template]
    let correct: [Template]
    let escalate: [Template]
    let close: [Template]
    let also: [Template]
    let digressions: [(variants: [Template], intent: String?)]
    let intents: [String: String]

    init(_ dialogue: DialoguePhrases?, language: String) throws(SimulationError) {
        let defaults = LanguageProfile.phrases(language: language)
        func phrases(_ given: [String]?, _ fallback: [String]) -> [Template] {
            (given.flatMap { $0.isEmpty ? nil : $0 } ?? fallback).map(Template.init)
        }
        affirm = phrases(dialogue?.affirm, defaults.affirm)
        deny = phrases(dialogue?.deny, defaults.deny)
        correct = phrases(dialogue?.correct, defaults.correct)
        escalate = phrases(dialogue?.escalate, defaults.escalate)
        close = phrases(dialogue?.close, defaults.close)
        also = phrases(dialogue?.also, defaults.also)
        if let digressions = dialogue?.digressions, !digressions.isEmpty {
            self.digressions = digressions.map { ($0.user.map(Template.init), $0.intent) }
        } else {
            digressions = defaults.digressions.map { ([Template($0)], nil) }
        }
        intents = dialogue?.intents ?? [:]
    }
}

struct CompiledSlot: Sendable {
    let name: String
    let vocab: String
    let ask: ValuedPattern?
    let answers: [Template]
    /// Malformed values given by the suite; empty when the vocab's pattern makes them.
    let invalid: [String]
}

struct CompiledStep: Sendable {
    let variants: [Template]
    let intent: String?
    let slots: [(name: String, value: Template)]
    let notFallback: Bool
    let reply: ValuedPattern?
    let required: Bool
}

struct CompiledRequest: Sendable {
    let name: String
    let variants: [Template]
    let reply: ValuedPattern
    let intent: String?
}

struct CompiledGoal: Sendable {
    let name: String
    let weight: Double
    let personas: Set<String>?
    let intent: String?
    let answerIntent: String
    /// Sorted by name.
    let slots: [CompiledSlot]
    /// Agenda goals: opening variants and the success condition.
    let openings: [Template]
    let success: SuccessCondition
    let successReply: ValuedPattern?
    /// Indices into `slots` whose values the success reply must carry (or the target extract).
    let successSlots: [Int]
    /// Sorted by name.
    let requests: [CompiledRequest]
    /// Scripted goals: the steps (empty for an agenda goal).
    let steps: [CompiledStep]

    var isScripted: Bool { !steps.isEmpty }

    init(name: String, goal: Goal, suite: Suite, vocab: [String: CompiledVocab]) throws(SimulationError) {
        func pattern(_ source: String?) throws(SimulationError) -> ValuedPattern? {
            guard let source else { return nil }
            do {
                return try ValuedPattern(source, anyValue: { suite.vocab(forPlaceholder: $0, in: goal)?.anyValueRegex })
            } catch {
                throw .invalid("goal \"\(name)\": \(error)")
            }
        }
        self.name = name
        weight = goal.weight
        personas = goal.personas.map(Set.init)
        intent = goal.intent
        answerIntent = goal.answerIntent ?? Goal.defaultAnswerIntent
        var slots: [CompiledSlot] = []
        for slotName in (goal.slots ?? [:]).keys.sorted() {
            let slot = goal.slots![slotName]!
            let vocabName = slot.vocab ?? slotName
            guard vocab[vocabName] != nil else {
                throw .invalid("goal \"\(name)\" slot \"\(slotName)\" uses unknown vocab \"\(vocabName)\"")
            }
            slots.append(
                CompiledSlot(
                    name: slotName, vocab: vocabName, ask: try pattern(slot.ask),
                    answers: (slot.answers ?? ["{\(slotName)}"]).map(Template.init), invalid: slot.invalid ?? []))
        }
        self.slots = slots
        if let steps = goal.steps {
            var compiled: [CompiledStep] = []
            for step in steps {
                compiled.append(
                    CompiledStep(
                        variants: step.user.map(Template.init), intent: step.expect?.intent,
                        slots: (step.expect?.slots ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, Template($0.value)) },
                        notFallback: step.expect?.notFallback ?? false, reply: try pattern(step.expect?.reply),
                        required: step.required))
            }
            self.steps = compiled
        } else {
            steps = []
        }
        openings = (goal.openings ?? []).map(Template.init)
        // Without a stated condition, an agenda goal is reached when the bot understood the request.
        var success = goal.success ?? SuccessCondition(intent: goal.intent)
        if success.reply == nil, success.intent == nil, success.handoff != true { success.intent = goal.intent }
        self.success = success
        successReply = try pattern(success.reply)
        successSlots = (success.slots ?? []).compactMap { name in slots.firstIndex { $0.name == name } }
        var requests: [CompiledRequest] = []
        for requestName in (goal.requests ?? [:]).keys.sorted() {
            let request = goal.requests![requestName]!
            requests.append(
                CompiledRequest(
                    name: requestName, variants: request.user.map(Template.init), reply: try pattern(request.reply)!,
                    intent: request.intent))
        }
        self.requests = requests
    }
}
