import ChorusModel
import ChorusReferenceBot
import Testing

/// acme-v1 playing whole conversations, turn by turn: confirmation, corrections, digressions,
/// malformed values, requests answered from its tables, closing and several tasks in a row.
/// The texts asserted here are the ones example suites recognise.
@Suite("acme-v1 conversations")
struct AcmeConversationTests {
    static let askOrder = "Which order is it? Please give me the order number."
    static let askItem = "Which item would you like to return?"
    static let hours = "We are open Monday to Friday, 9am to 6pm, and Saturday, 10am to 4pm."

    private func acme() throws -> Dialogue {
        Dialogue(try BotFixtures.bot("acme-v1"))
    }

    /// A refund dialogue that has reached its confirmation question.
    private func confirmingRefund() throws -> Dialogue {
        var dialogue = try acme()
        #expect(dialogue.say("I'd like to return the laptop").texts == [Self.askOrder])
        #expect(dialogue.say("AB-123456").texts == ["Shall I start a refund for the laptop from order AB-123456?"])
        return dialogue
    }

    // MARK: - Confirmation

    @Test(
        "a yes to the confirmation acts, naming the values",
        arguments: ["yes", "yes please", "that's right", "correct"])
    func affirm(answer: String) throws {
        var dialogue = try confirmingRefund()
        let reply = dialogue.say(answer)
        #expect(reply.intent == "affirm")
        #expect(reply.texts == ["I have started a refund for the laptop from order AB-123456."])
        #expect(dialogue.state.activeForm == nil)
        #expect(dialogue.state.slots.isEmpty)
    }

    @Test("the appointment is confirmed before it is booked")
    func appointmentConfirmation() throws {
        var dialogue = try acme()
        #expect(dialogue.say("I'd like to book an appointment").texts == ["What day would suit you?"])
        #expect(dialogue.say("friday").texts == ["At what time?"])
        #expect(dialogue.say("at 3pm").texts == ["Shall I book your appointment for friday at 3pm?"])
        #expect(dialogue.say("yes").texts == ["Your appointment is booked for friday at 3pm."])
    }

    @Test("a no with a value replaces it and confirms again")
    func denyWithValue() throws {
        var dialogue = try confirmingRefund()
        let reply = dialogue.say("no, the phone")
        #expect(
            reply.texts == [
                "OK, I've changed the item to the phone.", "Shall I start a refund for the phone from order AB-123456?",
            ])
        #expect(dialogue.state.slots == ["order_id": "AB-123456", "product": "phone"])
        #expect(dialogue.say("yes").texts == ["I have started a refund for the phone from order AB-123456."])
    }

    @Test("a bare no asks what to change and keeps the form", arguments: ["no", "no, that's wrong"])
    func denyWithoutValue(answer: String) throws {
        var dialogue = try confirmingRefund()
        let reply = dialogue.say(answer)
        #expect(reply.intent == "deny")
        #expect(reply.texts == ["Sorry about that. What should I change?"])
        #expect(dialogue.state.activeForm == "refund")
        #expect(
            dialogue.say("AB-123457").texts == [
                "OK, I've changed the order number to AB-123457.",
                "Shall I start a refund for the laptop from order AB-123457?",
            ])
        #expect(dialogue.say("correct").texts == ["I have started a refund for the laptop from order AB-123457."])
    }

    @Test("a no to the appointment with another time changes the time")
    func denyAppointmentTime() throws {
        var dialogue = try acme()
        _ = dialogue.say("book me an appointment on friday at 3pm")
        #expect(
            dialogue.say("no, at 4pm").texts == [
                "OK, I've changed the time to 4pm.", "Shall I book your appointment for friday at 4pm?",
            ])
    }

    @Test("a message that neither confirms nor changes anything gets the confirmation again")
    func confirmationRepeated() throws {
        var dialogue = try confirmingRefund()
        #expect(dialogue.say("the laptop").texts == ["Shall I start a refund for the laptop from order AB-123456?"])
        #expect(dialogue.say("blorf qwx").intent == "nlu_fallback")
        #expect(dialogue.state.activeForm == "refund")
        // Asking for the same refund again while the bot waits for a yes is a yes.
        #expect(
            dialogue.say("I want a refund").texts == ["I have started a refund for the laptop from order AB-123456."])
    }

    // MARK: - Corrections

    @Test("a new value for a filled slot replaces it, is acknowledged, and the pending question follows")
    func correctionWhileCollecting() throws {
        var dialogue = try acme()
        _ = dialogue.say("I want a refund")
        #expect(dialogue.say("it's AB-123456").texts == [Self.askItem])
        #expect(
            dialogue.say("sorry, I meant AB-123457").texts == [
                "OK, I've changed the order number to AB-123457.", Self.askItem,
            ])
        #expect(dialogue.say("the laptop").texts == ["Shall I start a refund for the laptop from order AB-123457?"])
    }

    @Test("a correction while confirming changes the value named in the next confirmation")
    func correctionWhileConfirming() throws {
        var dialogue = try confirmingRefund()
        #expect(
            dialogue.say("actually, make that the phone").texts == [
                "OK, I've changed the item to the phone.", "Shall I start a refund for the phone from order AB-123456?",
            ])
    }

    @Test("the same value again is not a correction")
    func sameValue() throws {
        var dialogue = try acme()
        _ = dialogue.say("I want a refund")
        _ = dialogue.say("AB-123456")
        #expect(dialogue.say("ab-123456").texts == [Self.askItem])
    }

    @Test("a message filling a missing slot and correcting another does both")
    func fillAndCorrect() throws {
        var dialogue = try acme()
        _ = dialogue.say("I want a refund")
        _ = dialogue.say("AB-123456")
        #expect(
            dialogue.say("the tablet, order AB-654321").texts == [
                "OK, I've changed the order number to AB-654321.",
                "Shall I start a refund for the tablet from order AB-654321?",
            ])
    }

    @Test(
        "corrections and denials however they are put, for every slot",
        arguments: [
            "sorry, I meant {value}", "actually, make that {value}", "wait, it's {value}", "no, it's {value}",
            "no, that's wrong, it's {value}", "no, {value}",
        ])
    func correctionPhrasings(template: String) throws {
        let say = { (value: String) in template.replacingOccurrences(of: "{value}", with: value) }
        var refund = try confirmingRefund()
        #expect(
            refund.say(say("QW-998877")).texts == [
                "OK, I've changed the order number to QW-998877.",
                "Shall I start a refund for the laptop from order QW-998877?",
            ])
        #expect(
            refund.say(say("the camera")).texts == [
                "OK, I've changed the item to the camera.",
                "Shall I start a refund for the camera from order QW-998877?",
            ])
        var booking = try acme()
        _ = booking.say("book me an appointment on friday at 3pm")
        #expect(
            booking.say(say("tomorrow")).texts == [
                "OK, I've changed the day to tomorrow.", "Shall I book your appointment for tomorrow at 3pm?",
            ])
        #expect(
            booking.say(say("4:30pm")).texts == [
                "OK, I've changed the time to 4:30pm.", "Shall I book your appointment for tomorrow at 4:30pm?",
            ])
    }

    // MARK: - Digressions

    @Test(
        "an off-task question inside a form is answered and the form resumes without asking again",
        arguments: [
            ("what are your opening hours?", AcmeConversationTests.hours),
            ("how are you?", "I'm just a bot, but I'm happy to help with your orders."),
            (
                "what's the capital of france",
                "Sorry, I can only help with orders, refunds, appointments and opening hours."
            ),
            ("how long does a refund take?", "Refunds reach your account within 5 working days."),
        ])
    func digression(question: String, answer: String) throws {
        var dialogue = try acme()
        _ = dialogue.say("I want a refund")
        _ = dialogue.say("AB-123456")
        #expect(dialogue.say(question).texts == [answer, Self.askItem])
        #expect(dialogue.state.slots == ["order_id": "AB-123456"])
        #expect(dialogue.say("the camera").texts == ["Shall I start a refund for the camera from order AB-123456?"])
    }

    @Test("a digression while confirming is answered and the confirmation asked again")
    func digressionWhileConfirming() throws {
        var dialogue = try confirmingRefund()
        #expect(
            dialogue.say("are you a robot?").texts == [
                "I'm just a bot, but I'm happy to help with your orders.",
                "Shall I start a refund for the laptop from order AB-123456?",
            ])
        #expect(dialogue.say("yes").texts == ["I have started a refund for the laptop from order AB-123456."])
    }

    @Test("a question naming a day is answered for that day and does not fill the form's day")
    func digressionWithValue() throws {
        var dialogue = try acme()
        _ = dialogue.say("I'd like to book an appointment")
        #expect(
            dialogue.say("are you open on sunday?").texts == ["On sunday we are closed.", "What day would suit you?"])
        #expect(dialogue.state.slots.isEmpty)
    }

    // MARK: - Malformed values

    @Test("a malformed order number is named and asked for again", arguments: ["AB-12345", "it's AB-1234567"])
    func malformedOrderNumber(answer: String) throws {
        var dialogue = try acme()
        #expect(dialogue.say("where is my order?").texts == ["What is your order number?"])
        let bad = answer.split(separator: " ").last.map(String.init)!
        let reply = dialogue.say(answer)
        #expect(
            reply.texts == [
                "\(bad) doesn't look like an order number — it has two letters and six digits, like AB-123456.",
                "What is your order number?",
            ])
        #expect(reply.entities.isEmpty)
        #expect(dialogue.state.slots.isEmpty)
        #expect(dialogue.say("AB-123456").texts == ["Your order AB-123456 has shipped and will arrive in 2 days."])
    }

    @Test("a day the shop cannot book is named and asked for again", arguments: ["the 35th", "next blursday"])
    func malformedDay(answer: String) throws {
        var dialogue = try acme()
        _ = dialogue.say("I'd like to book an appointment")
        #expect(
            dialogue.say(answer).texts == [
                "\(answer) isn't a day I can book — please name a weekday, today or tomorrow.",
                "What day would suit you?",
            ])
        #expect(dialogue.state.slots.isEmpty)
        // A real weekday after "next" is a day.
        #expect(dialogue.say("next monday").texts == ["At what time?"])
    }

    @Test("a malformed value in the opening request is named before the form asks for it")
    func malformedInOpening() throws {
        var dialogue = try acme()
        #expect(
            dialogue.say("I want a refund for order AB-12345").texts == [
                "AB-12345 doesn't look like an order number — it has two letters and six digits, like AB-123456.",
                Self.askOrder,
            ])
        #expect(dialogue.state.activeForm == "refund")
    }

    @Test("a malformed correction keeps the value held and asks for the slot again")
    func malformedCorrection() throws {
        var dialogue = try confirmingRefund()
        #expect(
            dialogue.say("sorry, I meant AB-12345").texts == [
                "AB-12345 doesn't look like an order number — it has two letters and six digits, like AB-123456.",
                Self.askOrder,
            ])
        #expect(dialogue.state.slots["order_id"] == "AB-123456")
    }

    // MARK: - Requests answered from the bot's tables

    @Test(
        "opening hours for the day the message names, else for the week",
        arguments: [
            ("are you open on sunday?", "On sunday we are closed."),
            ("are you closed on sundays?", "On sunday we are closed."),
            ("what time do you open on friday", "On friday we are open 9am to 6pm."),
            ("are you open on saturday?", "On saturday we are open 10am to 4pm."),
            ("when are you open?", AcmeConversationTests.hours),
            ("are you open today", AcmeConversationTests.hours),
        ])
    func openingHours(question: String, answer: String) throws {
        var dialogue = try acme()
        let reply = dialogue.say(question)
        #expect(reply.intent == "opening_hours")
        #expect(reply.texts == [answer])
    }

    static let dayHours = [
        "monday": "open 9am to 6pm", "tuesday": "open 9am to 6pm", "wednesday": "open 9am to 6pm",
        "thursday": "open 9am to 6pm", "friday": "open 9am to 6pm", "saturday": "open 10am to 4pm", "sunday": "closed",
    ]

    @Test(
        "every day's hours, however the question is put",
        arguments: [
            "are you open on {day}?", "what time do you open on {day}", "what are your hours on {day}?",
            "is the shop open {day}?", "how late are you open on {day}?",
        ])
    func hoursForEveryDay(question: String) throws {
        for (day, hours) in Self.dayHours {
            var dialogue = try acme()
            let text = question.replacingOccurrences(of: "{day}", with: day)
            #expect(dialogue.say(text).texts == ["On \(day) we are \(hours)."], "\(text)")
        }
    }

    @Test("how long a refund takes, also in the middle of a refund")
    func refundDuration() throws {
        var dialogue = try acme()
        let reply = dialogue.say("how long does a refund take?")
        #expect(reply.intent == "refund_duration")
        #expect(reply.texts == ["Refunds reach your account within 5 working days."])
        #expect(dialogue.state.activeForm == nil)
    }

    // MARK: - Closing

    @Test("goodbye closes", arguments: ["bye", "thanks, bye", "that's all, goodbye"])
    func goodbye(text: String) throws {
        var dialogue = try acme()
        let reply = dialogue.say(text)
        #expect(reply.intent == "goodbye")
        #expect(reply.texts == ["Goodbye, and thanks for contacting Acme!"])
    }

    @Test("thanks is not a goodbye")
    func thanks() throws {
        var dialogue = try acme()
        #expect(dialogue.say("thanks").texts == ["You're welcome!"])
    }

    @Test("goodbye inside a form ends it; thanks inside a form does not")
    func goodbyeInsideForm() throws {
        var thanked = try acme()
        _ = thanked.say("I want a refund")
        #expect(thanked.say("thanks").texts == ["You're welcome!", Self.askOrder])
        #expect(thanked.state.activeForm == "refund")

        var closed = try confirmingRefund()
        #expect(closed.say("ok thanks, bye").texts == ["Goodbye, and thanks for contacting Acme!"])
        #expect(closed.state.activeForm == nil)
        #expect(closed.state.slots.isEmpty)
    }

    // MARK: - Several tasks in one conversation

    @Test("after one task the next request starts afresh, with the values it carries")
    func multiGoal() throws {
        var dialogue = try confirmingRefund()
        _ = dialogue.say("yes")
        #expect(dialogue.say("also, I'd like to book an appointment").texts == ["What day would suit you?"])
        #expect(dialogue.say("monday at 10am").texts == ["Shall I book your appointment for monday at 10am?"])
        #expect(dialogue.say("yes please").texts == ["Your appointment is booked for monday at 10am."])
        #expect(
            dialogue.say("and where is my order CD-654321?").texts == [
                "Your order CD-654321 has shipped and will arrive in 2 days."
            ])
        #expect(dialogue.say("thanks, bye").texts == ["Goodbye, and thanks for contacting Acme!"])
    }

    @Test("a second request carrying every value goes straight to its confirmation")
    func multiGoalWithValues() throws {
        var dialogue = try acme()
        _ = dialogue.say("where is my order AB-123456?")
        #expect(
            dialogue.say("also, book me an appointment for friday at 3pm").texts == [
                "Shall I book your appointment for friday at 3pm?"
            ])
    }
}
