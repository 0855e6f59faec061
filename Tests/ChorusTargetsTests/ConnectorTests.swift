import ChorusModel
import ChorusReferenceBot
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// Each network connector against the reference bot served over HTTP gives the replies the
/// embedded bot gives. Deadlines run on a test clock that never moves: a busy machine makes a
/// test slower, never a timeout.
/// (A test that waits for an event which never comes fails after the time limit instead of hanging.)
@Suite(.timeLimit(.minutes(5))) struct ConnectorTests {
    static let expected: [BotReply] = {
        var state = ChorusReferenceBotState()
        return TargetTests.script.map { state.respond($0) }
    }()

    @Test func rasaWithParseGivesTheEmbeddedBotsRepliesAndNLU() async throws {
        try await TargetTests.withBotServer { port in
            let path = try TargetTests.write("rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\nparse: true\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: TestClock()))
            let replies = try await TargetTests.play(target, TargetTests.script)
            await target.shutdown()
            #expect(
                replies.map(TargetTests.extracted)
                    == Self.expected.map { reply in
                        var copy = reply
                        copy.handoff = nil  // Rasa's REST channel has no handoff flag.
                        return copy
                    })
            #expect(
                target.info
                    == TargetInfo(kind: "rasa", name: "rasa", detail: "http://127.0.0.1:\(port) (with /model/parse)"))
            #expect(replies[0].raw.count == 2)
        }
    }

    @Test func rasaWithoutParseHasTextsOnly() async throws {
        try await TargetTests.withBotServer { port in
            let path = try TargetTests.write("rasa.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)/\n")
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: TestClock()))
            let replies = try await TargetTests.play(target, Array(TargetTests.script.prefix(3)))
            await target.shutdown()
            #expect(replies.map(\.texts) == Self.expected.prefix(3).map(\.texts))
            #expect(replies.allSatisfy { $0.intent == nil && $0.entities == nil })
        }
    }

    @Test func httpWithPathsGivesTheEmbeddedBotsReplies() async throws {
        try await TargetTests.withBotServer { port in
            let path = try TargetTests.write("http.yaml", Self.httpTarget(port: port))
            let target = try TargetFactory.make(path: path, options: TargetOptions(clock: TestClock()))
            let replies = try await TargetTests.play(target, TargetTests.script)
            await target.shutdown()
            #expect(replies.map(TargetTests.extracted) == Self.expected)
            #expect(target.info.detail == "POST http://127.0.0.1:\(port)/webhooks/rest/webhook")
        }
    }

    @Test func openAIKeepsTheHistoryAndGivesTheEmbeddedBotsTexts() async throws {
        try await TargetTests.withBotServer { port in
            let path = try TargetTests.write(
                "openai.yaml",
                """
                kind: openai
                url: http://127.0.0.1:\(port)/v1
                model: acme-v1
                system_prompt: You are Acme's helpful assistant.
                api_key: ${TEST_OPENAI_KEY}
                """)
            let target = try TargetFactory.make(
                path: path, options: TargetOptions(environment: ["TEST_OPENAI_KEY": "sk-test"], clock: TestClock()))
            let replies = try await TargetTests.play(target, TargetTests.script)
            await target.shutdown()
            #expect(replies.map(\.texts) == Self.expected.map { [$0.texts.joined(separator: "\n")] })
            #expect(replies.allSatisfy { $0.intent == nil && $0.entities == nil && $0.confidence == nil })
            #expect(
                target.info
                    == TargetInfo(kind: "openai", name: "openai", detail: "acme-v1 at http://127.0.0.1:\(port)/v1"))
        }
    }

    /// Without `user`, the server follows a conversation by its message history.
    @Test func theOpenAIEndpointFollowsAConversationByItsHistory() async throws {
        try await TargetTests.withBotServer { port in
            let transport = HTTPTransport(settings: TransportSettings(), clock: TestClock())
            var messages: [[String: String]] = [["role": "system", "content": "Be brief."]]
            var answers: [String] = []
            let script = ["where is my order", "AB-123456"]
            var embedded = ChorusReferenceBotState()
            let expected = script.map { embedded.respond($0).texts.joined(separator: "\n") }
            for text in script {
                messages.append(["role": "user", "content": text])
                let body = String(decoding: try JSONEncoder().encode(["messages": messages]), as: UTF8.self)
                let response = try await transport.send(
                    HTTPTransport.Request(
                        method: .post, url: "http://127.0.0.1:\(port)/v1/chat/completions", body: body),
                    budget: transport.beginTurn(), what: "chat")
                guard
                    case .string(let answer)? = try ReplyPath(parsing: "$.choices[0].message.content").first(
                        in: response.json("chat"))
                else {
                    Issue.record("no answer")
                    return
                }
                answers.append(answer)
                messages.append(["role": "assistant", "content": answer])
            }
            await transport.shutdown()
            #expect(answers == expected)
        }
    }

    @Test func theServerReportsItsHealthAndPerSenderState() async throws {
        try await TargetTests.withBotServer { port in
            let target = try TargetFactory.make(
                path: TargetTests.write("r.yaml", "kind: rasa\nurl: http://127.0.0.1:\(port)\n"),
                options: TargetOptions(clock: TestClock()))
            _ = try await TargetTests.play(target, ["hello"], id: "one")
            _ = try await TargetTests.play(target, ["hello"], id: "two")
            await target.shutdown()
            let transport = HTTPTransport(settings: TransportSettings(), clock: TestClock())
            let health = try await transport.send(
                HTTPTransport.Request(method: .get, url: "http://127.0.0.1:\(port)/health"),
                budget: transport.beginTurn(),
                what: "health")
            await transport.shutdown()
            #expect(
                try health.json("health")
                    == .object(["status": .string("ok"), "bot": .string("acme"), "conversations": .number(2)]))
        }
    }

    static func httpTarget(port: Int) -> String {
        """
        kind: http
        url: http://127.0.0.1:\(port)/webhooks/rest/webhook
        method: POST
        body: '{"sender": "{conversation_id}", "message": "{text}"}'
        response:
          texts: $[*].text
          intent: $[0].metadata.intent.name
          confidence: $[0].metadata.intent.confidence
          entities:
            path: $[0].metadata.entities[*]
            name: $.entity
            value: $.value
          handoff: $[0].metadata.handoff
        """
    }
}

/// The embedded bot, one conversation, as the connectors' expected replies.
struct ChorusReferenceBotState {
    var state = ChorusReferenceBot.ConversationState()

    mutating func respond(_ text: String) -> BotReply {
        let response = TargetTests.bot.respond(to: text, state: &state)
        return BotReply(
            texts: response.texts, intent: response.intent, confidence: response.confidence,
            entities: response.entities,
            handoff: response.handoff)
    }
}
