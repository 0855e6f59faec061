import ChorusModel
import ChorusSpec
import Foundation

@testable import ChorusSimulation

/// A purpose-built refund bot for behaviour tests: a form with an order number and a product,
/// whose dialogue skills are switched on and off one at a time, so each test shows a behaviour
/// against a bot that handles it and one that does not.
struct MiniBot {
    struct Skills {
        var confirms = true
        var appliesCorrections = true
        var resumesAfterDigression = true
        /// After a digression, the form starts over (forgets what it was told).
        var restartsAfterDigression = false
        var validates = true
        var answersRequests = true
        var closes = true
        /// Reads back (and acts on) another product than the user's.
        var swapsProduct = false
        /// Says the same thing whatever the user says.
        var loops = false
        /// Understands nothing but a request for a human.
        var fallsBack = false
        /// Asks for the order number again once it has moved on to the product.
        var asksOrderTwice = false
    }

    var skills = Skills()
    var order: String?
    var product: String?
    var confirming = false
    var askedOrderAgain = false

    static let products = ["laptop", "phone", "C++ (v2.0)"]

    mutating func respond(_ text: String) -> [String] {
        let lower = text.lowercased()
        if skills.loops { return ["Please hold."] }
        if skills.fallsBack {
            return lower.contains("human") || lower.contains("person") || lower.contains("agent")
                ? ["Connecting you to a human agent."] : ["Sorry, I didn't understand."]
        }
        if lower.contains("bye") { return skills.closes ? ["Goodbye!"] : ["Okay."] }
        if lower.contains("how long") { return skills.answersRequests ? ["Refunds take 5 days."] : ["Okay."] }
        if lower.contains("are you a bot") || lower.contains("weather") || lower.contains("how are you") {
            if skills.restartsAfterDigression {
                order = nil
                product = nil
                confirming = false
                return ["I'm a bot.", "What is your order number?"]
            }
            return skills.resumesAfterDigression ? ["I'm a bot."] + pending() : ["I'm a bot."]
        }
        var fresh: [String] = []
        if let match = text.range(of: #"[A-Z]{2}-[0-9]{4,7}"#, options: .regularExpression) {
            let value = String(text[match])
            if skills.validates, value.range(of: #"^[A-Z]{2}-[0-9]{6}$"#, options: .regularExpression) == nil {
                return ["\(value) doesn't look like an order number. What is your order number?"]
            }
            if order == nil || skills.appliesCorrections { order = value }
            fresh.append("order")
        }
        if let found = Self.products.first(where: { lower.contains($0.lowercased()) }) {
            if product == nil || skills.appliesCorrections { product = found }
            fresh.append("product")
        }
        if confirming {
            if lower.hasPrefix("yes") || lower.contains("right") || lower.contains("correct") {
                confirming = false
                return [done()]
            }
            return pending()
        }
        _ = fresh
        return pending()
    }

    private var statedProduct: String {
        guard let product else { return "" }
        return skills.swapsProduct ? Self.products.first { $0 != product }! : product
    }

    private mutating func pending() -> [String] {
        if order == nil { return ["What is your order number?"] }
        if product == nil { return ["Which item would you like to return?"] }
        if skills.asksOrderTwice, !askedOrderAgain {
            askedOrderAgain = true
            return ["Sorry, what is your order number?"]
        }
        if skills.confirms {
            confirming = true
            return ["Shall I refund the \(statedProduct) from order \(order!)?"]
        }
        return [done()]
    }

    private func done() -> String {
        "I have started a refund for the \(statedProduct) from order \(order!)."
    }
}

/// One simulated conversation against a `MiniBot`, turn by turn.
struct Played {
    struct Turn {
        var act: UserAct
        var user: String
        var bot: [String]
        var failures: [DialogueFailure]
    }

    var turns: [Turn] = []
    var outcome: Outcome
    var goals: [GoalRecord]
    var behaviours: [Behaviour]

    var acts: [UserAct] { turns.map(\.act) }
    var failures: [DialogueFailure] { turns.flatMap(\.failures) }
}

enum Dialogue {
    /// A refund suite with one persona whose behaviour is `behaviour`.
    static func suite(
        _ behaviour: PersonaBehaviour = PersonaBehaviour(), patience: Int = 2, maxTurns: Int = 16,
        extraGoals: [String: Goal] = [:]
    ) throws -> CompiledSuite {
        let refund = Goal(
            intent: "refund", openings: ["I want a refund"],
            slots: [
                "order_id": Slot(ask: "(?i)order number", answers: ["it's {order_id}"]),
                "product": Slot(ask: "(?i)which item", answers: ["the {product}"]),
            ],
            success: SuccessCondition(reply: "(?i)started a refund for the {product} from order {order_id}"),
            requests: ["refund_time": GoalRequest(user: ["how long does a refund take?"], reply: "(?i)5 days")])
        var goals = extraGoals
        goals["refund"] = refund
        return try CompiledSuite(
            Suite(
                suite: "mini", seed: 5, maxTurns: maxTurns,
                vocab: ["order_id": .pattern("[A-Z]{2}-[0-9]{6}"), "product": .values(MiniBot.products)],
                personas: ["p": Persona(patience: patience, behaviour: behaviour)],
                goals: goals,
                bot: BotRecognition(
                    fallback: Recognizer(patterns: ["(?i)didn't understand"]),
                    handoff: Recognizer(patterns: ["(?i)human agent"]),
                    confirm: Recognizer(patterns: ["(?i)^shall i"]),
                    closing: Recognizer(patterns: ["(?i)goodbye"]))))
    }

    /// Plays conversation `index` of `suite` against `bot` to its end.
    static func play(_ suite: CompiledSuite, _ bot: MiniBot, conversation index: Int = 0) -> Played {
        var bot = bot
        return play(suite, conversation: index) { bot.respond($0) }
    }

    /// Plays conversation `index` of `suite` to its end against a bot that answers each message
    /// with `respond`'s texts.
    static func play(_ suite: CompiledSuite, conversation index: Int, respond: (String) -> [String]) -> Played {
        var user = SyntheticUser(suite: suite, seed: 5, conversation: index)
        var message = user.opening()
        var played = Played(outcome: .error, goals: [], behaviours: [])
        while true {
            let texts = respond(message.text)
            let observation = BotObservation(
                texts: texts, intent: nil, entities: nil,
                fallback: suite.recognizer.isFallback(texts: texts, intent: nil),
                handoff: suite.recognizer.isHandoff(texts: texts, intent: nil, flag: nil))
            let reaction = user.react(to: observation)
            played.turns.append(
                Played.Turn(act: message.act, user: message.text, bot: texts, failures: reaction.dialogueFailures))
            switch reaction.next {
            case .say(let next):
                message = next
            case .end(let outcome):
                played.outcome = outcome
                played.goals = user.goalRecords(endingWith: .completed)
                played.behaviours = user.occurredBehaviours
                return played
            }
        }
    }
}
