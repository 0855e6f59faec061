extension BotDefinition {
    /// The shape of a reference bot file; keys are exactly the models' `CodingKey`s.
    public static let schema = SchemaNode.object(
        SchemaObject(
            noun: "bot",
            description:
                "A reference chatbot: intents with training examples, entities, forms that confirm before acting, tables of facts, a fallback threshold, a handoff intent and a dialogue policy.",
            properties: [
                SchemaProperty(
                    "version", .integer(minimum: 1), required: true, "The bot file format version; only 1 exists."),
                SchemaProperty("bot", .string, required: true, "The bot's name."),
                SchemaProperty("language", .string, "Language of the training examples (default en)."),
                SchemaProperty(
                    "threshold", .rate, required: true, "Below this classifier confidence the bot falls back."),
                SchemaProperty(
                    "fallback", .object(fixedReplySchema("fallback")), required: true,
                    "The fallback intent and its replies."),
                SchemaProperty(
                    "handoff", .object(fixedReplySchema("handoff")), required: true,
                    "The handoff intent and its replies."),
                SchemaProperty(
                    "handoff_after_fallbacks", .integer(minimum: 1),
                    "After this many consecutive fallbacks the bot hands off."),
                SchemaProperty(
                    "confirmation", .object(confirmationSchema),
                    "The intents answering a form's confirmation question; needed when a form has \"confirm\"."),
                SchemaProperty(
                    "policy", .object(policySchema),
                    "How forms handle digressions, corrections and malformed values (default: resume, apply, reject)."),
                SchemaProperty(
                    "normalize", .object(normalizationSchema),
                    "What the bot folds away before classifying a message and matching entity values (default: all of accents, case, punctuation and width)."
                ),
                SchemaProperty(
                    "entities", .named("entity", .object(entitySchema)), "Entities the bot extracts, by name."),
                SchemaProperty(
                    "tables", .named("table", .object(tableSchema)),
                    "Tables of facts, by name; a reply's {table} placeholder quotes the row for the value of the table's key entity."
                ),
                SchemaProperty("intents", .named("intent", .object(intentSchema)), required: true, "Intents, by name."),
            ]))

    static func fixedReplySchema(_ noun: String) -> SchemaObject {
        SchemaObject(
            noun: noun, description: "An intent name with the replies the bot gives for it.",
            properties: [
                SchemaProperty("intent", .string, required: true, "The intent name."),
                SchemaProperty("replies", .variants, required: true, "Reply variants."),
            ])
    }

    static let entitySchema = SchemaObject(
        noun: "entity",
        description: "An entity extracted from a value list (with synonyms) or from a regular expression.",
        properties: [
            SchemaProperty("values", .variants, "Values, matched as whole words, case- and accent-insensitively."),
            SchemaProperty("synonyms", .named("synonym", .string), "Other spellings mapped to a value."),
            SchemaProperty("pattern", .string(format: .botRegex), "A regular expression matching the entity."),
            SchemaProperty(
                "invalid", .object(invalidValueSchema),
                "What a malformed value looks like and what the bot says about it."),
        ])

    static let invalidValueSchema = SchemaObject(
        noun: "invalid value",
        description:
            "A malformed value of the entity: a match of the pattern that is not a valid value is rejected and the slot asked for again.",
        properties: [
            SchemaProperty(
                "pattern", .string(format: .botRegex), required: true,
                "A regular expression matching what users mean as a value, valid or not."),
            SchemaProperty(
                "replies", .variants, required: true,
                "What the bot says about the malformed value, which fills the entity's {name} placeholder; the slot's question follows."
            ),
        ])

    static let confirmationSchema = SchemaObject(
        noun: "confirmation",
        description: "How a user answers a form's confirmation question.",
        properties: [
            SchemaProperty("affirm", .string, required: true, "The intent meaning yes: the form acts."),
            SchemaProperty(
                "deny", .string, required: true,
                "The intent meaning no: values in the message replace the form's and the bot asks again."),
            SchemaProperty(
                "ask_change", .variants, required: true, "The reply to a no without a new value; the form stays."),
        ])

    static let policySchema = SchemaObject(
        noun: "policy",
        description: "How the engine plays a form when the user strays from answering it.",
        properties: [
            SchemaProperty(
                "after_digression", .enumeration(Policy.AfterDigression.allCases.map(\.rawValue)),
                "After answering an off-task question: resume (ask the pending question, keeping the slots) or restart (forget the slots)."
            ),
            SchemaProperty(
                "corrections", .enumeration(Policy.Corrections.allCases.map(\.rawValue)),
                "A new value for a filled slot: apply (replace it and say so) or ignore (keep the old value)."),
            SchemaProperty(
                "invalid_values", .enumeration(Policy.InvalidValues.allCases.map(\.rawValue)),
                "A malformed value: reject (say so and ask again) or accept (take it)."),
        ])

    static let normalizationSchema = SchemaObject(
        noun: "normalize",
        description:
            "Which differences in writing the bot folds away; with a fold off the classifier and entity values see the raw form.",
        properties: [
            SchemaProperty("accents", .boolean, "Fold Latin diacritics (é→e, ñ→n, ä→a); default true."),
            SchemaProperty("case", .boolean, "Lowercase letters; default true."),
            SchemaProperty(
                "punctuation", .boolean,
                "Drop punctuation and symbols between words; default true (false: each is a word of its own)."),
            SchemaProperty("width", .boolean, "Fold full-width forms (，？！ＡＢＣ and 。) to ASCII; default true."),
        ])

    static let tableSchema = SchemaObject(
        noun: "table",
        description:
            "A table of facts: the value of the key entity picks a row, which a reply's {table} placeholder quotes.",
        properties: [
            SchemaProperty("key", .string, required: true, "The entity whose value picks the row."),
            SchemaProperty(
                "rows", .named("row", .string), required: true, "The text for each value of the key entity."),
        ])

    static let intentSchema = SchemaObject(
        noun: "intent",
        description: "An intent: training examples, and either fixed replies or a form that collects slots.",
        properties: [
            SchemaProperty("examples", .variants, required: true, "Training examples."),
            SchemaProperty(
                "replies", .variants,
                "Reply variants; {entity} and {table} placeholders are filled from the message; variants quoting more values are preferred."
            ),
            SchemaProperty("form", .object(formSchema), "A form that asks for missing slots."),
            SchemaProperty("closes", .boolean, "The intent closes the conversation: its reply ends any active form."),
        ])

    static let formSchema = SchemaObject(
        noun: "form",
        description:
            "The slots to collect in order, the question for each, an optional confirmation, and the reply once all are filled.",
        properties: [
            SchemaProperty(
                "slots", .array(of: .object(formSlotSchema), minItems: 1), required: true,
                "The slots, in the order they are asked."),
            SchemaProperty(
                "confirm", .variants,
                "Asked, naming the values, once every slot is filled; the done reply waits for a yes."),
            SchemaProperty(
                "done", .variants, required: true,
                "Reply when every slot is filled (and confirmed); {slot} placeholders are filled."),
        ])

    static let formSlotSchema = SchemaObject(
        noun: "form slot",
        description: "One slot of a form.",
        properties: [
            SchemaProperty("name", .string, required: true, "The slot's name."),
            SchemaProperty("entity", .string, "The entity filling the slot (default: the slot's name)."),
            SchemaProperty("ask", .variants, required: true, "Questions asking for the slot."),
            SchemaProperty(
                "changed", .variants,
                "Said when the user corrects the slot's value; {slot} placeholders hold the new values."),
        ])
}
