extension Suite {
    /// Names that `{placeholders}` can refer to: letters, digits and `_`, as `Template` reads them.
    static let placeholderNameKeys = SchemaKeyRule.placeholderName

    /// The shape of a suite file; keys are exactly the models' `CodingKey`s.
    public static let schema = SchemaNode.object(schemaObject)

    /// The shape of one file of a folder suite: like a suite, but `suite:` may be in another file.
    static let fragmentSchema = SchemaNode.object(schemaObject.makingOptional(["suite"]))

    static let schemaObject = SchemaObject(
        noun: "suite",
        description: "A Chorus scenario suite: synthetic users (personas and goals), how to recognise the bot's replies, and the release gate.",
        properties: [
            SchemaProperty("version", .integer(minimum: 1), required: true, "The scenario language version; only 1 exists."),
            SchemaProperty("suite", .string, required: true, "The suite's stable name, used for baselines and reports."),
            SchemaProperty("language", .string, "Language tag of the utterances: en, es, zh, … (default en)."),
            SchemaProperty("seed", .integer(minimum: 0), "The seed every conversation's generator derives from (default 1)."),
            SchemaProperty("conversations", .integer(minimum: 1), "Default number of conversations of a run (default 100)."),
            SchemaProperty("max_turns", .integer(minimum: 1), "A conversation ends with outcome max_turns after this many user turns (default 10)."),
            SchemaProperty("vocab", .map(entry: "vocab", keys: placeholderNameKeys, values: vocabSchema), "Named value pools that {placeholders} draw from."),
            SchemaProperty("personas", .named("persona", .object(personaSchema)), "Kinds of synthetic user, by name."),
            SchemaProperty("goals", .named("goal", .object(goalSchema)), "What synthetic users want, by name."),
            SchemaProperty("bot", .object(botRecognitionSchema), "How to recognise the bot's fallback and handoff replies."),
            SchemaProperty(
                "gate", .map(entry: "gate metric", keys: GateRule.metricKeys, values: .object(GateRule.schema(for: .completionRate))),
                "Release-gate thresholds, keyed by metric name."),
        ])

    static let vocabSchema = SchemaNode.oneOf([
        .variants,
        .object(SchemaObject(
            noun: "vocab", description: "A list of values.",
            properties: [SchemaProperty("values", .variants, required: true, "The values, drawn uniformly.")])),
        .object(SchemaObject(
            noun: "vocab", description: "Values generated from a pattern.",
            properties: [
                SchemaProperty(
                    "pattern", .string(format: .valuePattern), required: true,
                    "Literals, \\-escapes (\\d), classes [A-Z0-9] and quantifiers {n}, {n,m}, ?; e.g. [A-Z]{2}-[0-9]{6}.")
            ])),
    ])

    static let personaSchema = SchemaObject(
        noun: "persona",
        description: "A kind of synthetic user: how often it appears, how sloppily it types, how soon it gives up.",
        properties: [
            SchemaProperty("weight", .weight, "Relative frequency among personas, greater than 0 (default 1)."),
            SchemaProperty("patience", .integer(minimum: 1), "Consecutive fallback replies the user tolerates before giving up (default 2)."),
            SchemaProperty("volunteer", .rate, "Probability, per answer, of adding a slot the bot did not ask for (default 0)."),
            SchemaProperty("noise", .object(noiseSchema), "Typing noise rates."),
        ])

    static let noiseSchema = SchemaObject(
        noun: "noise",
        description: "Typing noise rates of a persona, each a probability in 0…1.",
        properties: [
            SchemaProperty("typo", .rate, "Per word of letters: one keyboard-adjacent substitution."),
            SchemaProperty("case", .rate, "Per utterance: the case changes."),
            SchemaProperty("punctuation", .rate, "Per utterance: punctuation is dropped."),
            SchemaProperty("filler", .rate, "Per utterance: a filler word is put in front."),
            SchemaProperty("fillers", .variants, "Filler words; defaults depend on the suite's language."),
        ])

    static let goalSchema = SchemaObject(
        noun: "goal",
        description: "What a synthetic user wants: agenda-based (intent, openings, slots, success) or scripted (steps).",
        properties: [
            SchemaProperty("weight", .weight, "Relative frequency among goals, greater than 0 (default 1)."),
            SchemaProperty("personas", .array(of: .string, minItems: 1), "Only these personas pursue the goal (default: all)."),
            SchemaProperty("intent", .string, "Agenda: the intent of the user's request."),
            SchemaProperty("openings", .variants, "Agenda: opening utterance variants; {slot} placeholders fill slots up front."),
            SchemaProperty("slots", .map(entry: "slot", keys: placeholderNameKeys, values: .object(slotSchema)), "The goal's slots, by name."),
            SchemaProperty("answer_intent", .string, "Agenda: expected intent of turns that answer a slot question (default inform)."),
            SchemaProperty("success", .object(successSchema), "Agenda: when the goal is reached; all given conditions must hold on one bot reply."),
            SchemaProperty("steps", .array(of: .object(stepSchema), minItems: 1), "Scripted: the user's turns, in order."),
        ])

    static let slotSchema = SchemaObject(
        noun: "slot",
        description: "A slot of a goal: where its value comes from, how the bot asks for it, how the user answers.",
        properties: [
            SchemaProperty("vocab", .string, "The vocab the value is drawn from (default: the slot's name)."),
            SchemaProperty("ask", .string(format: .regex), "Regular expression recognising a bot reply that asks for this slot."),
            SchemaProperty("answers", .variants, "Answer variants such as \"it's {order_id}\" (default: the bare value)."),
        ])

    static let successSchema = SchemaObject(
        noun: "success",
        description: "The success condition of an agenda goal, checked on every bot reply.",
        properties: [
            SchemaProperty("intent", .string, "The target's predicted intent must be this."),
            SchemaProperty("reply", .string(format: .regex), "A bot reply text must match this regular expression."),
            SchemaProperty("handoff", .boolean, "The reply must be a handoff."),
        ])

    static let stepSchema = SchemaObject(
        noun: "step",
        description: "One scripted user turn.",
        properties: [
            SchemaProperty("user", .variants, required: true, "Utterance variants; one is drawn per conversation."),
            SchemaProperty("expect", .object(expectationSchema), "What the bot's reply must satisfy."),
            SchemaProperty("required", .boolean, "When true, a failed expectation ends the conversation with outcome failed."),
        ])

    static let expectationSchema = SchemaObject(
        noun: "expect",
        description: "A scripted step's expectation on the bot's reply.",
        properties: [
            SchemaProperty("intent", .string, "Expected intent of the user turn."),
            SchemaProperty("slots", .named("slot", .string), "Entities the target must have extracted, as value templates such as \"{order_id}\"."),
            SchemaProperty("not_fallback", .boolean, "The reply must not be a fallback."),
            SchemaProperty("reply", .string(format: .regex), "A reply text must match this regular expression."),
        ])

    static let botRecognitionSchema = SchemaObject(
        noun: "bot",
        description: "How to recognise the bot's fallback and handoff replies.",
        properties: [
            SchemaProperty("fallback", .object(recognizerSchema(for: "fallback")), "How to recognise a fallback reply."),
            SchemaProperty("handoff", .object(recognizerSchema(for: "handoff")), "How to recognise a handoff reply."),
        ])

    static func recognizerSchema(for kind: String) -> SchemaObject {
        SchemaObject(
            noun: kind,
            description: "A reply is a \(kind) when its intent is one of intents or a text matches one of patterns.",
            properties: [
                SchemaProperty("intents", .list(.string), "Intent names that mark a \(kind) reply."),
                SchemaProperty("patterns", .list(.string(format: .regex)), "Regular expressions that mark a \(kind) reply text."),
            ])
    }
}
