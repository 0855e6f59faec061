import ChorusModel
import ChorusReferenceBot
import ChorusSpec
import Testing

@Suite("Reference bot validation")
struct ReferenceBotValidationTests {
    private func definition(
        entities: [String: EntityDefinition] = [:], intents: [String: IntentDefinition]? = nil, threshold: Double = 0.3
    ) -> BotDefinition {
        BotFixtures.small(
            threshold: threshold, entities: entities,
            intents: intents ?? ["greet": IntentDefinition(examples: ["hello"], replies: ["hi"])])
    }

    @Test("every shipped bot file builds")
    func fixtures() throws {
        for name in ["acme-v1", "acme-v2", "acme-v3", "acme-es", "acme-zh", "acme-fr", "acme-fi"] {
            _ = try BotFixtures.bot(name)
        }
    }

    @Test("a bad pattern is a typed error naming the entity")
    func badPattern() {
        #expect(throws: ReferenceBotError.invalidPattern(entity: "order_id", pattern: "([a-z")) {
            try ReferenceBot(definition: definition(entities: ["order_id": EntityDefinition(pattern: "([a-z")]))
        }
    }

    @Test("a form slot must use a defined entity")
    func unknownSlotEntity() {
        let form = FormDefinition(slots: [FormSlot(name: "order_id", ask: ["Which order?"])], done: ["ok"])
        #expect(throws: ReferenceBotError.unknownSlotEntity(intent: "status", slot: "order_id", entity: "order_id")) {
            try ReferenceBot(
                definition: definition(intents: ["status": IntentDefinition(examples: ["where"], form: form)]))
        }
    }

    @Test("other invalid definitions")
    func others() {
        #expect(throws: ReferenceBotError.noIntents) { try ReferenceBot(definition: definition(intents: [:])) }
        #expect(throws: ReferenceBotError.thresholdOutOfRange(1.5)) {
            try ReferenceBot(definition: definition(threshold: 1.5))
        }
        #expect(throws: ReferenceBotError.intentWithoutExamples(intent: "greet")) {
            try ReferenceBot(
                definition: definition(intents: ["greet": IntentDefinition(examples: [], replies: ["hi"])]))
        }
        #expect(throws: ReferenceBotError.intentWithoutReplies(intent: "greet")) {
            try ReferenceBot(definition: definition(intents: ["greet": IntentDefinition(examples: ["hello"])]))
        }
        #expect(throws: ReferenceBotError.entityWithoutValuesOrPattern(entity: "x")) {
            try ReferenceBot(definition: definition(entities: ["x": EntityDefinition()]))
        }
    }

    @Test("dialogue features need what they refer to")
    func dialogueFeatures() {
        let greet = IntentDefinition(examples: ["hello"], replies: ["hi"])
        let form = FormDefinition(
            slots: [FormSlot(name: "day", ask: ["Which day?"])], confirm: ["{day}?"], done: ["ok"])
        let day = EntityDefinition(values: ["monday"])
        #expect(
            throws: ReferenceBotError.incompleteForm(
                intent: "book", reason: "asks for confirmation but the bot has no confirmation intents")
        ) {
            try ReferenceBot(
                definition: definition(
                    entities: ["day": day],
                    intents: ["greet": greet, "book": IntentDefinition(examples: ["book"], form: form)]))
        }
        var confirming = definition(intents: ["greet": greet])
        confirming.confirmation = BotDefinition.Confirmation(affirm: "affirm", deny: "greet", askChange: ["?"])
        #expect(throws: ReferenceBotError.unknownConfirmationIntent("affirm")) {
            try ReferenceBot(definition: confirming)
        }
        var tabled = definition(intents: ["greet": greet])
        tabled.tables = ["hours": BotDefinition.Table(key: "day", rows: [:])]
        #expect(throws: ReferenceBotError.unknownTableEntity(table: "hours", entity: "day")) {
            try ReferenceBot(definition: tabled)
        }
        let invalid = EntityDefinition(
            pattern: "[0-9]{4}", invalid: BotDefinition.InvalidValue(pattern: "[0-9]+", replies: []))
        #expect(throws: ReferenceBotError.invalidValueWithoutReply(entity: "pin")) {
            try ReferenceBot(definition: definition(entities: ["pin": invalid]))
        }
        let badInvalid = EntityDefinition(
            pattern: "[0-9]{4}", invalid: BotDefinition.InvalidValue(pattern: "([0-9]", replies: ["no"]))
        #expect(throws: ReferenceBotError.invalidPattern(entity: "pin", pattern: "([0-9]")) {
            try ReferenceBot(definition: definition(entities: ["pin": badInvalid]))
        }
    }
}
