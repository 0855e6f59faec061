import ChorusModel

/// A scenario suite: synthetic users (personas and goals), how to recognise the bot's replies,
/// and the release gate. Decoded from one YAML file or merged from a folder of them.
///
/// Named collections (`vocab`, `personas`, `goals`) are dictionaries; everything that draws from
/// them iterates in name order, so results never depend on file or decoder order.
public struct Suite: Codable, Sendable, Equatable {
    /// The scenario language version; only `1` exists.
    public var version: Int
    /// The suite's stable name (used for baselines and reports).
    public var suite: String
    /// BCP-47-ish language tag of the utterances: `en`, `es`, `zh`, …
    public var language: String
    /// The seed every conversation's generator derives from.
    public var seed: UInt64
    /// Default number of conversations of a run.
    public var conversations: Int
    /// A conversation ends with outcome `max_turns` after this many user turns.
    public var maxTurns: Int
    /// Named value pools that `{placeholders}` draw from.
    public var vocab: [String: Vocab]
    public var personas: [String: Persona]
    public var goals: [String: Goal]
    /// How to recognise fallback, handoff, confirmation and closing replies.
    public var bot: BotRecognition
    /// What users say for the dialogue acts (affirm, deny, correct, digress, …); each list
    /// replaces the suite language's defaults.
    public var dialogue: DialoguePhrases?
    /// Release-gate thresholds, keyed by metric name (see `GateMetric`).
    public var gate: [String: GateRule]?
    /// How goals choose their utterances: drawn (`sample`, the default) or every variant exactly
    /// once (`each`); a goal's own `each` overrides it.
    public var coverage: Coverage?
    /// Labelled data files whose examples become goals (one per intent), resolved relative to
    /// the suite file.
    public var data: [DataSource]?
    /// Personal data to replace in texts before they are written; nil: texts are kept as they are.
    public var privacy: PrivacySettings?

    enum CodingKeys: String, CodingKey {
        case version, suite, language, seed, conversations
        case maxTurns = "max_turns"
        case vocab, personas, goals, bot, dialogue, gate, coverage, data, privacy
    }

    public init(
        version: Int = 1, suite: String, language: String = "en", seed: UInt64 = 1, conversations: Int = 100,
        maxTurns: Int = 10, vocab: [String: Vocab] = [:], personas: [String: Persona] = [:],
        goals: [String: Goal] = [:], bot: BotRecognition = BotRecognition(), dialogue: DialoguePhrases? = nil,
        gate: [String: GateRule]? = nil, coverage: Coverage? = nil, data: [DataSource]? = nil,
        privacy: PrivacySettings? = nil
    ) {
        self.version = version
        self.suite = suite
        self.language = language
        self.seed = seed
        self.conversations = conversations
        self.maxTurns = maxTurns
        self.vocab = vocab
        self.personas = personas
        self.goals = goals
        self.bot = bot
        self.dialogue = dialogue
        self.gate = gate
        self.coverage = coverage
        self.data = data
        self.privacy = privacy
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        suite = try c.decode(String.self, forKey: .suite)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en"
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? 1
        conversations = try c.decodeIfPresent(Int.self, forKey: .conversations) ?? 100
        maxTurns = try c.decodeIfPresent(Int.self, forKey: .maxTurns) ?? 10
        vocab = try c.decodeIfPresent([String: Vocab].self, forKey: .vocab) ?? [:]
        personas = try c.decodeIfPresent([String: Persona].self, forKey: .personas) ?? [:]
        goals = try c.decodeIfPresent([String: Goal].self, forKey: .goals) ?? [:]
        bot = try c.decodeIfPresent(BotRecognition.self, forKey: .bot) ?? BotRecognition()
        dialogue = try c.decodeIfPresent(DialoguePhrases.self, forKey: .dialogue)
        gate = try c.decodeIfPresent([String: GateRule].self, forKey: .gate)
        coverage = try c.decodeIfPresent(Coverage.self, forKey: .coverage)
        data = try c.decodeIfPresent([DataSource].self, forKey: .data)
        privacy = try c.decodeIfPresent(PrivacySettings.self, forKey: .privacy)
    }
}

/// A named value pool: a list of values, values generated from a small pattern such as
/// `[A-Z]{2}-[0-9]{6}` (character classes, literals, `{n}`/`{n,m}`/`?` quantifiers), or a value
/// looked up in a table by another vocab's value (the facts a user expects in an answer).
///
/// YAML: `product: [laptop, phone]`, `product: {values: [laptop, phone]}`,
/// `order_id: {pattern: "[A-Z]{2}-[0-9]{6}"}` or
/// `hours: {lookup: day, values: {monday: "9am to 6pm", sunday: closed}}`.
public enum Vocab: Codable, Sendable, Equatable {
    case values([String])
    case pattern(String)
    /// The value of `table[value of key]`, where `key` names another vocab.
    case lookup(key: String, table: [String: String])

    enum CodingKeys: String, CodingKey { case values, pattern, lookup }

    public init(from decoder: any Decoder) throws {
        if let list = try? decoder.singleValueContainer().decode([String].self) {
            self = .values(list)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let pattern = try c.decodeIfPresent(String.self, forKey: .pattern) {
            self = .pattern(pattern)
        } else if let key = try c.decodeIfPresent(String.self, forKey: .lookup) {
            self = .lookup(key: key, table: try c.decode([String: String].self, forKey: .values))
        } else {
            self = .values(try c.decode([String].self, forKey: .values))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .values(let values): try c.encode(values, forKey: .values)
        case .pattern(let pattern): try c.encode(pattern, forKey: .pattern)
        case .lookup(let key, let table):
            try c.encode(key, forKey: .lookup)
            try c.encode(table, forKey: .values)
        }
    }
}

/// A kind of synthetic user: how often it appears, how sloppily it types, how soon it gives up.
public struct Persona: Codable, Sendable, Equatable {
    /// Relative frequency among personas (> 0).
    public var weight: Double
    /// Consecutive fallback replies the user tolerates; it gives up (outcome `abandoned`) on reaching it.
    public var patience: Int
    /// Probability, per answer, of adding one more slot the bot did not ask for.
    public var volunteer: Double
    public var noise: Noise
    /// How likely the user is to confirm carefully, correct, digress, request, escalate, close,
    /// mistype a value or go on with another goal.
    public var behaviour: PersonaBehaviour
    /// The language this persona writes in (`fi`, `zh`), when it is not the suite's: a suite may
    /// mix languages (a multilingual bot), and its summary breaks the rates down by language.
    public var language: String?

    public init(
        weight: Double = 1, patience: Int = 2, volunteer: Double = 0, noise: Noise = Noise(),
        behaviour: PersonaBehaviour = PersonaBehaviour(), language: String? = nil
    ) {
        self.language = language
        self.weight = weight
        self.patience = patience
        self.volunteer = volunteer
        self.noise = noise
        self.behaviour = behaviour
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        patience = try c.decodeIfPresent(Int.self, forKey: .patience) ?? 2
        volunteer = try c.decodeIfPresent(Double.self, forKey: .volunteer) ?? 0
        noise = try c.decodeIfPresent(Noise.self, forKey: .noise) ?? Noise()
        behaviour = try c.decodeIfPresent(PersonaBehaviour.self, forKey: .behaviour) ?? PersonaBehaviour()
        language = try c.decodeIfPresent(String.self, forKey: .language)
    }
}

/// Typing noise of a persona: rates, each a probability in 0…1, and the keyboard it types on.
/// Slot values are never touched.
public struct Noise: Codable, Sendable, Equatable {
    /// Per word of three letters or more: one letter replaced by a neighbour on `layout`.
    public var typo: Double
    /// Per utterance: the case changes (all lower, all upper, or first letter flipped).
    public var `case`: Double
    /// Per utterance: punctuation is dropped.
    public var punctuation: Double
    /// Per utterance: a filler word is put in front.
    public var filler: Double
    /// Filler words; defaults depend on the suite's language.
    public var fillers: [String]?
    /// The keyboard typos come from: `qwerty`, `azerty`, `qwertz`, `nordic` (å, ä, ö) or
    /// `spanish` (ñ); default by the suite's language.
    public var layout: KeyboardLayoutName?
    /// Per utterance: diacritics are dropped (é→e, ñ→n, ä→a) and so are `¿` and `¡`.
    public var accents: Double
    /// Per Chinese character: replaced by another with the same pinyin (a pinyin input method's
    /// wrong candidate).
    public var homophones: Double
    /// Per utterance: full-width punctuation becomes half-width, or the other way round.
    public var width: Double
    /// Per word or phrase in the language's chat-abbreviation list: abbreviated ("pls", "xq", "stp").
    public var abbreviations: Double
    /// Per utterance: a vowel of one word is stretched ("pleeease").
    public var repeats: Double
    /// Per utterance: one space between words is missing.
    public var spaces: Double

    enum CodingKeys: String, CodingKey {
        case typo, `case`, punctuation, filler, fillers, layout, accents, homophones, width, abbreviations, repeats,
            spaces
    }

    public init(
        typo: Double = 0, case: Double = 0, punctuation: Double = 0, filler: Double = 0, fillers: [String]? = nil,
        layout: KeyboardLayoutName? = nil, accents: Double = 0, homophones: Double = 0, width: Double = 0,
        abbreviations: Double = 0, repeats: Double = 0, spaces: Double = 0
    ) {
        self.typo = typo
        self.case = `case`
        self.punctuation = punctuation
        self.filler = filler
        self.fillers = fillers
        self.layout = layout
        self.accents = accents
        self.homophones = homophones
        self.width = width
        self.abbreviations = abbreviations
        self.repeats = repeats
        self.spaces = spaces
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        typo = try c.decodeIfPresent(Double.self, forKey: .typo) ?? 0
        `case` = try c.decodeIfPresent(Double.self, forKey: .case) ?? 0
        punctuation = try c.decodeIfPresent(Double.self, forKey: .punctuation) ?? 0
        filler = try c.decodeIfPresent(Double.self, forKey: .filler) ?? 0
        fillers = try c.decodeIfPresent([String].self, forKey: .fillers)
        layout = try c.decodeIfPresent(KeyboardLayoutName.self, forKey: .layout)
        accents = try c.decodeIfPresent(Double.self, forKey: .accents) ?? 0
        homophones = try c.decodeIfPresent(Double.self, forKey: .homophones) ?? 0
        width = try c.decodeIfPresent(Double.self, forKey: .width) ?? 0
        abbreviations = try c.decodeIfPresent(Double.self, forKey: .abbreviations) ?? 0
        repeats = try c.decodeIfPresent(Double.self, forKey: .repeats) ?? 0
        spaces = try c.decodeIfPresent(Double.self, forKey: .spaces) ?? 0
    }
}

/// The keyboards typos come from.
public enum KeyboardLayoutName: String, Codable, Sendable, CaseIterable {
    case qwerty, azerty, qwertz, nordic, spanish

    /// The usual keyboard of a language tag (`fr` → AZERTY, `de` → QWERTZ, `fi`/`sv` → Nordic,
    /// `es` → Spanish), QWERTY otherwise.
    public init(language: String) {
        switch language.split(separator: "-").first.map({ $0.lowercased() }) ?? "" {
        case "fr": self = .azerty
        case "de": self = .qwertz
        case "fi", "sv": self = .nordic
        case "es": self = .spanish
        default: self = .qwerty
        }
    }
}

/// What a synthetic user wants. Either agenda-based (`intent`, `openings`, `slots`, `success`)
/// or scripted (`steps`).
public struct Goal: Codable, Sendable, Equatable {
    /// Relative frequency among goals (> 0).
    public var weight: Double
    /// Only these personas pursue the goal (absent: every persona).
    public var personas: [String]?
    /// Agenda: the intent of the user's request (the expected intent of opening turns).
    public var intent: String?
    /// Agenda: opening utterance variants; `{slot}` placeholders fill slots up front.
    public var openings: [String]?
    /// The goal's slots, by name. Placeholders `{name}` refer to these (or directly to a vocab).
    public var slots: [String: Slot]?
    /// Agenda: expected intent of turns that answer a slot question (default `inform`).
    public var answerIntent: String?
    /// Agenda: when the goal is reached. All given conditions must hold on one bot reply.
    public var success: SuccessCondition?
    /// Agenda: information the user wants once the task is done, by name (each asked with the
    /// persona's `request` probability); the goal succeeds only when every asked one is answered.
    public var requests: [String: GoalRequest]?
    /// Scripted: the user's turns, in order.
    public var steps: [Step]?
    /// Every opening (or every variant of the step marked `each`) exactly once, one conversation
    /// each, instead of drawing them; absent: the suite's `coverage`.
    public var each: Bool?

    enum CodingKeys: String, CodingKey {
        case weight, personas, intent, openings, slots
        case answerIntent = "answer_intent"
        case success, requests, steps, each
    }

    public init(
        weight: Double = 1, personas: [String]? = nil, intent: String? = nil, openings: [String]? = nil,
        slots: [String: Slot]? = nil,
        answerIntent: String? = nil, success: SuccessCondition? = nil, requests: [String: GoalRequest]? = nil,
        steps: [Step]? = nil, each: Bool? = nil
    ) {
        self.weight = weight
        self.personas = personas
        self.intent = intent
        self.openings = openings
        self.slots = slots
        self.answerIntent = answerIntent
        self.success = success
        self.requests = requests
        self.steps = steps
        self.each = each
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        personas = try c.decodeIfPresent([String].self, forKey: .personas)
        intent = try c.decodeIfPresent(String.self, forKey: .intent)
        openings = try c.decodeIfPresent([String].self, forKey: .openings)
        slots = try c.decodeIfPresent([String: Slot].self, forKey: .slots)
        answerIntent = try c.decodeIfPresent(String.self, forKey: .answerIntent)
        success = try c.decodeIfPresent(SuccessCondition.self, forKey: .success)
        requests = try c.decodeIfPresent([String: GoalRequest].self, forKey: .requests)
        steps = try c.decodeIfPresent([Step].self, forKey: .steps)
        each = try c.decodeIfPresent(Bool.self, forKey: .each)
    }

    /// True when the goal is scripted (has `steps`).
    public var isScripted: Bool { steps != nil }

    /// The intent answers are expected as when a goal sets no `answer_intent`.
    public static let defaultAnswerIntent = "inform"
}

/// A slot of a goal: where its value comes from, how the bot asks for it, how the user answers.
public struct Slot: Codable, Sendable, Equatable {
    /// The vocab the value is drawn from; defaults to the slot's own name.
    public var vocab: String?
    /// Pattern recognising a bot reply that asks for this slot (may name `{slot}` values).
    public var ask: String?
    /// Answer variants, e.g. `"it's {order_id}"`; default is the bare value.
    public var answers: [String]?
    /// Malformed values the user may give first (persona `invalid_value`); a pattern vocab
    /// makes its own (a valid value with one character dropped) when this is absent.
    public var invalid: [String]?

    public init(vocab: String? = nil, ask: String? = nil, answers: [String]? = nil, invalid: [String]? = nil) {
        self.vocab = vocab
        self.ask = ask
        self.answers = answers
        self.invalid = invalid
    }
}

/// The success condition of an agenda goal, checked on every bot reply.
public struct SuccessCondition: Codable, Sendable, Equatable {
    /// The target's predicted intent for the user turn must be this.
    public var intent: String?
    /// A bot reply text must match this pattern; `{slot}` placeholders stand for the user's own
    /// values (regex-escaped), so the bot must act on them.
    public var reply: String?
    /// The reply must (true) be a handoff, e.g. for a "talk to a human" goal.
    public var handoff: Bool?
    /// These slots' values must be the user's: echoed in the reply, or extracted by the target.
    public var slots: [String]?

    public init(intent: String? = nil, reply: String? = nil, handoff: Bool? = nil, slots: [String]? = nil) {
        self.intent = intent
        self.reply = reply
        self.handoff = handoff
        self.slots = slots
    }
}

/// One scripted user turn.
public struct Step: Codable, Sendable, Equatable {
    /// Utterance variants; one is drawn per conversation.
    public var user: [String]
    /// What the bot's reply must satisfy.
    public var expect: Expectation?
    /// When true, a failed expectation ends the conversation with outcome `failed`.
    public var required: Bool
    /// Every variant of this step exactly once, one conversation each (at most one step of a goal).
    public var each: Bool?

    public init(user: [String], expect: Expectation? = nil, required: Bool = false, each: Bool? = nil) {
        self.user = user
        self.expect = expect
        self.required = required
        self.each = each
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        user = try c.decode([String].self, forKey: .user)
        expect = try c.decodeIfPresent(Expectation.self, forKey: .expect)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        each = try c.decodeIfPresent(Bool.self, forKey: .each)
    }
}

/// A scripted step's expectation on the bot's reply.
public struct Expectation: Codable, Sendable, Equatable {
    /// Expected intent of the user turn (scored for intent accuracy).
    public var intent: String?
    /// Entities the target must have extracted, value templates such as `"{order_id}"`.
    public var slots: [String: String]?
    /// The reply must not be a fallback.
    public var notFallback: Bool?
    /// A reply text must match this pattern; `{slot}` placeholders stand for the user's values.
    public var reply: String?

    enum CodingKeys: String, CodingKey {
        case intent, slots
        case notFallback = "not_fallback"
        case reply
    }

    public init(intent: String? = nil, slots: [String: String]? = nil, notFallback: Bool? = nil, reply: String? = nil) {
        self.intent = intent
        self.slots = slots
        self.notFallback = notFallback
        self.reply = reply
    }
}

/// How to recognise the bot's fallback, handoff, confirmation and closing replies.
public struct BotRecognition: Codable, Sendable, Equatable {
    public var fallback: Recognizer
    public var handoff: Recognizer
    /// A reply that asks the user to confirm values it reads back ("Shall I …?").
    public var confirm: Recognizer
    /// A reply that closes the conversation ("Goodbye!").
    public var closing: Recognizer
    /// When set, a turn whose reply is a fallback (by `fallback`) counts as a prediction of this
    /// label (e.g. `nlu_fallback`), whatever intent the target reported with it: how Rasa's
    /// FallbackClassifier scores, so intent accuracy is that of what the bot did. Applies only
    /// to turns where the target reported an intent.
    public var fallbackAsIntent: String?

    enum CodingKeys: String, CodingKey {
        case fallback, handoff, confirm, closing
        case fallbackAsIntent = "fallback_as_intent"
    }

    public init(
        fallback: Recognizer = Recognizer(), handoff: Recognizer = Recognizer(), confirm: Recognizer = Recognizer(),
        closing: Recognizer = Recognizer(), fallbackAsIntent: String? = nil
    ) {
        self.fallback = fallback
        self.handoff = handoff
        self.confirm = confirm
        self.closing = closing
        self.fallbackAsIntent = fallbackAsIntent
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fallback = try c.decodeIfPresent(Recognizer.self, forKey: .fallback) ?? Recognizer()
        handoff = try c.decodeIfPresent(Recognizer.self, forKey: .handoff) ?? Recognizer()
        confirm = try c.decodeIfPresent(Recognizer.self, forKey: .confirm) ?? Recognizer()
        closing = try c.decodeIfPresent(Recognizer.self, forKey: .closing) ?? Recognizer()
        fallbackAsIntent = try c.decodeIfPresent(String.self, forKey: .fallbackAsIntent)
    }

    /// The intent a turn is scored as predicting: `fallbackAsIntent` for a fallback reply that
    /// came with an intent, when set; else what the target reported.
    public func scoredIntent(reported: String?, fallback: Bool) -> String? {
        guard let reported else { return nil }
        if fallback, let label = fallbackAsIntent { return label }
        return reported
    }
}

/// A reply is recognised when its intent is one of `intents` or a text matches one of `patterns`.
public struct Recognizer: Codable, Sendable, Equatable {
    public var intents: [String]
    public var patterns: [String]

    public init(intents: [String] = [], patterns: [String] = []) {
        self.intents = intents
        self.patterns = patterns
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        intents = try c.decodeIfPresent([String].self, forKey: .intents) ?? []
        patterns = try c.decodeIfPresent([String].self, forKey: .patterns) ?? []
    }
}

/// One gate rule on a metric: absolute bounds and tolerances relative to the baseline.
/// Rates are fractions (0.02 = two percentage points); `latency_p95_ms` is in milliseconds,
/// and its `max_rise` is relative (0.2 = 20 % slower).
public struct GateRule: Codable, Sendable, Equatable {
    public var min: Double?
    public var max: Double?
    public var maxDrop: Double?
    public var maxRise: Double?
    /// Absolute bounds on the metric among the conversations of one language (by language tag),
    /// for suites that mix languages: `completion_rate: {languages: {fi: {min: 0.9}}}`.
    public var languages: [String: GateRule]?

    enum CodingKeys: String, CodingKey {
        case min, max
        case maxDrop = "max_drop"
        case maxRise = "max_rise"
        case languages
    }

    public init(
        min: Double? = nil, max: Double? = nil, maxDrop: Double? = nil, maxRise: Double? = nil,
        languages: [String: GateRule]? = nil
    ) {
        self.languages = languages
        self.min = min
        self.max = max
        self.maxDrop = maxDrop
        self.maxRise = maxRise
    }
}

/// The metrics a gate rule may name.
public enum GateMetric: String, CaseIterable, Sendable {
    case intentAccuracy = "intent_accuracy"
    case completionRate = "completion_rate"
    case fallbackRate = "fallback_rate"
    case handoffRate = "handoff_rate"
    case abandonmentRate = "abandonment_rate"
    case errorRate = "error_rate"
    case latencyP95 = "latency_p95_ms"
    /// `min`/`max` bound the macro-averaged F1; `max_drop` is the tolerance for every intent's
    /// precision, recall and F1 against the baseline (tested together, Holm-corrected).
    case intentF1 = "intent_f1"
    /// Completed goals / goal attempts (every goal of every conversation).
    case goalCompletionRate = "goal_completion_rate"
    /// Conversations where the user asked for a human after the bot kept failing / conversations.
    case escalationRate = "escalation_rate"
    /// Conversations with at least one dialogue failure / conversations.
    case dialogueFailureRate = "dialogue_failure_rate"
    /// F1 of the slot values the bot confirmed or acted on against the user's values.
    case slotF1 = "slot_f1"
    /// Conversations with each named dialogue failure / conversations (one key per `DialogueFailure`).
    case contextLostRate = "context_lost_rate"
    case correctionIgnoredRate = "correction_ignored_rate"
    case wrongValueConfirmedRate = "wrong_value_confirmed_rate"
    case digressionNotResumedRate = "digression_not_resumed_rate"
    case requestUnansweredRate = "request_unanswered_rate"
    case loopRate = "loop_rate"
    case invalidValueAcceptedRate = "invalid_value_accepted_rate"
    case closingUnansweredRate = "closing_unanswered_rate"
    /// The nearest-rank p95 of user turns of completed conversations; `max` in turns, `max_rise`
    /// relative to the baseline (like latency).
    case turnsToSuccessP95 = "turns_to_success_p95"
    /// With `--repeat k`: pass^k at the run's k (every one of k plays passes), a fraction.
    case passHatK = "pass_hat_k"
    /// With `--repeat k`: conversations some of whose plays passed and some failed / conversations.
    case flakyRate = "flaky_rate"

    /// The dialogue failure whose rate this key gates (`context_lost_rate` → `context_lost`).
    public var dialogueFailure: DialogueFailure? {
        rawValue.hasSuffix("_rate") ? DialogueFailure(rawValue: String(rawValue.dropLast("_rate".count))) : nil
    }
}
