import ChorusModel
import ChorusRunner
import ChorusSimulation
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// A bot that sends an order number as a JSON number of twenty digits: through the `rasa` and
/// `http` targets, the entity value that reaches the conversation's record is those twenty
/// digits, equal to the slot value the user said (not `1.2345678901234567e+19`).
/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct ExactNumberTests {
    /// One goal: the user names an order number of twenty digits in its first message.
    static let suite = """
        version: 1
        suite: exact-numbers
        language: en
        seed: 5
        conversations: 3
        max_turns: 2
        vocab:
          order_id: {pattern: "[1-9][0-9]{19}"}
        personas:
          plain: {weight: 1, patience: 1}
        goals:
          track:
            intent: order_status
            openings: ["where is order {order_id}"]
            slots:
              order_id: {ask: "(?i)order number", answers: ["{order_id}"]}
            success: {reply: "(?i)on its way"}
        """

    /// Answers every message with the number it carries, unquoted, as an `order_id` entity.
    static func server() -> FaultServer {
        FaultServer { request, _ in
            let body = (try? JSON(parsing: request.body)) ?? .null
            let text = body["message"]?.scalarText ?? body["text"]?.scalarText ?? ""
            let digits = text.filter(\.isNumber)
            let entities = #"[{"entity": "order_id", "value": \#(digits)}]"#
            switch request.path {
            case "/model/parse":
                return .json(#"{"intent": {"name": "order_status", "confidence": 0.9}, "entities": \#(entities)}"#)
            case "/webhooks/rest/webhook":
                return .json(#"[{"recipient_id": "u", "text": "Order \#(digits) is on its way."}]"#)
            default:
                return .json(#"{"texts": ["Order \#(digits) is on its way."], "entities": \#(entities)}"#)
            }
        }
    }

    static let targets: [String] = [
        "kind: rasa\nurl: http://127.0.0.1:PORT\nparse: true\n",
        """
        kind: http
        url: http://127.0.0.1:PORT/chat
        body: '{"message": "{text}"}'
        response:
          texts: $.texts[*]
          entities:
            path: $.entities[*]
        """,
    ]

    @Test(arguments: targets) func aTwentyDigitEntityValueReachesTheRecordExactly(_ targetFile: String) async throws {
        let folder = try Fixtures.temporaryDirectory("chorus-exact")
        try Self.suite.write(toFile: "\(folder)/suite.yaml", atomically: true, encoding: .utf8)
        let compiled = try CompiledSuite(SuiteLoader.load(path: "\(folder)/suite.yaml").suite)
        let records = try await Self.server().run { port in
            let path = try TargetTests.write(
                "target.yaml", targetFile.replacingOccurrences(of: "PORT", with: String(port)))
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: TestClock()))
            let driver = ConversationDriver(suite: compiled, seed: 5, target: target, runTag: "exact")
            var records: [ConversationRecord] = []
            for index in 0..<3 { records.append(await driver.run(conversation: index)) }
            await target.shutdown()
            return records
        }
        for record in records {
            let turn = try #require(record.turns.first)
            let said = try #require(turn.expectedSlots.first { $0.name == "order_id" })
            #expect(said.value.count == 20)
            #expect(turn.entities == [Entity(name: "order_id", value: said.value)], "\(turn.bot)")
            #expect(record.outcome == .completed)
        }
    }
}
