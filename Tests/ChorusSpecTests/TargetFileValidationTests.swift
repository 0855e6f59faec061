import ChorusSpec
import Foundation
import Testing

/// Target files of every kind are validated like scenarios: every mistake located, with
/// suggestions, before anything connects.
struct TargetFileValidationTests {
    static func load(_ text: String) throws -> LoadedTarget {
        let folder = try Fixtures.temporaryFolder(["target.yaml": text])
        return try TargetLoader.load(path: folder.appendingPathComponent("target.yaml").path)
    }

    static func problems(_ text: String) throws -> [String] {
        do {
            _ = try load(text)
            return []
        } catch let error as SpecError {
            return error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func loadsEveryKind() throws {
        let rasa = try Self.load(
            "kind: rasa\nurl: http://127.0.0.1:5005\nparse: true\ntimeout: 2.5\nretries: 0\nrate_limit: 20\n")
        #expect(
            rasa.config
                == TargetConfig(
                    kind: .rasa, url: "http://127.0.0.1:5005", parse: true, timeout: 2.5, retries: 0, rateLimit: 20))
        let http = try Self.load(
            """
            kind: http
            url: https://bot.example.com/api/{conversation_id}
            method: PUT
            headers: {Authorization: "Bearer ${BOT_TOKEN}"}
            body: '{"text": "{text}"}'
            response:
              texts: $.messages[*].text
              intent: $.nlu.intent.name
              entities: {path: "$.nlu.entities[*]"}
              handoff: $.handoff
            session:
              start: {url: "https://bot.example.com/sessions", body: '{"user": "{conversation_id}"}', session_id: $.id}
              stop: {method: DELETE, url: "https://bot.example.com/sessions/{session_id}"}
            """)
        #expect(http.config.method == .put)
        #expect(http.config.response?.entities == TargetConfig.EntityMapping(path: "$.nlu.entities[*]"))
        #expect(http.config.session?.start?.sessionID == "$.id")
        #expect(http.secrets.map(\.variable) == ["BOT_TOKEN"])
        #expect(http.secrets.first?.unsetDiagnostic.line == 4)
        let openai = try Self.load(
            "kind: openai\nurl: http://localhost:8000/v1\nmodel: m\napi_key: ${KEY}\nsystem_prompt: Be kind.\n")
        #expect(openai.config.apiKey == "${KEY}")
        #expect(openai.secrets.map(\.setting) == ["api_key"])
        let process = try Self.load("kind: process\ncommand: python3\nargs: [bot.py, --quiet]\n")
        #expect(process.config.args == ["bot.py", "--quiet"])
    }

    @Test func theShippedNetworkTargetsLoad() throws {
        for name in ["acme-v1-rasa", "acme-v1-http", "acme-openai", "acme-process"] {
            let target = try TargetLoader.load(
                path: Fixtures.packageRoot.appendingPathComponent("Fixtures/targets/\(name).yaml").path)
            #expect(target.config.name == name)
        }
    }

    @Test func reportsUnknownKeysWrongTypesAndMissingSettings() throws {
        #expect(
            try Self.problems("kind: rasa\nurll: http://x\nparse: maybe\nretries: -1\n") == [
                "2:1: unknown key \"urll\" in target (did you mean \"url\"?)",
                "3:8: \"parse\" must be true or false, found string \"maybe\"",
                "4:10: \"retries\" must be at least 0, found -1",
            ])
        // Once the shape is right, the kind's own requirements are checked.
        #expect(try Self.problems("kind: rasa\nparse: true\n") == ["1:7: a \"rasa\" target needs \"url\""])
        #expect(
            try Self.problems("kind: rasa\nurl: http://x\nretries: -1\ntimeout: 0\n") == [
                "3:10: \"retries\" must be at least 0, found -1",
                "4:10: \"timeout\" must be greater than 0, found 0",
            ])
        #expect(
            try Self.problems("kind: http\nurl: http://x\nresponse:\n  textz: $.t\n") == [
                "4:3: unknown key \"textz\" in response (did you mean \"texts\"?)",
                "4:3: missing required key \"texts\" in response",
            ])
    }

    @Test func reportsSettingsOfAnotherKind() throws {
        #expect(
            try Self.problems("kind: rasa\nurl: http://x\nmodel: gpt\ncommand: bot\n") == [
                "3:1: \"model\" does not apply to a \"rasa\" target (it reads: url, parse, headers, timeout, retries, rate_limit)",
                "4:1: \"command\" does not apply to a \"rasa\" target (it reads: url, parse, headers, timeout, retries, rate_limit)",
            ])
    }

    @Test func reportsBadURLsPathsPlaceholdersAndSecrets() throws {
        #expect(
            try Self.problems(
                """
                kind: http
                url: localhost:5005/chat
                body: '{"q": "{txt}", "k": "${BAD-NAME}"}'
                response:
                  texts: messages[*].text
                  intent: $.nlu[intent
                """) == [
                    "2:6: invalid URL \"localhost:5005/chat\" in \"url\": expected http:// or https:// and a host",
                    "3:15: unknown placeholder {txt} in \"body\" (did you mean \"text\"?) (known: {conversation_id}, {session_id}, {text})",
                    "3:29: invalid reference \"${BAD-NAME}\" in \"body\": \"BAD-NAME\" is not an environment variable name",
                    "5:10: invalid reply path \"messages[*].text\" in \"texts\": a reply path starts with \"$\" (offset 0)",
                    "6:16: invalid reply path \"$.nlu[intent\" in \"intent\": unclosed \"[\" (offset 5)",
                ])
    }

    @Test func anAPIKeyMustBeAReference() throws {
        #expect(
            try Self.problems("kind: openai\nurl: http://x/v1\nmodel: m\napi_key: sk-live-123\n") == [
                "4:10: \"api_key\" must be an ${ENV_VAR} reference (e.g. ${OPENAI_API_KEY}), not the key itself"
            ])
    }

    @Test func secretReferencesAreExpandedFromTheEnvironment() throws {
        #expect(try SecretReference.variables(in: "Bearer ${A} and ${B_2}") == ["A", "B_2"])
        #expect(
            SecretReference.expand("Bearer ${A}/${MISSING}", environment: ["A": "x\"y"], transform: { $0.uppercased() })
                == "Bearer X\"Y/${MISSING}")
        #expect(throws: SecretSyntaxError.self) { try SecretReference.variables(in: "${UNCLOSED") }
    }
}
