import ChorusModel
import ChorusSpec
import Testing

@testable import ChorusSimulation

/// A refund goal with two slots, against replies written by hand.
private func shop(patience: Int = 2, maxTurns: Int = 6, volunteer: Double = 0, steps: [Step]? = nil) throws
    -> CompiledSuite
{
    let refund = Goal(
        intent: "refund", openings: ["I want a refund"],
        slots: [
            "order_id": Slot(ask: "(?i)order number", answers: ["it's {order_id}"]),
            "product": Slot(ask: "(?i)which item", answers: ["the {product}"]),
        ],
        success: SuccessCondition(reply: "(?i)started a refund"))
    let scripted = Goal(steps: steps)
    return try CompiledSuite(
        Suite(
            suite: "shop", seed: 11, maxTurns: maxTurns,
            vocab: ["order_id": .pattern("[A-Z]{2}-[0-9]{6}"), "product": .values(["laptop", "phone"])],
            personas: ["p": Persona(patience: patience, volunteer: volunteer)],
            goals: steps == nil ? ["refund": refund] : ["script": scripted],
            bot: BotRecognition(
                fallback: Recognizer(intents: ["nlu_fallback"]), handoff: Recognizer(patterns: ["(?i)human agent"]))))
}

private func reply(_ text: String, intent: String? = nil, fallback: Bool = false, handoff: Bool = false)
    -> BotObservation
{
    BotObservation(texts: [text], intent: intent, entities: [], fallback: fallback, handoff: handoff)
}

private func said(_ reaction: UserReaction) -> UserTurn? {
    if case .say(let turn) = reaction.next { return turn }
    return nil
}

private func ending(_ reaction: UserReaction) -> Outcome? {
    if case .end(let ending) = reaction.next { return ending }
    return nil
}

@Suite struct SyntheticUserTests {
    @Test func opensWithItsRequest() throws {
        var user = SyntheticUser(suite: try shop(), seed: 11, conversation: 0)
        let turn = user.opening()
        #expect(turn.text == "I want a refund")
        #expect(turn.expectedIntent == "refund")
        #expect(turn.expectedSlots.isEmpty)
        #expect(user.goalName == "refund" && user.persona == "p")
    }

    @Test func answersTheSlotTheBotAsksFor() throws {
        var user = SyntheticUser(suite: try shop(), seed: 11, conversation: 0)
        _ = user.opening()
        let answer = try #require(said(user.react(to: reply("Which order is it? Please give me the order number."))))
        #expect(answer.expectedIntent == "inform")
        let slot = try #require(answer.expectedSlots.first)
        #expect(slot.name == "order_id")
        #expect(slot.value.wholeMatch(of: /[A-Z]{2}-[0-9]{6}/) != nil)
        #expect(answer.text == "it's \(slot.value)")

        let item = try #require(said(user.react(to: reply("Which item would you like to return?"))))
        #expect(["the laptop", "the phone"].contains(item.text))
        #expect(ending(user.react(to: reply("I have started a refund for the laptop."))) == .completed)
    }

    @Test func rephrasesAfterAFallbackAndGivesUpWhenPatienceRunsOut() throws {
        var user = SyntheticUser(suite: try shop(patience: 2), seed: 11, conversation: 3)
        _ = user.opening()
        #expect(said(user.react(to: reply("Sorry?", intent: "nlu_fallback", fallback: true))) != nil)
        #expect(ending(user.react(to: reply("Sorry?", intent: "nlu_fallback", fallback: true))) == .abandoned)
    }

    @Test func patienceCountsOnlyConsecutiveFallbacks() throws {
        var user = SyntheticUser(suite: try shop(patience: 2), seed: 11, conversation: 3)
        _ = user.opening()
        #expect(said(user.react(to: reply("Sorry?", fallback: true))) != nil)
        #expect(said(user.react(to: reply("What is your order number?"))) != nil)
        #expect(said(user.react(to: reply("Sorry?", fallback: true))) != nil)
    }

    @Test func aHandoffEndsTheConversation() throws {
        var user = SyntheticUser(suite: try shop(), seed: 11, conversation: 1)
        _ = user.opening()
        #expect(ending(user.react(to: reply("Connecting you to a human agent now.", handoff: true))) == .handedOff)
    }

    @Test func volunteersMissingSlotsThenStopsAtMaxTurns() throws {
        var user = SyntheticUser(suite: try shop(maxTurns: 4), seed: 11, conversation: 2)
        _ = user.opening()
        // The bot asks for nothing (in other words each time, so it is not a loop): the user gives
        // the slots it has not given yet, in name order…
        let first = try #require(said(user.react(to: reply("Okay."))))
        #expect(first.expectedSlots.map(\.name) == ["order_id"])
        let second = try #require(said(user.react(to: reply("Right."))))
        #expect(second.expectedSlots.map(\.name) == ["product"])
        // …then states its request again, until max_turns.
        let third = try #require(said(user.react(to: reply("Sure."))))
        #expect(third.expectedIntent == "refund")
        #expect(ending(user.react(to: reply("Fine."))) == .maxTurns)
        #expect(user.turnCount == 4)
    }

    @Test func mayAddASlotItWasNotAskedFor() throws {
        var user = SyntheticUser(suite: try shop(volunteer: 1), seed: 11, conversation: 0)
        _ = user.opening()
        let answer = try #require(said(user.react(to: reply("What is your order number?"))))
        #expect(answer.expectedSlots.map(\.name) == ["order_id", "product"])
        #expect(answer.text.contains(" and the "))
    }

    @Test func scriptedStepsCheckExpectations() throws {
        let steps = [
            Step(user: ["hi"], expect: Expectation(intent: "greet")),
            Step(
                user: ["when are you open?"], expect: Expectation(intent: "opening_hours", reply: "(?i)open"),
                required: true),
            Step(user: ["thanks"]),
        ]
        var user = SyntheticUser(suite: try shop(steps: steps), seed: 11, conversation: 0)
        #expect(user.opening().expectedIntent == "greet")
        // A failed expectation of an optional step is recorded and the script goes on.
        let soft = user.react(to: reply("Hello!", intent: "goodbye"))
        #expect(soft.failures == ["expected intent \"greet\", got \"goodbye\""])
        #expect(said(soft)?.text == "when are you open?")
        // A failed required step ends the conversation as failed.
        let hard = user.react(to: reply("Sorry?", intent: "nlu_fallback"))
        #expect(ending(hard) == .failed)
        #expect(hard.failures.count == 2)
    }

    @Test func scriptedConversationCompletesAfterTheLastStep() throws {
        var user = SyntheticUser(
            suite: try shop(steps: [Step(user: ["hi"]), Step(user: ["bye"])]), seed: 11, conversation: 0)
        _ = user.opening()
        #expect(said(user.react(to: reply("Hello!")))?.text == "bye")
        #expect(ending(user.react(to: reply("Goodbye!"))) == .completed)
    }

    @Test func theSameIndexReplaysTheSameConversation() throws {
        let suite = try shop(volunteer: 0.5)
        func transcript(_ index: Int) -> [String] {
            var user = SyntheticUser(suite: suite, seed: 11, conversation: index)
            var texts = [user.opening().text]
            for bot in ["What is your order number?", "Sorry?", "Which item would you like to return?"] {
                if let turn = said(user.react(to: reply(bot, fallback: bot == "Sorry?"))) { texts.append(turn.text) }
            }
            return texts
        }
        #expect(transcript(5) == transcript(5))
        #expect(Set((0..<20).map(transcript)).count > 1, "different conversations differ")
    }
}
