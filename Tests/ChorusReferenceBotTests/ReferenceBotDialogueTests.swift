import ChorusModel
import ChorusReferenceBot
import ChorusSpec
import Testing

@Suite("Reference bot dialogues")
struct ReferenceBotDialogueTests {
    @Test("refund form: asks for the order, then the item, confirms both, and acts on a yes")
    func refundForm() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))

        let opening = dialogue.say("I want a refund")
        #expect(opening.intent == "refund")
        #expect(opening.texts == ["Which order is it? Please give me the order number."])
        #expect(dialogue.state.activeForm == "refund")

        let order = dialogue.say("it's AB-123456")
        #expect(order.entities == [Entity(name: "order_id", value: "AB-123456")])
        #expect(order.texts == ["Which item would you like to return?"])

        let item = dialogue.say("the headphones")
        #expect(item.intent == "inform")
        #expect(item.texts == ["Shall I start a refund for the headphones from order AB-123456?"])
        #expect(dialogue.state.activeForm == "refund")

        let yes = dialogue.say("yes")
        #expect(yes.intent == "affirm")
        #expect(yes.texts == ["I have started a refund for the headphones from order AB-123456."])
        #expect(yes.handoff == false)
        #expect(dialogue.state.activeForm == nil)
        #expect(dialogue.state.slots.isEmpty)
    }

    @Test("an opening that carries the order number skips that question")
    func openingWithSlot() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        let opening = dialogue.say("can I get my money back for order CD-987654?")
        #expect(opening.intent == "refund")
        #expect(opening.texts == ["Which item would you like to return?"])
        #expect(
            dialogue.say("the earbuds").texts == ["Shall I start a refund for the headphones from order CD-987654?"])
        #expect(
            dialogue.say("yes please").texts == ["I have started a refund for the headphones from order CD-987654."])

        var status = Dialogue(try BotFixtures.bot("acme-v1"))
        #expect(
            status.say("where is my order XY-123123?").texts == [
                "Your order XY-123123 has shipped and will arrive in 2 days."
            ])
    }

    @Test("an answer with a slot fills the active form even if it reads like another form's intent")
    func answerBeatsFormSwitch() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        _ = dialogue.say("I want to return an item")
        #expect(dialogue.say("where is my order AB-123456 anyway").texts == ["Which item would you like to return?"])
        #expect(dialogue.state.activeForm == "refund")
        #expect(dialogue.state.slots == ["order_id": "AB-123456"])
    }

    @Test("one message can fill several slots")
    func severalSlots() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        #expect(dialogue.say("I'd like to book an appointment").texts == ["What day would suit you?"])
        #expect(dialogue.say("friday at 2pm").texts == ["Shall I book your appointment for friday at 2pm?"])

        var direct = Dialogue(try BotFixtures.bot("acme-v1"))
        #expect(
            direct.say("book me an appointment tomorrow at 4:30pm").texts == [
                "Shall I book your appointment for tomorrow at 4:30pm?"
            ])
        #expect(direct.say("that's right").texts == ["Your appointment is booked for tomorrow at 4:30pm."])
    }

    @Test("slot filling wins over a low-confidence fallback and reports the classifier's intent")
    func slotFillingBeatsFallback() throws {
        // A bot whose examples share nothing with a bare order number, so the answer is
        // certainly below the threshold; acme's `inform` examples would make it confident.
        let definition = BotFixtures.small(
            threshold: 0.3, entities: ["order_id": EntityDefinition(pattern: "[A-Z]{2}-[0-9]{6}")],
            intents: [
                "order_status": IntentDefinition(
                    examples: ["where is my order", "track my order"],
                    form: FormDefinition(
                        slots: [FormSlot(name: "order_id", ask: ["Order number?"])], done: ["Order {order_id} shipped."]
                    )),
                "greet": IntentDefinition(examples: ["hello", "hi"], replies: ["Hello!"]),
            ])
        let bot = try ReferenceBot(definition: definition)
        var dialogue = Dialogue(bot)
        #expect(dialogue.say("where is my order").texts == ["Order number?"])
        let text = "XY-555666"
        let prediction = bot.classify(text)
        #expect(prediction.confidence < definition.threshold)
        let reply = dialogue.say(text)
        #expect(reply.texts == ["Order XY-555666 shipped."])
        #expect(reply.intent == prediction.intent)
        #expect(reply.confidence == prediction.confidence)
        #expect(reply.entities == [Entity(name: "order_id", value: "XY-555666")])
    }

    @Test("an answer that does not fill the slot falls back and keeps the form")
    func formFallback() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        _ = dialogue.say("track my order")
        let reply = dialogue.say("blorf qwx")
        #expect(reply.intent == "nlu_fallback")
        #expect(reply.texts == ["Sorry, I didn't understand that. Could you rephrase?"])
        #expect(dialogue.state.activeForm == "order_status")
        #expect(dialogue.say("AB-123456").texts == ["Your order AB-123456 has shipped and will arrive in 2 days."])
    }

    @Test("a question in the middle of a form is answered and the pending question asked again")
    func digression() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        _ = dialogue.say("I want a refund")
        let reply = dialogue.say("what are your opening hours?")
        #expect(reply.intent == "opening_hours")
        #expect(
            reply.texts == [
                "We are open Monday to Friday, 9am to 6pm, and Saturday, 10am to 4pm.",
                "Which order is it? Please give me the order number.",
            ])
        #expect(dialogue.state.activeForm == "refund")
    }

    @Test("another form's intent switches forms and keeps shared slots")
    func switchForms() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        _ = dialogue.say("I want a refund")
        _ = dialogue.say("AB-123456")
        let reply = dialogue.say("actually, where is my order?")
        #expect(reply.intent == "order_status")
        #expect(reply.texts == ["Your order AB-123456 has shipped and will arrive in 2 days."])
    }

    @Test("three fallbacks in a row hand off; an understood message resets the count")
    func fallbackThenHandoff() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        let fallback = "Sorry, I didn't understand that. Could you rephrase?"
        #expect(dialogue.say("asdkjh").texts == [fallback])
        #expect(dialogue.say("qwertyuiop").texts == [fallback])
        #expect(dialogue.say("hello").intent == "greet")
        #expect(dialogue.state.consecutiveFallbacks == 0)

        for _ in 1...2 {
            let reply = dialogue.say("zxcvbnm")
            #expect(reply.texts == [fallback])
            #expect(!reply.handoff)
        }
        let third = dialogue.say("purple monkey dishwasher")
        #expect(third.handoff)
        #expect(third.intent == "nlu_fallback")
        #expect(third.texts == ["Connecting you to a human agent now."])
        #expect(dialogue.state.consecutiveFallbacks == 0)
    }

    @Test("the handoff intent hands off at once")
    func handoffIntent() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        let reply = dialogue.say("I want to talk to a human")
        #expect(reply.intent == "human_handoff")
        #expect(reply.handoff)
        #expect(reply.texts == ["Connecting you to a human agent now."])
    }

    @Test(
        "fixed replies",
        arguments: [
            ("hi", "Hello! How can I help you today?"),
            ("bye", "Goodbye, and thanks for contacting Acme!"),
            ("thanks a lot", "You're welcome!"),
            ("when are you open?", "We are open Monday to Friday, 9am to 6pm, and Saturday, 10am to 4pm."),
            ("are you a robot?", "I'm just a bot, but I'm happy to help with your orders."),
            (
                "what is the capital of france",
                "Sorry, I can only help with orders, refunds, appointments and opening hours."
            ),
            ("the headphones", "Thanks. What can I do for you?"),
        ])
    func fixedReplies(text: String, reply: String) throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-v1"))
        #expect(dialogue.say(text).texts == [reply])
    }

    @Test("Spanish refund dialogue")
    func spanishDialogue() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-es"))
        #expect(
            dialogue.say("quiero devolver el portatil").texts == [
                "¿Qué pedido es? Dame el número de pedido, por favor."
            ])
        #expect(dialogue.say("es el AB-123456").texts == ["¿Inicio el reembolso del portátil del pedido AB-123456?"])
        #expect(
            dialogue.say("no, el teclado").texts == [
                "De acuerdo, he cambiado el artículo a teclado.",
                "¿Inicio el reembolso del teclado del pedido AB-123456?",
            ])
        #expect(dialogue.say("sí").texts == ["He iniciado el reembolso del teclado del pedido AB-123456."])
        var booking = Dialogue(try BotFixtures.bot("acme-es"))
        #expect(booking.say("quiero pedir una cita").texts == ["¿Qué día te viene bien?"])
        #expect(booking.say("el sábado").texts == ["¿A qué hora?"])
        #expect(booking.say("a las 10:30").texts == ["¿Te reservo la cita para el sábado a las 10:30?"])
        #expect(booking.say("sí, por favor").texts == ["Tu cita está reservada para el sábado a las 10:30."])
        #expect(booking.say("gracias, adiós").texts == ["¡Adiós, y gracias por contactar con Acme!"])
    }

    @Test("Chinese order status and refund dialogues")
    func chineseDialogue() throws {
        var dialogue = Dialogue(try BotFixtures.bot("acme-zh"))
        #expect(dialogue.say("我的订单在哪里").texts == ["请问您的订单号是多少？"])
        #expect(dialogue.say("AB123456").texts == ["您的订单AB123456已发货，预计2天内送达。"])
        var refund = Dialogue(try BotFixtures.bot("acme-zh"))
        #expect(refund.say("我要退货").texts == ["是哪个订单？请告诉我订单号。"])
        #expect(refund.say("订单号是AB123456").texts == ["您想退哪件商品？"])
        #expect(refund.say("耳机").texts == ["要为订单AB123456中的耳机办理退款吗？"])
        #expect(refund.say("是的").texts == ["已为订单AB123456中的耳机办理退款。"])
        #expect(refund.say("谢谢，再见").texts == ["再见，感谢您联系Acme！"])
    }

    @Test("reply variants are chosen by turn, so a conversation replays identically")
    func deterministicVariants() throws {
        let definition = BotFixtures.small(
            threshold: 0.3, intents: ["greet": IntentDefinition(examples: ["hello", "hi"], replies: ["A", "B", "C"])])
        let bot = try ReferenceBot(definition: definition)
        var first = Dialogue(bot)
        var second = Dialogue(bot)
        let texts = (0..<4).map { _ in first.say("hello").texts[0] }
        #expect(texts == ["A", "B", "C", "A"])
        #expect((0..<4).map { _ in second.say("hello").texts[0] } == texts)
    }

    @Test("placeholders in replies are filled from the message's entities")
    func placeholders() throws {
        let definition = BotFixtures.small(
            threshold: 0.2, entities: ["product": EntityDefinition(values: ["laptop", "phone"])],
            intents: [
                "price": IntentDefinition(
                    examples: ["how much is the laptop", "price of a phone"],
                    replies: ["The {product} costs 100 euros.", "Which product?"])
            ])
        let bot = try ReferenceBot(definition: definition)
        var dialogue = Dialogue(bot)
        // The variant quoting the value wins on every turn; without a value, the other one.
        for _ in 0..<3 {
            #expect(dialogue.say("how much is the phone").texts == ["The phone costs 100 euros."])
        }
        #expect(dialogue.say("price of a").texts == ["Which product?"])
    }

    @Test("a table row is quoted for the message's value in an answer and for the slot's value in a form")
    func tables() throws {
        let definition = BotFixtures.small(
            threshold: 0.3, entities: ["day": EntityDefinition(values: ["monday", "sunday", "friday"])],
            tables: ["hours": BotDefinition.Table(key: "day", rows: ["monday": "open", "sunday": "closed"])],
            intents: [
                "hours": IntentDefinition(
                    examples: ["are you open", "opening hours"],
                    replies: ["We are usually open.", "On {day} we are {hours}."]),
                "visit": IntentDefinition(
                    examples: ["I want to visit", "can I come by"],
                    form: FormDefinition(
                        slots: [FormSlot(name: "day", ask: ["Which day?"])],
                        done: ["See you on {day}; we are {hours} then.", "See you on {day}."])),
            ])
        var dialogue = Dialogue(try ReferenceBot(definition: definition))
        #expect(dialogue.say("are you open on sunday").texts == ["On sunday we are closed."])
        // No row for friday: the variant that needs none.
        #expect(dialogue.say("are you open on friday").texts == ["We are usually open."])
        #expect(dialogue.say("are you open").texts == ["We are usually open."])
        #expect(dialogue.say("I want to visit").texts == ["Which day?"])
        #expect(dialogue.say("monday").texts == ["See you on monday; we are open then."])
    }
}
