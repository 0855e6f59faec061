import ChorusModel
import ChorusSpec
import ChorusTargets
import ChorusTestSupport
import Foundation
import Testing

/// Secrets are read from the environment when the target is made, sent where the file says, and
/// never shown in `TargetInfo`.
@Suite struct SecretTests {
    static let file = """
        kind: http
        url: http://127.0.0.1:PORT/api/{conversation_id}/turn
        headers:
          Authorization: Bearer ${TEST_BOT_TOKEN}
        body: '{"text": "{text}", "key": "${TEST_BOT_TOKEN}"}'
        response:
          texts: $.messages[*].text
        """

    @Test func theRequestCarriesTheSecretsAndTheInfoDoesNot() async throws {
        let server = FaultServer { _, _ in .json(#"{"messages": [{"text": "ok"}]}"#) }
        let token = "s3cr3t-\"quoted\"-token"
        try await server.run { port in
            let path = try TargetTests.write("secret.yaml", Self.file.replacingOccurrences(of: "PORT", with: "\(port)"))
            let environment = ["TEST_BOT_TOKEN": token]
            let target = try TargetFactory.make(
                path: path, options: TargetOptions(environment: environment, clock: TestClock()))
            let replies = try await TargetTests.play(target, ["Say \"hi\"\n¿qué tal? 你好"], id: "run/7")
            await target.shutdown()
            #expect(replies.map(\.texts) == [["ok"]])
            #expect(target.info.detail == "POST http://127.0.0.1:\(port)/api/{conversation_id}/turn")
            #expect(!"\(target.info)".contains(token))
        }
        let request = try #require(server.requests.first)
        #expect(request.headers["Authorization"] == "Bearer \(token)")
        // Placeholders in a URL are percent-encoded; in a body, JSON-escaped (secrets too).
        #expect(request.path == "/api/run%2F7/turn")
        let body = try JSONDecoder().decode([String: String].self, from: Data(request.body.utf8))
        #expect(body == ["text": "Say \"hi\"\n¿qué tal? 你好", "key": token])
    }

    @Test func anUnsetVariableIsALocatedErrorNamingIt() throws {
        let path = try TargetTests.write("secret.yaml", Self.file.replacingOccurrences(of: "PORT", with: "9"))
        let error = #expect(throws: SpecError.self) {
            try TargetFactory.make(path: path, options: TargetOptions(environment: [:]))
        }
        #expect(
            error?.diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == [
                "4:25: environment variable \"TEST_BOT_TOKEN\" is not set (\"headers.Authorization\" uses it)",
                "5:35: environment variable \"TEST_BOT_TOKEN\" is not set (\"body\" uses it)",
            ])
    }

    /// Credentials in the URL are used, as basic auth, and never shown.
    @Test func credentialsInTheURLAreSentAsBasicAuth() async throws {
        let server = FaultServer { _, _ in .json(#"{"messages": [{"text": "ok"}]}"#) }
        try await server.run { port in
            let path = try TargetTests.write(
                "basic.yaml",
                "kind: http\nurl: http://${TEST_BOT_USER}:${TEST_BOT_PASSWORD}@127.0.0.1:\(port)/turn\n"
                    + "body: '{\"text\": \"{text}\"}'\nresponse:\n  texts: $.messages[*].text\n")
            let environment = ["TEST_BOT_USER": "bot", "TEST_BOT_PASSWORD": "p@ss:word"]
            let target = try TargetFactory.make(
                path: path, options: TargetOptions(environment: environment, clock: TestClock()))
            _ = try await TargetTests.play(target, ["hi"])
            await target.shutdown()
            #expect(target.info.detail == "POST http://127.0.0.1:\(port)/turn")
        }
        let request = try #require(server.requests.first)
        #expect(request.headers["Authorization"] == "Basic " + Data("bot:p@ss:word".utf8).base64EncodedString())
        #expect(request.path == "/turn")
    }

    /// Credentials that would not be sent (beside the file's own Authorization header, or in a
    /// session URL) are a located error, never dropped in silence.
    @Test func credentialsThatWouldNotBeSentAreALocatedError() throws {
        let path = try TargetTests.write(
            "both.yaml",
            "kind: http\nurl: http://u:${TEST_BOT_PASSWORD}@127.0.0.1:9/turn\nheaders: {Authorization: Bearer x}\n"
                + "response:\n  texts: $.messages[*].text\n")
        let error = #expect(throws: SpecError.self) { try TargetLoader.load(path: path) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.line == 2 && diagnostic.message.contains("would not be sent"), "\(diagnostic)")
    }

    /// A bot that echoes what it was sent (the Authorization header, the key in the body) gives
    /// back `[secret VAR]`, in every spelling the value travels in.
    @Test func echoedSecretsComeBackRedacted() async throws {
        let token = "tok-3cr3t/value"
        let server = FaultServer { request, _ in
            let echoed = (request.headers["Authorization"] ?? "") + " | " + request.body
            let json = String(decoding: try! JSONEncoder().encode(["messages": [["text": echoed]]]), as: UTF8.self)
            return .json(json)
        }
        let replies = try await server.run { port in
            let path = try TargetTests.write("secret.yaml", Self.file.replacingOccurrences(of: "PORT", with: "\(port)"))
            let target = try TargetFactory.make(
                path: path, options: TargetOptions(environment: ["TEST_BOT_TOKEN": token], clock: TestClock()))
            let replies = try await TargetTests.play(target, ["hi"])
            await target.shutdown()
            return replies
        }
        let reply = try #require(replies.first)
        let shown = reply.texts.joined() + reply.raw.joined()
        #expect(!shown.contains("3cr3t"), "\(shown)")
        #expect(reply.texts.first?.hasPrefix("Bearer [secret TEST_BOT_TOKEN] | ") == true, "\(reply.texts)")
    }

    @Test func theRedactorKnowsEveryForm() {
        let redactor = SecretRedactor(secrets: [("KEY", "a/b\"c"), ("SHORT", "abc")])
        #expect(redactor.redact("x a/b\"c y") == "x [secret KEY] y")
        #expect(redactor.redact(#"{"k": "a/b\"c"}"#) == #"{"k": "[secret KEY]"}"#)
        #expect(redactor.redact("a%2Fb%22c") == "[secret KEY]")
        #expect(redactor.redact(Data("a/b\"c".utf8).base64EncodedString()) == "[secret KEY]")
        // Too short to tell from ordinary text: left alone.
        #expect(redactor.redact("abc") == "abc")
    }
}
