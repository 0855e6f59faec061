import ChorusReferenceBot
import ChorusSpec
import Testing

/// acme-v3 is acme-v1 with a regressed dialogue policy (see its header). These tests pin that
/// its classifier is v1's and show each regression against v1 on the same conversation.
@Suite("acme-v3 dialogue regressions")
struct DialogueRegressionTests {
    static let askOrder = "Which order is it? Please give me the order number."
    static let askItem = "Which item would you like to return?"

    /// Says `messages` to a fresh conversation with `bot`; returns every reply's texts.
    private func play(_ bot: ReferenceBot, _ messages: [String]) -> [[String]] {
        var dialogue = Dialogue(bot)
        return messages.map { dialogue.say($0).texts }
    }

    @Test("v3 is v1 but for the policy: same intents, examples, entities, tables, replies and threshold")
    func sameClassifier() throws {
        let v1 = try BotFixtures.definition("acme-v1")
        var v3 = try BotFixtures.definition("acme-v3")
        #expect(
            v3.policy == BotDefinition.Policy(afterDigression: .restart, corrections: .ignore, invalidValues: .accept))
        #expect(v1.policy == BotDefinition.Policy())
        v3.policy = v1.policy
        #expect(v3 == v1)
    }

    @Test("held-out intent accuracy of v1 and v3 is equal: every prediction is the same")
    func sameAccuracy() throws {
        let v1 = try BotFixtures.bot("acme-v1")
        let v3 = try BotFixtures.bot("acme-v3")
        for (text, _) in HeldOutUtterances.english {
            #expect(v1.classify(text) == v3.classify(text), "\(text)")
        }
    }

    @Test("(a) after a digression v3 forgets the order number and asks for it again; v1 resumes")
    func digressionRestarts() throws {
        let script = ["I want a refund", "AB-123456", "what are your opening hours?"]
        let hours = "We are open Monday to Friday, 9am to 6pm, and Saturday, 10am to 4pm."
        #expect(try play(BotFixtures.bot("acme-v1"), script).last == [hours, Self.askItem])
        #expect(try play(BotFixtures.bot("acme-v3"), script).last == [hours, Self.askOrder])
    }

    @Test("(a) a digression while confirming: v3 starts the form over")
    func digressionWhileConfirming() throws {
        let script = ["book me an appointment on friday at 3pm", "how are you?"]
        let smallTalk = "I'm just a bot, but I'm happy to help with your orders."
        #expect(
            try play(BotFixtures.bot("acme-v1"), script).last == [
                smallTalk, "Shall I book your appointment for friday at 3pm?",
            ])
        #expect(try play(BotFixtures.bot("acme-v3"), script).last == [smallTalk, "What day would suit you?"])
    }

    @Test("(b) v3 ignores a correction and confirms and acts on the old value; v1 applies it")
    func correctionIgnored() throws {
        let script = ["I want a refund", "AB-123456", "sorry, I meant AB-123457", "the laptop", "yes"]
        let v1 = try play(BotFixtures.bot("acme-v1"), script)
        let v3 = try play(BotFixtures.bot("acme-v3"), script)
        #expect(v1[2] == ["OK, I've changed the order number to AB-123457.", Self.askItem])
        #expect(v3[2] == [Self.askItem])
        #expect(v1[3] == ["Shall I start a refund for the laptop from order AB-123457?"])
        #expect(v3[3] == ["Shall I start a refund for the laptop from order AB-123456?"])
        #expect(v1[4] == ["I have started a refund for the laptop from order AB-123457."])
        #expect(v3[4] == ["I have started a refund for the laptop from order AB-123456."])
    }

    @Test("(b) v3 answers a no with a new value by confirming the old one again")
    func denyIgnored() throws {
        let script = ["I'd like to return the laptop", "AB-123456", "no, the phone"]
        #expect(
            try play(BotFixtures.bot("acme-v1"), script).last == [
                "OK, I've changed the item to the phone.", "Shall I start a refund for the phone from order AB-123456?",
            ])
        #expect(
            try play(BotFixtures.bot("acme-v3"), script).last == [
                "Shall I start a refund for the laptop from order AB-123456?"
            ])
    }

    @Test("(c) v3 accepts a malformed order number; v1 names it and asks again")
    func invalidAccepted() throws {
        let script = ["where is my order?", "AB-12345"]
        #expect(
            try play(BotFixtures.bot("acme-v1"), script).last == [
                "AB-12345 doesn't look like an order number — it has two letters and six digits, like AB-123456.",
                "What is your order number?",
            ])
        #expect(
            try play(BotFixtures.bot("acme-v3"), script).last == [
                "Your order AB-12345 has shipped and will arrive in 2 days."
            ])
        var dialogue = Dialogue(try BotFixtures.bot("acme-v3"))
        _ = dialogue.say("where is my order?")
        #expect(dialogue.say("AB-12345").entities.map(\.value) == ["AB-12345"])
    }

    @Test("conversations without digressions, corrections or malformed values go the same on v1 and v3")
    func plainConversationsAgree() throws {
        let scripts = [
            ["I want a refund", "AB-123456", "the laptop", "yes"],
            ["book me an appointment on friday at 3pm", "no", "yes", "bye"],
            ["where is my order?", "it's CD-654321", "thanks"],
        ]
        for script in scripts {
            #expect(try play(BotFixtures.bot("acme-v1"), script) == play(BotFixtures.bot("acme-v3"), script))
        }
    }
}

/// acme-v2 is acme-v1 with its documented refund regression and nothing else.
@Suite("acme-v2 is v1 plus the refund regression")
struct AcmeV2DefinitionTests {
    @Test("only the threshold and the refund examples differ from v1")
    func onlyRefundDiffers() throws {
        let v1 = try BotFixtures.definition("acme-v1")
        var v2 = try BotFixtures.definition("acme-v2")
        #expect(v2.threshold == 0.32)
        #expect(v2.intents["refund"]?.examples.count == 3)
        #expect(v1.intents["refund"]?.examples.count == 32)
        v2.threshold = v1.threshold
        v2.intents["refund"]?.examples = v1.intents["refund"]?.examples ?? []
        #expect(v2 == v1)
    }
}
