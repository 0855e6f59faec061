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
        url: http://${TEST_BOT_USER}:${TEST_BOT_PASSWORD}@127.0.0.1:PORT/api/{conversation_id}/turn
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
            let environment = ["TEST_BOT_TOKEN": token, "TEST_BOT_USER": "bot", "TEST_BOT_PASSWORD": "pw"]
            let target = try TargetFactory.make(path: path, options: TargetOptions(environment: environment, clock: TestClock()))
            let replies = try await TargetTests.play(target, ["Say \"hi\"\n¿qué tal? 你好"], id: "run/7")
            await target.shutdown()
            #expect(replies.map(\.texts) == [["ok"]])
            #expect(target.info.detail == "POST http://127.0.0.1:\(port)/api/{conversation_id}/turn")
            #expect(!"\(target.info)".contains(token) && !"\(target.info)".contains("pw"))
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
            try TargetFactory.make(
                path: path, options: TargetOptions(environment: ["TEST_BOT_USER": "bot", "TEST_BOT_PASSWORD": "pw"]))
        }
        #expect(
            error?.diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == [
                "4:25: environment variable \"TEST_BOT_TOKEN\" is not set (\"headers.Authorization\" uses it)",
                "5:35: environment variable \"TEST_BOT_TOKEN\" is not set (\"body\" uses it)",
            ])
    }
}
