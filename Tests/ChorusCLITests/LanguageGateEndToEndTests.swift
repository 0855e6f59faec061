import ChorusTestSupport
import Foundation
import Testing

/// A multilingual suite run by the built binary: the summary breaks the rates down by language,
/// and a language's gate bound fails the run (exit 1) while the other language's passes.
@Suite struct LanguageGateEndToEndTests {
    @Test func aLanguageThatTheBotDoesNotUnderstandFailsItsOwnBound() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-languages")
        let result = try await ChorusProcess.run(
            [
                "run", "Fixtures/scenarios/valid/multilingual.yaml", "--target", CLI.v1, "--db",
                "\(directory)/chorus.sqlite",
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

    /// `--gate 'completion_rate{language=fi}.min=0'` lowers the Finnish bound the suite sets, so
    /// the same run passes; the check keeps its name.
    @Test func aLanguageBoundIsOverriddenOnTheCommandLine() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-languages-gate")
        let result = try await ChorusProcess.run(
            [
                "run", "Fixtures/scenarios/valid/multilingual.yaml", "--target", CLI.v1, "--db",
                "\(directory)/chorus.sqlite",
                "--out", "\(directory)/run", "--gate", "completion_rate{language=fi}.min=0",
            ] + CLI.noLatencyBound)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("gate: PASS"), "\(result.stdout)")
        let summary = try CLI.json("\(directory)/run/summary.json")
        let checks = (summary["verdict"] as? [String: Any])?["checks"] as? [[String: Any]] ?? []
        let finnish = checks.first {
            $0["metric"] as? String == "completion_rate{language=fi}" && $0["kind"] as? String == "min"
        }
        #expect(finnish?["threshold"] as? Double == 0, "\(checks)")
        #expect(finnish?["passed"] as? Bool == true)
    }

    /// A language the suite's users do not write, a relative bound, a metric without languages
    /// and a rate out of range are usage errors (exit 2) for run, compare and watch alike.
    @Test func aBadLanguageOverrideIsAUsageError() async throws {
        let directory = try Fixtures.temporaryDirectory("chorus-languages-refused")
        let suite = "Fixtures/scenarios/valid/multilingual.yaml"
        let refused = [
            (
                "completion_rate{language=sv}.min=0.9",
                "unknown language \"sv\" in completion_rate{language=sv}: the suite's users write en, fi"
            ),
            (
                "completion_rate{language=fi}.min=90",
                "completion_rate{language=fi}.min must be between 0 and 1, found 90"
            ),
            (
                "completion_rate{language=fi}.max_drop=0.1",
                "unknown gate bound \"max_drop\" of completion_rate{language=fi} (known: min, max)"
            ),
            ("latency_p95_ms{language=fi}.max=100", "latency_p95_ms has no bounds by language"),
        ]
        for (override, message) in refused {
            let result = try await ChorusProcess.run([
                "run", suite, "--target", CLI.v1, "--db", "\(directory)/chorus.sqlite", "--gate", override,
            ])
            #expect(result.status == 2, "\(override): \(result.stderr)")
            #expect(result.stderr.contains("--gate: \(message)"), "\(result.stderr)")
        }
        let override = refused[0].0
        let compare = try await ChorusProcess.run([
            "compare", suite, "--target", CLI.v1, "--target", CLI.v1, "--db", "\(directory)/chorus.sqlite", "--gate",
            override,
        ])
        #expect(compare.status == 2, "\(compare.stderr)")
        #expect(compare.stderr.contains(refused[0].1), "\(compare.stderr)")
        let watch = try await ChorusProcess.run([
            "watch", suite, "--target", CLI.v1, "--every", "1m", "--db", "\(directory)/chorus.sqlite", "--gate",
            override,
        ])
        #expect(watch.status == 2, "\(watch.stderr)")
        #expect(watch.stderr.contains(refused[0].1), "\(watch.stderr)")
    }
}
