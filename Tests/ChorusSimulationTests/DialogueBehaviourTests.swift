import ChorusModel
import ChorusSpec
import ChorusTestSupport
import Testing

@testable import ChorusSimulation

/// Each user behaviour against a small bot that handles it and one that does not, and each
/// dialogue-failure detector with a case that must fire and one that must not.
@Suite struct DialogueBehaviourTests {
    @Test func aPlainConversationConfirmsAndCompletesWithoutFailures() throws {
        let played = Dialogue.play(try Dialogue.suite(), MiniBot())
        #expect(played.outcome == .completed)
        #expect(played.acts == [.open, .inform, .inform, .affirm])
        #expect(played.failures.isEmpty)
        #expect(played.behaviours == [.confirmation])
        let goal = try #require(played.goals.first)
        #expect(goal.slotCounts.truePositives == 2 && goal.slotCounts.falsePositives == 0)
    }

    // MARK: Confirmation

    @Test func aWrongValueReadBackIsDeniedWithTheUsersOwn() throws {
        var bot = MiniBot()
        bot.skills.swapsProduct = true
        let played = Dialogue.play(try Dialogue.suite(), bot)
        let confirmation = try #require(played.turns.firstIndex { $0.bot.first?.hasPrefix("Shall I") == true })
        #expect(played.turns[confirmation].failures == [.wrongValueConfirmed])
        #expect(played.turns[confirmation + 1].act == .deny)
        let product = try #require(played.goals.first?.values.first { $0.name == "product" }?.value)
        #expect(played.turns[confirmation + 1].user.contains(product))
        #expect(played.outcome != .completed)
    }

    @Test func aCarelessUserAffirmsButTheWrongValueStillFailsTheTask() throws {
        var bot = MiniBot()
        bot.skills.swapsProduct = true
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(confirm: 0)), bot)
        #expect(played.acts.last == .affirm)
        #expect(played.outcome == .failed)
        #expect(played.failures.contains(.wrongValueConfirmed))
        let goal = try #require(played.goals.first)
        #expect(goal.slotCounts.falsePositives == 1)
    }

    @Test func actingOnAnotherValueWithoutConfirmingFailsTheGoal() throws {
        var bot = MiniBot()
        bot.skills.confirms = false
        let right = Dialogue.play(try Dialogue.suite(), bot)
        #expect(right.outcome == .completed && right.failures.isEmpty)
        bot.skills.swapsProduct = true
        let wrong = Dialogue.play(try Dialogue.suite(), bot)
        #expect(wrong.outcome == .failed)
        #expect(wrong.turns.last?.failures == [.wrongValueConfirmed])
    }

    // MARK: Correction

    @Test func aCorrectionTheBotAppliesCompletesWithTheNewValue() throws {
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(correct: 1)), MiniBot())
        #expect(played.acts.contains(.correct))
        #expect(played.behaviours.contains(.correction))
        #expect(played.failures.isEmpty)
        #expect(played.outcome == .completed)
        let goal = try #require(played.goals.first)
        let corrected = try #require(played.turns.first { $0.act == .correct })
        // The user's final value is the one it corrected to, and the bot acted on it.
        #expect(goal.values.contains { corrected.user.contains($0.value) })
        #expect(goal.slotCounts.falsePositives == 0)
    }

    @Test func aCorrectionTheBotIgnoresIsNamed() throws {
        var bot = MiniBot()
        bot.skills.appliesCorrections = false
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(correct: 1)), bot)
        #expect(played.failures.contains(.correctionIgnored))
        #expect(!played.failures.contains(.wrongValueConfirmed))
        #expect(played.outcome != .completed)
    }

    // MARK: Digression

    @Test func aDigressionTheBotResumesFromIsFine() throws {
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(digress: 1)), MiniBot())
        #expect(played.acts.contains(.digress))
        #expect(played.behaviours.contains(.digression))
        #expect(played.failures.isEmpty)
        #expect(played.outcome == .completed)
    }

    @Test func aBotThatForgetsAfterADigressionLosesContext() throws {
        var bot = MiniBot()
        bot.skills.restartsAfterDigression = true
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(digress: 1)), bot)
        let digression = try #require(played.turns.firstIndex { $0.act == .digress })
        #expect(played.turns[digression].failures == [.contextLost])
        #expect(played.outcome == .completed)
    }

    @Test func aBotThatDoesNotComeBackFromADigressionIsNamed() throws {
        var bot = MiniBot()
        bot.skills.resumesAfterDigression = false
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(digress: 1)), bot)
        let digression = try #require(played.turns.firstIndex { $0.act == .digress })
        #expect(played.turns[digression].failures == [.digressionNotResumed])
        // The user states its request again and the task goes on.
        #expect(played.turns[digression + 1].act == .open)
        #expect(played.outcome == .completed)
    }

    @Test func askingAgainForAGivenValueIsContextLostOnlyWhenItWasTakenIn() throws {
        var bot = MiniBot()
        bot.skills.asksOrderTwice = true
        let played = Dialogue.play(try Dialogue.suite(), bot)
        #expect(played.failures == [.contextLost])
        #expect(Dialogue.play(try Dialogue.suite(), MiniBot()).failures.isEmpty)
        // A value the bot asks for again at once (it did not get the answer) is not context lost.
        var user = SyntheticUser(suite: try Dialogue.suite(), seed: 5, conversation: 0)
        _ = user.opening()
        let answer = try #require(said(user.react(to: BotObservation(texts: ["What is your order number?"]))))
        #expect(answer.act == .inform)
        let again = user.react(to: BotObservation(texts: ["Sorry, what is your order number?"]))
        #expect(again.dialogueFailures.isEmpty)
        // Nor is a value said to a bot that answered something else ("Thanks. What can I do?").
        var other = SyntheticUser(suite: try Dialogue.suite(), seed: 5, conversation: 0)
        _ = other.opening()
        _ = other.react(to: BotObservation(texts: ["What is your order number?"]))
        _ = other.react(to: BotObservation(texts: ["Thanks. What can I do for you?"]))
        #expect(other.react(to: BotObservation(texts: ["What is your order number?"])).dialogueFailures.isEmpty)
    }

    // MARK: Requests

    @Test func aRequestTheBotAnswersCompletesTheGoal() throws {
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(request: 1)), MiniBot())
        #expect(played.acts.last == .request)
        #expect(played.behaviours.contains(.request))
        #expect(played.failures.isEmpty)
        #expect(played.outcome == .completed)
    }

    @Test func aRequestLeftUnansweredFailsTheGoal() throws {
        var bot = MiniBot()
        bot.skills.answersRequests = false
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(request: 1)), bot)
        #expect(played.turns.last?.failures == [.requestUnanswered])
        #expect(played.outcome == .failed)
    }

    // MARK: Escalation

    @Test func aUserOutOfPatienceAsksForAHumanAndIsHandedOffAsAskedFor() throws {
        var bot = MiniBot()
        bot.skills.fallsBack = true
        let escalating = Dialogue.play(try Dialogue.suite(PersonaBehaviour(escalate: 1)), bot)
        #expect(escalating.acts.last == .escalate)
        #expect(escalating.outcome == .escalated)
        #expect(escalating.behaviours.contains(.escalation))
        let patient = Dialogue.play(try Dialogue.suite(PersonaBehaviour(escalate: 0)), bot)
        #expect(patient.outcome == .abandoned)
        #expect(!patient.acts.contains(.escalate))
    }

    /// The example suite's personas against a bot that keeps falling back: escalation, which
    /// needs fallbacks, occurs in well over 5 % of conversations, each ending as asked for.
    @Test func theExampleSuiteEscalatesAgainstABotThatKeepsFallingBack() throws {
        let loaded = try SuiteLoader.load(path: Fixtures.path("Scenarios/customer-service"))
        let suite = try CompiledSuite(loaded.suite)
        var bot = MiniBot()
        bot.skills.fallsBack = true
        let played = (0..<200).map { Dialogue.play(suite, bot, conversation: $0) }
        let escalated = played.filter { $0.outcome == .escalated }
        #expect(Double(escalated.count) / Double(played.count) >= 0.05)
        #expect(escalated.allSatisfy { $0.behaviours.contains(.escalation) && $0.acts.last == .escalate })
        // Nothing but the goal of reaching a human completes against this bot; a user who never
        // asked for a human is not escalated.
        #expect(!played.contains { $0.outcome == .completed && $0.goals.first?.name != "human" })
        #expect(played.filter { !$0.acts.contains(.escalate) }.allSatisfy { $0.outcome != .escalated })
    }

    // MARK: Closing

    @Test func aGoodbyeExpectsAClosingReply() throws {
        let closed = Dialogue.play(try Dialogue.suite(PersonaBehaviour(close: 1)), MiniBot())
        #expect(closed.acts.last == .close)
        #expect(closed.failures.isEmpty)
        #expect(closed.outcome == .completed)
        var bot = MiniBot()
        bot.skills.closes = false
        let unanswered = Dialogue.play(try Dialogue.suite(PersonaBehaviour(close: 1)), bot)
        #expect(unanswered.turns.last?.failures == [.closingUnanswered])
        // The task was done: the conversation still completed.
        #expect(unanswered.outcome == .completed)
    }

    // MARK: Invalid values

    @Test func aMalformedValueTheBotRejectsIsGivenAgainCorrectly() throws {
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(invalidValue: 1)), MiniBot())
        let invalid = try #require(played.turns.first { $0.act == .informInvalid })
        #expect(invalid.failures.isEmpty)
        #expect(invalid.bot.first?.contains("doesn't look like") == true)
        #expect(played.failures.isEmpty)
        #expect(played.outcome == .completed)
        #expect(played.behaviours.contains(.invalidValue))
    }

    @Test func aMalformedValueTheBotAcceptsIsNamed() throws {
        var bot = MiniBot()
        bot.skills.validates = false
        let played = Dialogue.play(try Dialogue.suite(PersonaBehaviour(invalidValue: 1)), bot)
        let invalid = try #require(played.turns.first { $0.act == .informInvalid })
        #expect(invalid.failures == [.invalidValueAccepted])
        // The bot acts on the malformed number, which is not the user's: the user then gives its
        // real one, and the task ends with it.
        let order = try #require(played.goals.first?.values.first { $0.name == "order_id" }?.value)
        let position = try #require(played.turns.firstIndex { $0.act == .informInvalid })
        #expect(played.turns[(position + 1)...].contains { $0.act == .inform && $0.user.contains(order) })
        #expect(played.outcome == .completed)
    }

    // MARK: Loops

    @Test func theSameReplyThreeTimesIsALoopAndTheUserGivesUp() throws {
        var bot = MiniBot()
        bot.skills.loops = true
        let played = Dialogue.play(try Dialogue.suite(), bot)
        #expect(played.turns.count == 3)
        #expect(played.turns.last?.failures == [.loop])
        #expect(played.outcome == .abandoned)
        #expect(!Dialogue.play(try Dialogue.suite(), MiniBot()).failures.contains(.loop))
    }

    // MARK: Several goals

    @Test func aUserGoesOnWithAnotherGoalAndEachIsJudged() throws {
        let hours = Goal(
            intent: "opening_hours", openings: ["when are you open?"], success: SuccessCondition(reply: "(?i)open"))
        let suite = try Dialogue.suite(PersonaBehaviour(multiGoal: 1, maxGoals: 2), extraGoals: ["hours": hours])
        var sawBoth = false
        for index in 0..<20 {
            var bot = MiniBot()
            bot.skills.confirms = false
            let played = Dialogue.play(suite, HoursAware(bot: bot), conversation: index)
            guard played.goals.count == 2 else { continue }
            sawBoth = true
            #expect(played.behaviours.contains(.multiGoal))
            #expect(played.goals.map(\.name).sorted() == ["hours", "refund"])
            #expect(played.goals.allSatisfy { $0.outcome == .completed })
            #expect(played.goals.map(\.turns).reduce(0, +) == played.turns.count)
            let second = try #require(played.turns.first { $0.act == .open && $0.user != played.turns[0].user })
            #expect(["also, ", "oh, and ", "one more thing: "].contains { second.user.hasPrefix($0) })
        }
        #expect(sawBoth)
    }

    // MARK: Replay

    @Test func everyBehaviourReplaysIdentically() throws {
        let suite = try Dialogue.suite(
            PersonaBehaviour(correct: 0.5, digress: 0.5, request: 0.5, close: 0.5, invalidValue: 0.5, multiGoal: 0.5))
        for index in 0..<30 {
            let a = Dialogue.play(suite, MiniBot(), conversation: index)
            let b = Dialogue.play(suite, MiniBot(), conversation: index)
            #expect(a.turns.map(\.user) == b.turns.map(\.user))
            #expect(a.goals == b.goals)
        }
    }
}

private func said(_ reaction: UserReaction) -> UserTurn? {
    if case .say(let turn) = reaction.next { return turn }
    return nil
}

/// A `MiniBot` that also answers opening-hours questions (for two-goal conversations).
struct HoursAware {
    var bot: MiniBot
}

extension Dialogue {
    static func play(_ suite: CompiledSuite, _ bot: HoursAware, conversation index: Int) -> Played {
        var refund = bot.bot
        return play(suite, conversation: index) { $0.contains("open") ? ["We are open 9 to 5."] : refund.respond($0) }
    }
}
