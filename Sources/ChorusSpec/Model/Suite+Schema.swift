extension Suite {
    /// Names that `{placeholders}` can refer to: letters, digits and `_`, as `Template` reads them.
    static let placeholderNameKeys = SchemaKeyRule.placeholderName

    /// The shape of a suite file; keys are exactly the models' `CodingKey`s.
    public static let schema = SchemaNode.object(schemaObject)

    /// The shape of one file of a folder suite: like a suite, but `suite:` may be in another file.
    static let fragmentSchema = SchemaNode.object(schemaObject.makingOptional(["suite"]))

    static let schemaObject = SchemaObject(
        noun: "suite",
        description:
            "A Chorus scenario suite: synthetic users (personas and goals), how to recognise the bot's replies, and the release gate.",
        properties: [
            SchemaProperty(
                "version", .integer(minimum: 1), required: true, "The scenario language version; only 1 exists."),
            SchemaProperty(
                "suite", .string, required: true, "The suite's stable name, used for baselines and reports."),
            SchemaProperty("language", .string, "Language tag of the utterances: en, es, zh, … (default en)."),
            SchemaProperty(
                "seed", .integer(minimum: 0), "The seed every conversation's generator derives from (default 1)."),
            SchemaProperty(
                "conversations", .integer(minimum: 1), "Default number of conversations of a run (default 100)."),
            SchemaProperty(
                "max_turns", .integer(minimum: 1),
                "A conversation ends with outcome max_turns after this many user turns (default 10)."),
            SchemaProperty(
                "vocab", .map(entry: "vocab", keys: placeholderNameKeys, values: vocabSchema),
                "Named value pools that {placeholders} draw from."),
            SchemaProperty("personas", .named("persona", .object(personaSchema)), "Kinds of synthetic user, by name."),
            SchemaProperty("goals", .named("goal", .object(goalSchema)), "What synthetic users want, by name."),
            SchemaProperty(
                "bot", .object(botRecognitionSchema),
                "How to recognise the bot's fallback, handoff, confirmation and closing replies."),
            SchemaProperty(
                "dialogue", .object(dialogueSchema),
                "What users say for the dialogue acts; each list replaces the language's defaults."),
            SchemaProperty(
                "gate",
                .map(
                    entry: "gate metric", keys: GateRule.metricKeys,
                    values: .object(GateRule.schema(for: .completionRate))),
                "Release-gate thresholds, keyed by metric name."),
            SchemaProperty(
                "coverage", .enumeration(Coverage.allCases.map(\.rawValue)),
                "sample (default): goals draw their utterances; each: every opening (or the each step's variants) exactly once, one conversation per variant."
            ),
            SchemaProperty(
                "data", .array(of: .object(dataSourceSchema), minItems: 1),
                "Labelled data files whose examples become goals, one per intent."),
            SchemaProperty(
                "privacy", .object(PrivacySettings.schema),
                "Personal data to mask or pseudonymise before anything is written."),
        ])

    static let dataSourceSchema = SchemaObject(
        noun: "data",
        description: "A labelled data file: each example is an utterance with its intent (and expected slots).",
        properties: [
            SchemaProperty("file", .string, required: true, "The file, relative to the suite file."),
            SchemaProperty(
                "format", .enumeration(DataFormat.allCases.map(\.rawValue)),
                "csv, tsv, jsonl or rasa (Rasa NLU YAML); default from the extension."),
            SchemaProperty("text", .string, "CSV/TSV column or JSON Lines field of the utterance (default text)."),
            SchemaProperty("intent", .string, "CSV/TSV column or JSON Lines field of the intent (default intent)."),
            SchemaProperty(
                "slots", .string, "JSON Lines field holding the expected slots, an object of name to value."),
            SchemaProperty("each", .boolean, "Every example exactly once, one conversation each (default true)."),
            SchemaProperty(
                "personas", .array(of: .string, minItems: 1), "Only these personas say the examples (default: all)."),
        ])

    static let vocabSchema = SchemaNode.oneOf([
        .variants,
        .object(
            SchemaObject(
                noun: "vocab", description: "A list of values.",
                properties: [SchemaProperty("values", .variants, required: true, "The values, drawn uniformly.")])),
        .object(
            SchemaObject(
                noun: "vocab", description: "Values generated from a pattern.",
                properties: [
                    SchemaProperty(
                        "pattern", .string(format: .valuePattern), required: true,
                        "Literals, \\-escapes (\\d), classes [A-Z0-9] and quantifiers {n}, {n,m}, ?; e.g. [A-Z]{2}-[0-9]{6}."
                    )
                ])),
        .object(
            SchemaObject(
                noun: "vocab",
                description:
                    "A value looked up by another vocab's value, e.g. the opening hours of the day the user asks about.",
                properties: [
                    SchemaProperty("lookup", .string, required: true, "The vocab whose value is the key."),
                    SchemaProperty(
                        "values", .named("value", .string), required: true, "The table: key value → this vocab's value."
                    ),
                ])),
    ])

    static let personaSchema = SchemaObject(
        noun: "persona",
        description: "A kind of synthetic user: how often it appears, how sloppily it types, how soon it gives up.",
        properties: [
            SchemaProperty("weight", .weight, "Relative frequency among personas, greater than 0 (default 1)."),
            SchemaProperty(
                "patience", .integer(minimum: 1),
                "Consecutive fallback replies the user tolerates before giving up (default 2)."),
            SchemaProperty(
                "volunteer", .rate, "Probability, per answer, of adding a slot the bot did not ask for (default 0)."),
            SchemaProperty("noise", .object(noiseSchema), "Typing noise rates."),
            SchemaProperty(
                "behaviour", .object(behaviourSchema),
                "How likely the user is to confirm carefully, correct, digress, request, escalate, close, mistype a value or pursue another goal."
            ),
            SchemaProperty(
                "language", .string,
                "The language this persona writes in, when not the suite's (a suite may mix languages; rates are broken down by language)."
            ),
        ])

    static let behaviourSchema = SchemaObject(
        noun: "behaviour",
        description:
            "Dialogue behaviours of a persona, each a probability in 0…1 (0 = never) drawn from the conversation's own generator.",
        properties: [
            SchemaProperty(
                "confirm", .rate,
                "When the bot reads values back, the chance the user checks them and denies a wrong one (else it affirms blindly); default 1."
            ),
            SchemaProperty(
                "correct", .rate,
                "Per goal: the user changes a value it gave (\"sorry, I meant …\") and expects the bot to use the new one."
            ),
            SchemaProperty(
                "digress", .rate,
                "Per goal: the user asks something off-task mid-task and expects the bot to resume without asking again."
            ),
            SchemaProperty(
                "request", .rate, "Per request of a goal: the user asks for that information once the task is done."),
            SchemaProperty(
                "escalate", .rate,
                "When its patience runs out, the chance the user asks for a human instead of giving up."),
            SchemaProperty(
                "close", .rate, "At the end, the chance the user thanks and says goodbye, expecting a closing reply."),
            SchemaProperty(
                "invalid_value", .rate,
                "Per goal: the user gives a malformed value first and expects the bot to ask again."),
            SchemaProperty(
                "multi_goal", .rate, "After a goal, the chance the user goes on with another (\"also, …\")."),
            SchemaProperty("max_goals", .integer(minimum: 1), "The most goals one conversation pursues (default 3)."),
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
            SchemaProperty(
                "layout", .enumeration(KeyboardLayoutName.allCases.map(\.rawValue)),
                "The keyboard typos come from (default by language: fr azerty, de qwertz, fi nordic, es spanish, else qwerty)."
            ),
            SchemaProperty("accents", .rate, "Per utterance: diacritics dropped (é→e, ñ→n, ä→a), and ¿ ¡."),
            SchemaProperty("homophones", .rate, "Per Chinese character: replaced by another with the same pinyin."),
            SchemaProperty("width", .rate, "Per utterance: full-width and half-width punctuation swapped."),
            SchemaProperty(
                "abbreviations", .rate,
                "Per listed word or phrase: replaced by its chat abbreviation (pls, xq, stp, kiitti)."),
            SchemaProperty("repeats", .rate, "Per utterance: a vowel stretched (pleeease)."),
            SchemaProperty("spaces", .rate, "Per utterance: one space between words missing."),
        ])

    static let goalSchema = SchemaObject(
        noun: "goal",
        description:
            "What a synthetic user wants: agenda-based (intent, openings, slots, success) or scripted (steps).",
        properties: [
            SchemaProperty("weight", .weight, "Relative frequency among goals, greater than 0 (default 1)."),
            SchemaProperty(
                "personas", .array(of: .string, minItems: 1), "Only these personas pursue the goal (default: all)."),
            SchemaProperty("intent", .string, "Agenda: the intent of the user's request."),
            SchemaProperty(
                "openings", .variants, "Agenda: opening utterance variants; {slot} placeholders fill slots up front."),
            SchemaProperty(
                "slots", .map(entry: "slot", keys: placeholderNameKeys, values: .object(slotSchema)),
                "The goal's slots, by name."),
            SchemaProperty(
                "answer_intent", .string,
                "Agenda: expected intent of turns that answer a slot question (default inform)."),
            SchemaProperty(
                "success", .object(successSchema),
                "Agenda: when the goal is reached; all given conditions must hold on one bot reply."),
            SchemaProperty(
                "requests", .map(entry: "request", keys: placeholderNameKeys, values: .object(requestSchema)),
                "Agenda: information the user wants once the task is done; the goal succeeds only when each asked one is answered."
            ),
            SchemaProperty(
                "steps", .array(of: .object(stepSchema), minItems: 1), "Scripted: the user's turns, in order."),
            SchemaProperty(
                "each", .boolean,
                "Every opening (or the variants of the step marked each) exactly once, one conversation each (default: the suite's coverage)."
            ),
        ])

    static let slotSchema = SchemaObject(
        noun: "slot",
        description: "A slot of a goal: where its value comes from, how the bot asks for it, how the user answers.",
        properties: [
            SchemaProperty("vocab", .string, "The vocab the value is drawn from (default: the slot's name)."),
            SchemaProperty(
                "ask", .string(format: .replyPattern),
                "Regular expression recognising a bot reply that asks for this slot."),
            SchemaProperty(
                "answers", .variants, "Answer variants such as \"it's {order_id}\" (default: the bare value)."),
            SchemaProperty(
                "invalid", .variants,
                "Malformed values the user may give first (persona invalid_value); a pattern vocab makes its own when absent."
            ),
        ])

    static let requestSchema = SchemaObject(
        noun: "request",
        description: "Information the user wants from the bot once the task is done.",
        properties: [
            SchemaProperty("user", .variants, required: true, "Utterance variants asking for it."),
            SchemaProperty(
                "reply", .string(format: .replyPattern), required: true,
                "A reply text must match this; {slot} and {vocab} placeholders stand for the conversation's values."),
            SchemaProperty("intent", .string, "The intent the question expresses (scored when given)."),
        ])

    static let successSchema = SchemaObject(
        noun: "success",
        description: "The success condition of an agenda goal, checked on every bot reply.",
        properties: [
            SchemaProperty("intent", .string, "The target's predicted intent must be this."),
            SchemaProperty(
                "reply", .string(format: .replyPattern),
                "A bot reply text must match this regular expression; {slot} placeholders stand for the user's own values."
            ),
            SchemaProperty("handoff", .boolean, "The reply must be a handoff."),
            SchemaProperty(
                "slots", .array(of: .string, minItems: 1),
                "These slots' values must be the user's: echoed in the reply or extracted by the target."),
        ])

    static let stepSchema = SchemaObject(
        noun: "step",
        description: "One scripted user turn.",
        properties: [
            SchemaProperty("user", .variants, required: true, "Utterance variants; one is drawn per conversation."),
            SchemaProperty("expect", .object(expectationSchema), "What the bot's reply must satisfy."),
            SchemaProperty(
                "required", .boolean, "When true, a failed expectation ends the conversation with outcome failed."),
            SchemaProperty(
                "each", .boolean,
                "Every variant of this step exactly once, one conversation each (at most one step per goal)."),
        ])

    static let expectationSchema = SchemaObject(
        noun: "expect",
        description: "A scripted step's expectation on the bot's reply.",
        properties: [
            SchemaProperty("intent", .string, "Expected intent of the user turn."),
            SchemaProperty(
                "slots", .named("slot", .string),
                "Entities the target must have extracted, as value templates such as \"{order_id}\"."),
            SchemaProperty("not_fallback", .boolean, "The reply must not be a fallback."),
            SchemaProperty(
                "reply", .string(format: .replyPattern),
                "A reply text must match this regular expression; {slot} placeholders stand for the user's values."),
        ])

    static let botRecognitionSchema = SchemaObject(
        noun: "bot",
        description: "How to recognise the bot's fallback and handoff replies.",
        properties: [
            SchemaProperty(
                "fallback", .object(recognizerSchema(for: "fallback")), "How to recognise a fallback reply."),
            SchemaProperty("handoff", .object(recognizerSchema(for: "handoff")), "How to recognise a handoff reply."),
            SchemaProperty(
                "confirm", .object(recognizerSchema(for: "confirmation")),
                "How to recognise a reply asking the user to confirm values it reads back."),
            SchemaProperty(
                "closing", .object(recognizerSchema(for: "closing")), "How to recognise a closing reply (goodbye)."),
            SchemaProperty(
                "fallback_as_intent", .string,
                "Score a fallback reply as a prediction of this intent (e.g. nlu_fallback), whatever intent the target reported, as Rasa's FallbackClassifier does."
            ),
        ])

    static let dialogueSchema = SchemaObject(
        noun: "dialogue",
        description:
            "What synthetic users say for dialogue acts outside a goal; each list replaces the suite language's defaults.",
        properties: [
            SchemaProperty("affirm", .variants, "Agreeing with values the bot read back."),
            SchemaProperty("deny", .variants, "Rejecting a wrong value with the right one; {value} is the value."),
            SchemaProperty("correct", .variants, "Changing a value given before; {value} is the new value."),
            SchemaProperty("escalate", .variants, "Asking for a human."),
            SchemaProperty("close", .variants, "Thanking and saying goodbye."),
            SchemaProperty("also", .variants, "Put before the opening of a further goal, e.g. \"also, \"."),
            SchemaProperty(
                "digressions", .array(of: .object(digressionSchema), minItems: 1), "Off-task questions asked mid-task."),
            SchemaProperty(
                "intents", .map(entry: "act", keys: .oneOf(DialoguePhrases.intentKeys), values: .string),
                "The intents the bot should recognise for these acts (scored when given)."),
        ])

    static let digressionSchema = SchemaObject(
        noun: "digression",
        description: "An off-task question.",
        properties: [
            SchemaProperty("user", .variants, required: true, "Utterance variants."),
            SchemaProperty("intent", .string, "The intent it expresses (scored when given)."),
        ])

    static func recognizerSchema(for kind: String) -> SchemaObject {
        SchemaObject(
            noun: kind,
            description: "A reply is a \(kind) when its intent is one of intents or a text matches one of patterns.",
            properties: [
                SchemaProperty("intents", .list(.string), "Intent names that mark a \(kind) reply."),
                SchemaProperty(
                    "patterns", .list(.string(format: .regex)), "Regular expressions that mark a \(kind) reply text."),
            ])
    }
}
