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
            }
        }
        self.vocab = vocab
        var goals: [CompiledGoal] = []
        for name in suite.goals.keys.sorted() {
            goals.append(try CompiledGoal(name: name, goal: suite.goals[name]!, vocab: vocab))
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
            personas.append(
                CompiledPersona(
                    name: name, persona: persona, noise: NoiseModel(noise: persona.noise, language: language),
                    goalIndices: goalIndices, goalWeights: goalWeights))
            total += persona.weight
            weights.append(total)
        }
        guard !personas.isEmpty else { throw .invalid("the suite has no persona") }
        guard !goals.isEmpty else { throw .invalid("the suite has no goal") }
        self.personas = personas
        personaWeights = weights
    }

    /// A value for `vocab`, drawn from `generator`.
    func draw(vocab name: String, using generator: inout SeededGenerator) -> String? {
        switch vocab[name] {
        case .values(let values): generator.pick(values)
        case .pattern(let pattern): pattern.generate(using: &generator)
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
}

struct CompiledPersona: Sendable {
    let name: String
    let persona: Persona
    let noise: NoiseModel
    /// The goals this persona pursues (indices into `CompiledSuite.goals`) and their cumulative weights.
    let goalIndices: [Int]
    let goalWeights: [Double]
}

struct CompiledSlot: Sendable {
    let name: String
    let vocab: String
    let ask: TextPattern?
    let answers: [Template]
}

struct CompiledStep: Sendable {
    let variants: [Template]
    let intent: String?
    let slots: [(name: String, value: Template)]
    let notFallback: Bool
    let reply: TextPattern?
    let required: Bool
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
    let successReply: TextPattern?
    /// Scripted goals: the steps (empty for an agenda goal).
    let steps: [CompiledStep]

    init(name: String, goal: Goal, vocab: [String: CompiledVocab]) throws(SimulationError) {
        func pattern(_ source: String?) throws(SimulationError) -> TextPattern? {
            guard let source else { return nil }
            do { return try TextPattern(source) } catch { throw .invalid("goal \"\(name)\": \(error)") }
        }
        self.name = name
        weight = goal.weight
        personas = goal.personas.map(Set.init)
        intent = goal.intent
        answerIntent = goal.answerIntent ?? "inform"
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
                    answers: (slot.answers ?? ["{\(slotName)}"]).map(Template.init)))
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
        success = goal.success ?? SuccessCondition(intent: goal.intent)
        successReply = try pattern(success.reply)
    }
}
