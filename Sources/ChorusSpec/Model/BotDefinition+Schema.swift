extension BotDefinition {
    /// The shape of a reference bot file; keys are exactly the models' `CodingKey`s.
    public static let schema = SchemaNode.object(
        SchemaObject(
            noun: "bot",
            description: "A reference chatbot: intents with training examples, entities, forms, a fallback threshold and a handoff intent.",
            properties: [
                SchemaProperty("version", .integer(minimum: 1), required: true, "The bot file format version; only 1 exists."),
                SchemaProperty("bot", .string, required: true, "The bot's name."),
                SchemaProperty("language", .string, "Language of the training examples (default en)."),
                SchemaProperty("threshold", .rate, required: true, "Below this classifier confidence the bot falls back."),
                SchemaProperty("fallback", .object(fixedReplySchema("fallback")), required: true, "The fallback intent and its replies."),
                SchemaProperty("handoff", .object(fixedReplySchema("handoff")), required: true, "The handoff intent and its replies."),
                SchemaProperty("handoff_after_fallbacks", .integer(minimum: 1), "After this many consecutive fallbacks the bot hands off."),
                SchemaProperty("entities", .named("entity", .object(entitySchema)), "Entities the bot extracts, by name."),
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
            SchemaProperty("pattern", .string(format: .regex), "A regular expression matching the entity."),
        ])

    static let intentSchema = SchemaObject(
        noun: "intent",
        description: "An intent: training examples, and either fixed replies or a form that collects slots.",
        properties: [
            SchemaProperty("examples", .variants, required: true, "Training examples."),
            SchemaProperty("replies", .variants, "Reply variants; {entity} placeholders are filled from the turn's entities."),
            SchemaProperty("form", .object(formSchema), "A form that asks for missing slots."),
        ])

    static let formSchema = SchemaObject(
        noun: "form",
        description: "The slots to collect in order, the question for each, and the reply once all are filled.",
        properties: [
            SchemaProperty("slots", .array(of: .object(formSlotSchema), minItems: 1), required: true, "The slots, in the order they are asked."),
            SchemaProperty("done", .variants, required: true, "Reply when every slot is filled; {slot} placeholders are filled."),
        ])

    static let formSlotSchema = SchemaObject(
        noun: "form slot",
        description: "One slot of a form.",
        properties: [
            SchemaProperty("name", .string, required: true, "The slot's name."),
            SchemaProperty("entity", .string, "The entity filling the slot (default: the slot's name)."),
            SchemaProperty("ask", .variants, required: true, "Questions asking for the slot."),
        ])
}
