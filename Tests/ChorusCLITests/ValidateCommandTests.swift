import ChorusTestSupport
import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func theExampleSuitesAndTargetsAreValid() async throws {
        let result = try await ChorusProcess.run([
            "validate", "Scenarios/customer-service", "Scenarios/customer-service-es",
            "--target", "Fixtures/targets/acme-v1.yaml", "--target", "Fixtures/targets/acme-v2.yaml",
            "--target", "Fixtures/targets/acme-es.yaml",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok  Scenarios/customer-service"))
    }

    @Test func aScenarioMistakeIsLocatedAndExitsWith2() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let file = "\(directory)/broken.yaml"
        try """
        version: 1
        suite: broken
        personas:
          careful: {weight: 1}
        goals:
          refund:
            intent: refund
            oppenings: ["I want a refund for {order_number}"]
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await ChorusProcess.run(["validate", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):8:5: error: "))
        #expect(result.stderr.contains("did you mean \"openings\"?"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func runRefusesABadSuiteWithExit2AndNoStackTrace() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let file = "\(directory)/bad.yaml"
        try "version: 3\nsuite: x\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await ChorusProcess.run(["run", file, "--target", CLI.v1, "--out", directory])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):1:10: error: unsupported version 3"))
    }

    @Test func aMissingTargetFileExitsWith2() async throws {
        let result = try await ChorusProcess.run(["run", CLI.suite, "--target", "Fixtures/targets/nope.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Fixtures/targets/nope.yaml"))
    }

    @Test func aUsageMistakeExitsWith2() async throws {
        let result = try await ChorusProcess.run(["run", CLI.suite, "--target", CLI.v1, "--conversations", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--conversations must be at least 1"))
    }

    /// With a reference target, the suite is checked against the bot: an intent it does not
    /// have, a question no `ask` recognises — located, exit 2.
    @Test func aSuiteIsCheckedAgainstTheReferenceBotOfItsTarget() async throws {
        let directory = try Fixtures.temporaryDirectory()
        let file = "\(directory)/shop.yaml"
        try """
        version: 1
        suite: shop
        vocab:
          order_id: {pattern: "[A-Z]{2}-[0-9]{6}"}
        personas:
          careful: {}
        goals:
          refund:
            intent: refund_request
            openings: ["refund {order_id}"]
            slots:
              order_id: {ask: "(?i)reference code"}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let alone = try await ChorusProcess.run(["validate", file])
        #expect(alone.status == 0, "the suite itself is valid: \(alone.stderr)")
        let result = try await ChorusProcess.run(["validate", file, "--target", CLI.v1])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "\(file):9:13: error: goal \"refund\" expects intent \"refund_request\", which bot \"acme\""))
        #expect(
            result.stderr.contains(
                "\(file):12:23: error: \"ask\" of slot \"order_id\" of goal \"refund\" matches none of the questions"))
        #expect(result.stderr.contains("2 errors"))
    }

    @Test func aSuiteIsCheckedAgainstARasaDomain() async throws {
        let directory = try Fixtures.temporaryDirectory()
        try """
        version: "3.1"
        intents: [greet, order_status, refund, refund_duration, inform, affirm, thanks, goodbye, opening_hours,
          book_appointment, human_handoff, small_talk, out_of_scope, nlu_fallback]
        entities: [order_id, product, date, time, day]
        responses:
          utter_ask_order_id: [{text: "What is your order number?"}]
          utter_ask_product: [{text: "Which item is it?"}]
          utter_ask_date: [{text: "What day?"}]
          utter_ask_time: [{text: "What time?"}]
        """.write(toFile: "\(directory)/domain.yml", atomically: true, encoding: .utf8)
        let fits = try await ChorusProcess.run(["validate", CLI.suite, "--domain", "\(directory)/domain.yml"])
        #expect(fits.status == 0, "\(fits.stderr)")
        #expect(fits.stdout.contains("ok  suite \"customer-service\" against the Rasa domain"))

        try "intents: [greet]\n".write(toFile: "\(directory)/small.yml", atomically: true, encoding: .utf8)
        let small = try await ChorusProcess.run(["validate", CLI.suite, "--domain", "\(directory)/small.yml"])
        #expect(small.status == 2)
        #expect(
            small.stderr.contains(
                "Scenarios/customer-service/goals.yaml:7:13: error: goal \"order_status\" expects intent \"order_status\""
            ))
    }

    /// Rates are fractions: `min=90` (meaning 90 %) is refused on the command line and in a suite.
    @Test func aGateBoundOutOfRangeIsAUsageError() async throws {
        let refused = [
            (
                "completion_rate.min=90",
                "completion_rate.min must be between 0 and 1, found 90 (rates are fractions: 0.9 means 90 %)"
            ),
            ("fallback_rate.max_rise=3", "fallback_rate.max_rise must be between 0 and 1, found 3"),
            ("latency_p95_ms.max=-5", "latency_p95_ms.max must be at least 0, found -5"),
        ]
        for (override, message) in refused {
            let result = try await ChorusProcess.run(["run", CLI.suite, "--target", CLI.v1, "--gate", override])
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }

        let directory = try Fixtures.temporaryDirectory()
        let file = "\(directory)/gate.yaml"
        try """
        version: 1
        suite: gated
        personas: {careful: {}}
        goals:
          hello: {steps: [{user: ["hi"]}]}
        gate:
          completion_rate: {min: 90}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let suite = try await ChorusProcess.run(["validate", file])
        #expect(suite.status == 2)
        #expect(suite.stderr.contains("\(file):7:26: error: \"min\" must be between 0 and 1, found 90"))
    }
}
