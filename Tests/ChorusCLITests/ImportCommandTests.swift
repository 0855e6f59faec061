import ChorusTestSupport
import Foundation
import Testing

/// `chorus import` turns the committed Rasa project, Botium files and labelled CSV into suites
/// that validate and run, and lists what it could not carry over.
@Suite struct ImportCommandTests {
    static func importing(_ sources: [String], _ extra: [String] = []) async throws -> (folder: String, stdout: String)
    {
        let folder = try Fixtures.temporaryDirectory("chorus-import") + "/suite"
        let result = try await ChorusProcess.run(["import"] + sources + ["--out", folder] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return (folder, result.stdout)
    }

    static func validatesAndRuns(_ folder: String) async throws {
        let validate = try await ChorusProcess.run(["validate", folder])
        #expect(
            validate.status == 0,
            "\(validate.stderr)\n\((try? String(contentsOfFile: "\(folder)/suite.yaml", encoding: .utf8)) ?? "")")
        let run = try await ChorusProcess.run([
            "run", folder, "--target", CLI.v1, "--conversations", "20", "--db", "\(folder)/../c.sqlite", "--out",
            "\(folder)/../out",
            "--quiet", "--format", "json",
        ])
        #expect(run.status <= 1, "\(run.stderr)")
    }

    @Test func aRasaProjectBecomesDataAndScriptedGoals() async throws {
        let (folder, stdout) = try await Self.importing(["Fixtures/import/rasa"])
        let suite = try String(contentsOfFile: "\(folder)/suite.yaml", encoding: .utf8)
        #expect(suite.contains("file: data/nlu.yml"))
        #expect(suite.contains("greet then ask for hours"))
        #expect(suite.contains("track an order"))
        #expect(suite.contains("order_id: AB-123456"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/data/nlu.yml"))
        // What a suite cannot say is reported.
        for lost in [
            "synonym \"parcel\"", "regex \"order_id\"", "role \"package\"", "story \"intent only\" skipped",
            "not checked: 2 × action", "not checked: 1 × utter", "not checked: 1 × slot_was_set without a value",
            "domain",
        ] {
            #expect(stdout.contains(lost), "missing \(lost) in:\n\(stdout)")
        }
        try await Self.validatesAndRuns(folder)
    }

    @Test func botiumConvosSayEveryUtteranceOfAList() async throws {
        let (folder, stdout) = try await Self.importing(["Fixtures/import/botium"])
        let suite = try String(contentsOfFile: "\(folder)/suite.yaml", encoding: .utf8)
        #expect(suite.contains("greeting and hours"))
        #expect(suite.contains("each: true"))
        #expect(suite.contains("good morning"))
        #expect(stdout.contains("asserter BUTTONS not checked"))
        try await Self.validatesAndRuns(folder)
        // The enumerated step: one conversation per utterance of GREETING.
        let summary = try CLI.json("\(folder)/../out/summary.json")
        #expect(summary["conversations"] as? Int == 3)
    }

    @Test func aLabelledCSVWithItsColumns() async throws {
        let (folder, _) = try await Self.importing(
            ["Fixtures/import/labelled.csv"], ["--text", "utterance", "--intent", "label"])
        try await Self.validatesAndRuns(folder)
        let summary = try CLI.json("\(folder)/../out/summary.json")
        #expect(summary["conversations"] as? Int == 24)
    }

    @Test func importingIntoAnExistingSuiteIsRefused() async throws {
        let (folder, _) = try await Self.importing(["Fixtures/import/botium"])
        let again = try await ChorusProcess.run(["import", "Fixtures/import/botium", "--out", folder])
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))
    }
}
