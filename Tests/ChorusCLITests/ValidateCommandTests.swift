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
}
