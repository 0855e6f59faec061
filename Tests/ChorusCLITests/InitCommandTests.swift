import ChorusTestSupport
import Foundation
import Testing

/// `chorus init` then `chorus run`: two commands from a bot to a first gated run.
@Suite struct InitCommandTests {
    @Test(arguments: ["Fixtures/bots/acme-v1.yaml", "Fixtures/bots/acme-es.yaml"])
    func aReferenceBotGetsARunnableSuite(bot: String) async throws {
        let folder = try Fixtures.temporaryDirectory("chorus-init") + "/suite"
        let initialised = try await ChorusProcess.run(["init", bot, "--out", folder])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("training examples"))
        let run = try await ChorusProcess.run([
            "run", "\(folder)/suite.yaml", "--target", "\(folder)/target.yaml", "--conversations", "200", "--db",
            "\(folder)/../c.sqlite",
            "--out", "\(folder)/../out", "--quiet", "--format", "json", "--gate", "latency_p95_ms.max=1000000",
        ])
        // 0 or 1: the gate judged a complete run (its own training examples should mostly pass).
        #expect(run.status <= 1, "\(run.stderr)")
        let summary = try CLI.json("\(folder)/../out/summary.json")
        #expect(summary["conversations"] as? Int == 200)
        let metrics = try #require(summary["metrics"] as? [String: Any])
        let accuracy = try #require(metrics["intent_accuracy"] as? [String: Any])
        #expect((accuracy["value"] as? Double ?? 0) > 0.5)
    }

    @Test func aRasaProjectGetsASuiteAndARasaTarget() async throws {
        let folder = try Fixtures.temporaryDirectory("chorus-init-rasa") + "/suite"
        let initialised = try await ChorusProcess.run(["init", "Fixtures/import/rasa", "--out", folder])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let validate = try await ChorusProcess.run([
            "validate", "\(folder)/suite.yaml", "--target", "\(folder)/target.yaml",
        ])
        #expect(validate.status == 0, "\(validate.stderr)")
        let target = try String(contentsOfFile: "\(folder)/target.yaml", encoding: .utf8)
        #expect(target.contains("kind: rasa"))
        let again = try await ChorusProcess.run(["init", "Fixtures/import/rasa", "--out", folder])
        #expect(again.status == 2)
    }
}
