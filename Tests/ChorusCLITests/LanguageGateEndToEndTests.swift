import ChorusTestSupport
import Foundation
import Testing

/// A multilingual suite run by the built binary: the summary breaks the rates down by language,
/// and a language's gate bound fails the run (exit 1) while the other language's passes.
@Suite struct LanguageGateEndToEndTests {
    @Test func aLanguageThatTheBotDoesNotUnderstandFailsItsOwnBound() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-languages")
        let result = try await ChorusProcess.run([
            "run", "Fixtures/scenarios/valid/multilingual.yaml", "--target", CLI.v1, "--db", "\(directory)/chorus.sqlite",
            "--out", "\(directory)/run",
        ] + CLI.noLatencyBound)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("By language"))
        #expect(result.stdout.contains("✗ completion_rate{language=fi}.min"), "\(result.stdout)")
        #expect(!result.stdout.contains("✗ completion_rate{language=en}"))
        let summary = try CLI.json("\(directory)/run/summary.json")
        let languages = try #require(summary["languages"] as? [String: [String: Any]])
        #expect(Set(languages.keys) == ["en", "fi"])
        let english = try #require(languages["en"]?["completion_rate"] as? [String: Any])
        let finnish = try #require(languages["fi"]?["completion_rate"] as? [String: Any])
        #expect((english["value"] as? Double ?? 0) >= 0.9)
        #expect((finnish["value"] as? Double ?? 1) < 0.9)
        let markdown = try String(contentsOfFile: "\(directory)/run/report.md", encoding: .utf8)
        #expect(markdown.contains("### By language"))
    }
}
