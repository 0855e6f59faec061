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
        let error = #expect(throws: SpecError.self) { try Self.load(text) }
        let lines = (error?.diagnostics ?? []).map { "\($0.line):\($0.column): \($0.message)" }
        #expect(
            lines == [
                "3:12: \"threshold\" must be between 0 and 1, found 1.2",
                "5:19: handoff intent \"human\" is not defined in \"intents\"; the classifier needs its examples",
                "7:3: entity \"order_id\" needs \"values\" or \"pattern\"",
                "8:19: invalid regular expression \"([0-9]\" in \"pattern\"",
                "11:15: \"examples\" must not be empty",
                "14:17: form slot \"order_number\" of intent \"order_status\" uses unknown entity \"order_number\" (did you mean \"order_id\"?)",
                "19:19: intent \"greet\" reply uses unknown entity or slot \"{nmae}\"",
            ])
    }

    @Test func refusesUnknownVersions() {
        let error = #expect(throws: SpecError.self) { try Self.load(Self.validBot.replacingOccurrences(of: "version: 1", with: "version: 3")) }
        #expect(error?.diagnostics.map(\.message) == ["unsupported version 3 (this Chorus reads version 1)"])
    }
}
