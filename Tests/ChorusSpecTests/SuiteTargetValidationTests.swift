import ChorusSpec
import Foundation
import Testing

/// A suite checked against what the bot under test declares: a reference bot's intents,
/// entities and form questions, or a Rasa domain's.
struct SuiteTargetValidationTests {
    static func bot(_ name: String) throws -> BotDeclaration {
        let path = Fixtures.packageRoot.appendingPathComponent("Fixtures/bots/\(name).yaml").path
        return BotDeclaration(bot: try BotLoader.load(path: path), path: path)
    }

    static func example(_ name: String) throws -> LoadedSuite {
        try SuiteLoader.load(path: Fixtures.packageRoot.appendingPathComponent("Scenarios/\(name)").path)
    }

    @Test func theExampleSuitesFitTheirBots() throws {
        for bot in ["acme-v1", "acme-v2"] {
            #expect(try SuiteTargetValidator.validate(Self.example("customer-service"), against: Self.bot(bot)) == [])
        }
        #expect(
            try SuiteTargetValidator.validate(Self.example("customer-service-es"), against: Self.bot("acme-es")) == [])
    }

    /// Several suites and bots at once: each suite meets the bots of its language (and those
    /// that do not say), or every bot when none speaks it.
    @Test func suitesArePairedWithTheBotsOfTheirLanguage() throws {
        let suites = try [Self.example("customer-service"), Self.example("customer-service-es")].map(\.suite)
        let domain = BotDeclaration(name: "a domain", intents: [], entities: [], questions: [])
        let bots = try [Self.bot("acme-v1"), Self.bot("acme-es"), domain]
        let pairs = BotDeclaration.pairs(suites: suites, bots: bots).map { "\($0.suite)-\($0.bot)" }
        #expect(pairs == ["0-0", "0-2", "1-1", "1-2"])
        let alone = BotDeclaration.pairs(suites: [suites[0]], bots: [bots[1]]).map { "\($0.suite)-\($0.bot)" }
        #expect(alone == ["0-0"], "a suite given with a bot of another language alone is still checked")
    }

    /// The English suite against the Spanish bot: its questions are Spanish, so no English `ask`
    /// pattern recognises one.
    @Test func aSuiteForAnotherLanguageMissesEveryQuestion() throws {
        let found = try SuiteTargetValidator.validate(Self.example("customer-service"), against: Self.bot("acme-es"))
        let asks = found.filter { $0.message.hasPrefix("\"ask\" of slot") }
        #expect(asks.count == 5)
        #expect(asks.allSatisfy { $0.file.hasSuffix("Scenarios/customer-service/goals.yaml") })
        #expect(asks.first?.message.contains("matches none of the questions of bot \"acme-es\"") == true)
    }

    static let mistaken = """
        version: 1
        suite: shop
        bot:
          fallback: {intents: [nlu_fallbak]}
        vocab:
          order_id: {pattern: "[A-Z]{2}-[0-9]{6}"}
          colour: [red]
        personas:
          careful: {}
        goals:
          refund:
            intent: refnd
            openings: ["refund {order_id}"]
            slots:
              order_id:
                ask: "(?i)order numbr"
              colour:
                ask: "(?i)which item"
          hello:
            steps:
              - user: ["hi"]
                expect: {intent: greet, slots: {order_number: "{order_id}"}}
              - user: ["bye"]
                expect: {intent: farewell}
        """

    @Test func everyMismatchWithTheReferenceBotIsLocated() throws {
        let folder = try Fixtures.temporaryFolder(["shop.yaml": Self.mistaken])
        let path = folder.appendingPathComponent("shop.yaml").path
        let found = try SuiteTargetValidator.validate(SuiteLoader.load(path: path), against: Self.bot("acme-v1"))
        let lines = found.map { "\($0.line):\($0.column): \($0.message)" }
        let bot = "bot \"acme\" (\(Fixtures.packageRoot.path)/Fixtures/bots/acme-v1.yaml)"
        #expect(
            lines == [
                "4:24: the suite's fallback recognition expects intent \"nlu_fallbak\", which \(bot) does not have (did you mean \"nlu_fallback\"?)",
                "12:13: goal \"refund\" expects intent \"refnd\", which \(bot) does not have (did you mean \"refund\"?)",
                "16:14: \"ask\" of slot \"order_id\" of goal \"refund\" matches none of the questions of \(bot); it asks for \"order_id\" "
                    + "\"What is your order number?\", \"Which order is it? Please give me the order number.\"",
                "17:7: slot \"colour\" of goal \"refund\" is not an entity \(bot) extracts",
                "22:41: step 1 of goal \"hello\" expects entity \"order_number\", which \(bot) does not extract (did you mean \"order_id\"?)",
                "24:26: step 2 of goal \"hello\" expects intent \"farewell\", which \(bot) does not have",
            ])
        #expect(found.allSatisfy { $0.file == path && $0.sourceLine != nil })
    }

    static let domain = """
        version: "3.1"
        intents:
          - greet
          - refund:
              use_entities: [order_id]
          - inform
        entities:
          - order_id
          - product:
              roles: [wanted]
        slots:
          order_id:
            type: text
            mappings: [{type: from_entity, entity: order_id}]
        responses:
          utter_greet:
            - text: "Hi!"
          utter_ask_order_id:
            - text: "What's the order number?"
          utter_ask_refund_form_product:
            - text: "Which product is it?"
              buttons: []
        """

    @Test func aRasaDomainDeclaresIntentsEntitiesAndQuestions() throws {
        let folder = try Fixtures.temporaryFolder(["domain.yml": Self.domain])
        let declared = try RasaDomain.load(path: folder.appendingPathComponent("domain.yml").path)
        #expect(declared.intents == Set(["greet", "refund", "inform"]).union(RasaDomain.builtInIntents))
        #expect(declared.entities == ["order_id", "product"])
        #expect(
            declared.questions == [
                .init(slot: "order_id", text: "What's the order number?"),
                .init(slot: "refund_form_product", text: "Which product is it?"),
            ])
        // The same folder as a domain directory reads the same.
        #expect(
            try RasaDomain.load(path: folder.path)
                == BotDeclaration(
                    name: "the Rasa domain \(folder.path)", intents: declared.intents, entities: declared.entities,
                    questions: declared.questions))
    }

    @Test func aSuiteIsCheckedAgainstARasaDomain() throws {
        let folder = try Fixtures.temporaryFolder([
            "domain.yml": Self.domain,
            "suite.yaml": """
            version: 1
            suite: shop
            vocab:
              order_id: [AB-123456]
              product: [phone]
            personas:
              careful: {}
            goals:
              refund:
                intent: refund
                openings: ["refund {order_id}"]
                slots:
                  order_id: {ask: "(?i)order number"}
                  product: {ask: "(?i)which item"}
              hours:
                intent: opening_hours
                openings: ["when do you open?"]
            """,
        ])
        let declared = try RasaDomain.load(path: folder.appendingPathComponent("domain.yml").path)
        let found = try SuiteTargetValidator.validate(
            SuiteLoader.load(path: folder.appendingPathComponent("suite.yaml").path), against: declared)
        #expect(found.map { "\($0.line):\($0.column)" } == ["14:22", "16:13"])
        #expect(found.first?.message.contains("it asks for \"product\" \"Which product is it?\"") == true)
        #expect(
            found.last?.message.contains("goal \"hours\" expects intent \"opening_hours\", which the Rasa domain")
                == true)
    }

    @Test func aMalformedDomainIsLocated() throws {
        let folder = try Fixtures.temporaryFolder(["domain.yml": "intents: greet\nentities:\n  - [a, b]\n"])
        let path = folder.appendingPathComponent("domain.yml").path
        #expect {
            try RasaDomain.load(path: path)
        } throws: { error in
            let diagnostics = (error as? SpecError)?.diagnostics ?? []
            return diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == [
                "1:10: \"intents\" must be a list of intent names",
                "3:5: an item of \"entities\" must be an entity name",
            ]
        }
    }
}
