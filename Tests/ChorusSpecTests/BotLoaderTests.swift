import ChorusSpec
import Foundation
import Testing

struct BotLoaderTests {
    static let validBot = """
        version: 1
        bot: shop
        threshold: 0.4
        fallback: {intent: nlu_fallback, replies: ["Sorry, I didn't get that."]}
        handoff: {intent: human_handoff, replies: ["Connecting you to a human."]}
        handoff_after_fallbacks: 2
        entities:
          order_id: {pattern: "[A-Z]{2}-[0-9]{6}"}
          product:
            values: [laptop, phone]
            synonyms: {mobile: phone}
        intents:
          human_handoff:
            examples: [talk to a human]
          order_status:
            examples: [where is my order, track my order]
            form:
              slots:
                - name: order_id
                  ask: ["What is your order number?"]
              done: ["Order {order_id} is on its way."]
          greet:
            examples: [hi]
            replies: ["Hello! Ask me about your {product}."]

        """

    static func load(_ text: String) throws(SpecError) -> BotDefinition {
        let folder = try! Fixtures.temporaryFolder(["bot.yaml": text])
        return try BotLoader.load(path: folder.appendingPathComponent("bot.yaml").path)
    }

    /// The diagnostics loading `text` reports, as `line:column: message`.
    static func diagnostics(_ text: String) -> [String] {
        let error = #expect(throws: SpecError.self) { try load(text) }
        return (error?.diagnostics ?? []).map { "\($0.line):\($0.column): \($0.message)" }
    }

    @Test func loadsAValidBot() throws {
        let bot = try Self.load(Self.validBot)
        #expect(bot.bot == "shop")
        #expect(bot.threshold == 0.4)
        #expect(bot.intents["order_status"]?.form?.slots.first?.name == "order_id")
        #expect(bot.entities["product"]?.synonyms == ["mobile": "phone"])
    }

    @Test func reportsEveryBotProblem() {
        let text = """
            version: 1
            bot: shop
            threshold: 1.2
            fallback: {intent: nlu_fallback, replies: ["Sorry."]}
            handoff: {intent: human, replies: ["Connecting you."]}
            entities:
              order_id: {}
              code: {pattern: "([0-9]"}
            intents:
              order_status:
                examples: []
                form:
                  slots:
                    - name: order_number
                      ask: ["Number?"]
                  done: ["Order {order_id} is on its way."]
              greet:
                examples: [hi]
                replies: ["Hi {nmae}"]

            """
        #expect(
            Self.diagnostics(text) == [
                "3:12: \"threshold\" must be between 0 and 1, found 1.2",
                "5:19: handoff intent \"human\" is not defined in \"intents\"; the classifier needs its examples",
                "7:3: entity \"order_id\" needs \"values\" or \"pattern\"",
                "8:19: invalid regular expression \"([0-9]\" in \"pattern\"",
                "11:15: \"examples\" must not be empty",
                "14:17: form slot \"order_number\" of intent \"order_status\" uses unknown entity \"order_number\" (did you mean \"order_id\"?)",
                "19:19: intent \"greet\" reply uses unknown entity or slot \"{nmae}\"",
            ])
    }

    /// A bot using every key the bot schema knows, with the dialogue features.
    static let completeBot = """
        version: 1
        bot: shop
        language: en
        threshold: 0.4
        fallback: {intent: nlu_fallback, replies: ["Sorry, I didn't get that."]}
        handoff: {intent: human_handoff, replies: ["Connecting you to a human."]}
        handoff_after_fallbacks: 2
        confirmation:
          affirm: affirm
          deny: deny
          ask_change: ["What should I change?"]
        policy:
          after_digression: restart
          corrections: ignore
          invalid_values: accept
        normalize: {accents: false, case: false, punctuation: false, width: true}
        entities:
          order_id:
            pattern: "[A-Z]{2}-[0-9]{6}"
            invalid:
              pattern: "[A-Z]{2}-[0-9]{3,8}"
              replies: ["{order_id} is not an order number."]
          day:
            values: [monday, sunday]
            synonyms: {mon: monday}
        tables:
          hours:
            key: day
            rows: {monday: open, sunday: closed}
        intents:
          human_handoff:
            examples: [talk to a human]
          affirm:
            examples: ["yes"]
            replies: ["OK."]
          deny:
            examples: ["no"]
            replies: ["OK."]
          goodbye:
            examples: [bye]
            replies: ["Bye!"]
            closes: true
          opening_hours:
            examples: [are you open]
            replies: ["On {day} we are {hours}.", "We are open on weekdays."]
          refund:
            examples: [I want a refund]
            form:
              slots:
                - name: order
                  entity: order_id
                  ask: ["Which order?"]
                  changed: ["Changed the order to {order}."]
              confirm: ["Refund order {order}?"]
              done: ["Refunded order {order}."]

        """

    @Test func loadsTheDialogueFeatures() throws {
        let bot = try Self.load(Self.completeBot)
        #expect(
            bot.confirmation
                == BotDefinition.Confirmation(affirm: "affirm", deny: "deny", askChange: ["What should I change?"]))
        #expect(
            bot.policy == BotDefinition.Policy(afterDigression: .restart, corrections: .ignore, invalidValues: .accept))
        #expect(bot.tables["hours"] == BotDefinition.Table(key: "day", rows: ["monday": "open", "sunday": "closed"]))
        #expect(bot.entities["order_id"]?.invalid?.replies == ["{order_id} is not an order number."])
        #expect(bot.intents["goodbye"]?.closes == true)
        #expect(bot.intents["refund"]?.form?.confirm == ["Refund order {order}?"])
        #expect(bot.intents["refund"]?.form?.slots.first?.changed == ["Changed the order to {order}."])
        #expect(
            bot.normalize == BotDefinition.Normalization(accents: false, case: false, punctuation: false, width: true))
        // Without a policy or normalize section the engine's defaults apply.
        #expect(
            try Self.load(Self.validBot).policy
                == BotDefinition.Policy(afterDigression: .resume, corrections: .apply, invalidValues: .reject))
        #expect(
            try Self.load(Self.validBot).normalize
                == BotDefinition.Normalization(accents: true, case: true, punctuation: true, width: true))
    }

    /// Every key of the bot schema appears in `completeBot`, and decoding it and encoding the
    /// model back yields exactly the schema's key paths: the schema and the model agree.
    @Test func botSchemaIsInStepWithTheModel() throws {
        let bot = try Self.load(Self.completeBot)
        let json = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(bot))
        var modelPaths = Set<String>()
        SchemaExportTests.collectPaths(json: json, schema: BotDefinition.schema, prefix: "", into: &modelPaths)
        var schemaPaths = Set<String>()
        SchemaExportTests.collectPaths(schema: BotDefinition.schema, prefix: "", into: &schemaPaths)
        #expect(modelPaths.subtracting(schemaPaths).sorted() == [], "in the model but not the schema")
        #expect(
            schemaPaths.subtracting(modelPaths).sorted() == [],
            "in the schema but not the model (or not in completeBot)")
    }

    @Test func reportsDialogueProblemsWithTheirLocation() {
        let text = """
            version: 1
            bot: shop
            threshold: 0.4
            fallback: {intent: nlu_fallback, replies: ["Sorry."]}
            handoff: {intent: human_handoff, replies: ["Connecting you."]}
            confirmation: {affirm: afirm, deny: deny, ask_change: ["What should I change?"]}
            entities:
              order_id:
                pattern: "[A-Z]{2}-[0-9]{6}"
                invalid: {pattern: "[A-Z]{2}-[0-9]{3,8}", replies: ["{order} is wrong."]}
              day: {values: [monday, sunday]}
            tables:
              hours: {key: dy, rows: {monday: open}}
              day_hours: {key: day, rows: {munday: open}}
            intents:
              human_handoff: {examples: [talk to a human]}
              affirm: {examples: ["yes"], replies: ["OK."]}
              deny: {examples: ["no"], replies: ["OK."]}
              opening_hours: {examples: [are you open], replies: ["We are {hour}."]}
              refund:
                examples: [I want a refund]
                closes: true
                form:
                  slots:
                    - name: order_id
                      ask: ["Which order?"]
                      changed: ["Changed to {order}."]
                  confirm: ["Refund {ordr}?"]
                  done: ["Refunded {order_id}."]

            """
        #expect(
            Self.diagnostics(text) == [
                "6:24: affirm intent \"afirm\" is not defined in \"intents\" (did you mean \"affirm\"?)",
                "10:58: invalid value of entity \"order_id\" reply uses unknown entity or slot \"{order}\" (did you mean \"order_id\"?)",
                "13:16: table \"hours\" is keyed by unknown entity \"dy\" (did you mean \"day\"?)",
                "14:32: row \"munday\" of table \"day_hours\" is not a value of entity \"day\" (did you mean \"monday\"?)",
                "19:63: intent \"opening_hours\" reply uses unknown entity or slot \"{hour}\" (did you mean \"hours\"?)",
                "22:13: intent \"refund\" has a form, so it cannot close the conversation",
                "27:33: intent \"refund\" reply uses unknown entity or slot \"{order}\" (did you mean \"order_id\"?)",
                "28:25: intent \"refund\" reply uses unknown entity or slot \"{ordr}\" (did you mean \"order_id\"?)",
            ])
    }

    @Test func refusesAnUnknownPolicy() {
        let text = Self.validBot + "policy: {after_digression: forget}\n"
        #expect(
            Self.diagnostics(text) == [
                "25:28: \"after_digression\" must be one of \"resume\", \"restart\", found \"forget\""
            ])
    }

    /// `normalize:` takes the four folds as booleans; a fold left out stays on.
    @Test func normalizeTakesBooleanFolds() throws {
        let partial = try Self.load(Self.validBot + "normalize: {case: false}\n")
        #expect(
            partial.normalize == BotDefinition.Normalization(accents: true, case: false, punctuation: true, width: true)
        )
        #expect(
            Self.diagnostics(Self.validBot + "normalize: {accent: false, case: sometimes}\n") == [
                "25:13: unknown key \"accent\" in normalize (did you mean \"accents\"?)",
                "25:34: \"case\" must be true or false, found string \"sometimes\"",
            ])
        #expect(Self.diagnostics(Self.validBot + "normalize: false\n").count == 1)
    }

    @Test func aConfirmationNeedsItsIntents() {
        let text = Self.validBot.replacingOccurrences(
            of: "      done: [\"Order {order_id} is on its way.\"]",
            with: "      confirm: [\"Order {order_id}?\"]\n      done: [\"Order {order_id} is on its way.\"]")
        let error = #expect(throws: SpecError.self) { try Self.load(text) }
        #expect(
            error?.diagnostics.map(\.message) == [
                "the form of intent \"order_status\" asks for confirmation, but the bot has no \"confirmation\" section naming its affirm and deny intents"
            ])
    }

    @Test func refusesUnknownVersions() {
        let error = #expect(throws: SpecError.self) {
            try Self.load(Self.validBot.replacingOccurrences(of: "version: 1", with: "version: 3"))
        }
        #expect(error?.diagnostics.map(\.message) == ["unsupported version 3 (this Chorus reads version 1)"])
    }
}
