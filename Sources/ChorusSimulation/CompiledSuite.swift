import ChorusModel
import ChorusSpec

/// A suite prepared for simulation: names sorted, weights accumulated, templates parsed and
/// patterns compiled once, so that making a conversation's user does no parsing.
public final class CompiledSuite: Sendable {
    public let suite: Suite
    public let language: LanguageProfile
    public let recognizer: ReplyRecognizer
    let personas: [CompiledPersona]
    /// Cumulative persona weights for sampled conversations (a persona that pursues only
    /// enumerated goals adds nothing).
    let personaWeights: [Double]
    /// Every goal, the suite's and the data files', sorted by name.
    let goals: [CompiledGoal]
    /// The enumerated goals (indices into `goals`, in name order) and where each one's
    /// conversations start: conversation `starts[k] + v` says variant `v` of goal `enumerated[k]`.
    let enumerated: [Int]
    let enumeratedStarts: [Int]
    /// Per enumerated goal: the personas that pursue it and their cumulative weights.
    let enumeratedPersonas: [Int: (indices: [Int], weights: [Double])]
    let vocab: [String: CompiledVocab]
    /// The phrases of the acts outside a goal.
    let acts: CompiledActs
    /// Per vocab name: what finds its values in a reply.
    let finders: [String: ValueFinder]

    /// Prepares `suite` and the examples of its data files (one goal per intent); fails on what
    /// validation would have reported (bad pattern, no goal for a persona).
    public init(_ suite: Suite, data: [LabelledSource] = []) throws(SimulationError) {
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
        goals += CompiledGoal.fromData(data, coverage: suite.coverage)
        goals.sort { $0.name < $1.name }
        self.goals = goals
        var personas: [CompiledPersona] = []
        var total = 0.0
        var weights: [Double] = []
        var enumeratedPersonas: [Int: (indices: [Int], weights: [Double])] = [:]
        for (personaIndex, name) in suite.personas.keys.sorted().enumerated() {
            let persona = suite.personas[name]!
            var goalIndices: [Int] = []
            var goalWeights: [Double] = []
            var goalTotal = 0.0
            var pursuesAny = false
            for (index, goal) in goals.enumerated() where goal.personas?.contains(name) ?? true {
                pursuesAny = true
                if goal.isEnumerated {
                    let last = enumeratedPersonas[index]?.weights.last ?? 0
                    enumeratedPersonas[index, default: ([], [])].indices.append(personaIndex)
                    enumeratedPersonas[index, default: ([], [])].weights.append(last + persona.weight)
                    continue
                }
                goalTotal += goal.weight
                goalIndices.append(index)
                goalWeights.append(goalTotal)
            }
            guard pursuesAny else { throw .invalid("persona \"\(name)\" pursues no goal") }
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
            // A persona with only enumerated goals plays no sampled conversation.
            if !goalIndices.isEmpty { total += persona.weight }
            weights.append(total)
        }
        guard !personas.isEmpty else { throw .invalid("the suite has no persona") }
        guard !goals.isEmpty else { throw .invalid("the suite has no goal") }
        var enumerated: [Int] = []
        var starts: [Int] = []
        var count = 0
        for (index, goal) in goals.enumerated() where goal.isEnumerated {
            guard enumeratedPersonas[index] != nil else {
                throw .invalid("goal \"\(goal.name)\" is pursued by no persona")
            }
            enumerated.append(index)
            starts.append(count)
            count += goal.variantCount
        }
        self.personas = personas
        personaWeights = weights
        self.enumerated = enumerated
        enumeratedStarts = starts
        enumeratedCount = count
        self.enumeratedPersonas = enumeratedPersonas
    }

    /// Conversations that enumerate variants (`each`): the first ones of every run.
    public let enumeratedCount: Int

    /// Whether some goal is drawn per conversation (not enumerated).
    public var hasSampledGoals: Bool { personaWeights.last ?? 0 > 0 }

    /// The conversations of a run: every enumerated variant once, then `sampled` drawn
    /// conversations when some goal is sampled (`--conversations` counts only those).
    public func conversationCount(sampled: Int) -> Int {
        enumeratedCount + (hasSampledGoals ? sampled : 0)
    }

    /// The goal and variant conversation `index` enumerates, or nil for a sampled conversation.
    func enumeration(at index: Int) -> (goal: Int, variant: Int)? {
        guard index >= 0, index < enumeratedCount else { return nil }
        // The last goal whose conversations start at or before `index`.
        var low = 0
        var high = enumeratedStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if enumeratedStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (enumerated[low], index - enumeratedStarts[low])
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
/// language's defaults. A class, like `CompiledGoal`: immutable once compiled and shared by every
/// conversation, so handing it around costs one retain rather than one per list.
final class CompiledActs: Sendable {
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

/// A goal as every conversation that pursues it reads it. A class: immutable once compiled, and a
/// copy of a struct of this many lists and patterns retained each of them, several times a turn.
final class CompiledGoal: Sendable {
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
    /// Every variant once, one conversation each, instead of drawing: the openings, or the
    /// variants of step `eachStep` of a scripted goal.
    let isEnumerated: Bool
    let eachStep: Int?
    /// Per opening (data goals): the texts of its annotated spans, by placeholder number
    /// (protected from noise), and the slots the turn expects. Empty for suite goals.
    let openingSpans: [[String]]
    let openingSlots: [[Entity]]

    var isScripted: Bool { !steps.isEmpty }

    /// How many conversations an enumerated goal has.
    var variantCount: Int {
        guard isEnumerated else { return 0 }
        return eachStep.map { steps[$0].variants.count } ?? openings.count
    }

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
        let eachStep = goal.steps?.firstIndex { $0.each == true }
        isEnumerated = goal.each ?? (eachStep != nil || suite.coverage == .each)
        self.eachStep = goal.steps == nil ? nil : (eachStep ?? 0)
        openingSpans = []
        openingSlots = []
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
                        slots: (step.expect?.slots ?? [:]).sorted { $0.key < $1.key }.map {
                            ($0.key, Template($0.value))
                        },
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

    fileprivate init(
        data intent: String, openings: [Template], openingSpans: [[String]], openingSlots: [[Entity]], each: Bool,
        personas: [String]?
    ) {
        name = intent
        weight = 1
        self.personas = personas.map(Set.init)
        self.intent = intent
        answerIntent = Goal.defaultAnswerIntent
        slots = []
        self.openings = openings
        success = SuccessCondition(intent: intent)
        successReply = nil
        successSlots = []
        requests = []
        steps = []
        isEnumerated = each
        eachStep = nil
        self.openingSpans = openingSpans
        self.openingSlots = openingSlots
    }
}

extension CompiledGoal {
    /// The goals of labelled data: one per intent, named after it, whose openings are the
    /// examples (verbatim; annotated entity texts are protected values and expected slots).
    /// Sources naming the same intent add to one goal, in source order.
    static func fromData(_ data: [LabelledSource], coverage: Coverage?) -> [CompiledGoal] {
        var order: [String] = []
        var byIntent: [String: (openings: [Template], spans: [[String]], slots: [[Entity]], source: DataSource)] = [:]
        for source in data {
            for example in source.examples {
                if byIntent[example.intent] == nil {
                    order.append(example.intent)
                    byIntent[example.intent] = ([], [], [], source.source)
                }
                if let annotated = example.annotated {
                    byIntent[example.intent]!.openings.append(
                        Template(source: annotated.text, segments: annotated.segments))
                } else {
                    byIntent[example.intent]!.openings.append(Template.literal(example.text))
                }
                byIntent[example.intent]!.spans.append(example.annotated?.spans ?? [])
                byIntent[example.intent]!.slots.append(example.slots)
            }
        }
        return order.map { intent in
            let entry = byIntent[intent]!
            let hasSpans = entry.spans.contains { !$0.isEmpty }
            let hasSlots = entry.slots.contains { !$0.isEmpty }
            return CompiledGoal(
                data: intent, openings: entry.openings, openingSpans: hasSpans ? entry.spans : [],
                openingSlots: hasSlots ? entry.slots : [],
                each: entry.source.each ?? true, personas: entry.source.personas)
        }
    }
}
