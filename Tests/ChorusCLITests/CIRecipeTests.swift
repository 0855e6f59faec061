import ChorusTestSupport
import Foundation
import Testing
import Yams

/// The CI recipes under examples/ci: the GitHub workflow passes actionlint (with shellcheck on its
/// scripts) and its steps that call chorus run here, as a runner would run them, against the
/// reference bot served over HTTP; the GitLab file parses and hangs together.
@Suite struct CIRecipeTests {
    static let workflow = "examples/ci/github-actions.yml"
    static let gitlab = "examples/ci/gitlab-ci.yml"

    static func yaml(_ relative: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: Fixtures.path(relative), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(relative) is not a YAML mapping")
    }

    /// Runs `executable arguments…` in the repository with `environment` added; status and output.
    static func shell(
        _ arguments: [String], environment: [String: String] = [:], in directory: String = Fixtures.root
    ) async throws -> (status: Int32, output: String) {
        let scratch = try Fixtures.temporaryDirectory("ci-step")
        let outputPath = "\(scratch)/output"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        await process.exited()
        return (process.terminationStatus, try String(contentsOfFile: outputPath, encoding: .utf8))
    }

    @Test func theGitHubWorkflowPassesActionlint() async throws {
        let lint = try await Self.shell([Fixtures.path("scripts/actionlint"), Self.workflow])
        try #require(lint.status != 127, "actionlint is not installed: run scripts/setup")
        #expect(lint.status == 0, "actionlint: \(lint.output)")
    }

    @Test func theGitHubWorkflowsChorusStepsRunAgainstTheServedReferenceBot() async throws {
        let workflow = try Self.yaml(Self.workflow)
        let defaults = try #require(workflow["env"] as? [String: Any]).mapValues { "\($0)" }
        let job = try #require((workflow["jobs"] as? [String: Any])?["chorus"] as? [String: Any])
        let steps = try #require(job["steps"] as? [[String: Any]])
        let out = defaults["OUT"] ?? ""
        // A fixed port could be taken on a shared runner: the bot picks one and says which.
        #expect(defaults["BOT_PORT"] == "0")

        // What the other steps publish is what the chorus steps write.
        let uses = steps.filter { $0["uses"] != nil }
        let artifact = try #require(
            uses.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-artifact") == true })
        #expect(((artifact["with"] as? [String: Any])?["path"] as? String)?.contains("\(out)/run/") == true)
        let junit = try #require(
            uses.first { ($0["uses"] as? String)?.hasPrefix("mikepenz/action-junit-report") == true })
        #expect((junit["with"] as? [String: Any])?["report_paths"] as? String == "\(out)/run/junit.xml")

        // The runner's files and this test's stand-ins for the workflow's settings.
        let scratch = try Fixtures.temporaryDirectory("chorus-ci")
        let summary = "\(scratch)/step-summary.md"
        _ = FileManager.default.createFile(atPath: summary, contents: nil)
        var environment = defaults
        environment["CHORUS"] = Fixtures.chorusBinary
        environment["OUT"] = "\(scratch)/out"
        environment["CONVERSATIONS"] = "200"
        // A debug build on a loaded machine: judge what the bot answered, not how fast.
        environment["RUN_OPTIONS"] = CLI.noLatencyBound.joined(separator: " ")
        environment["GITHUB_STEP_SUMMARY"] = summary
        environment["GITHUB_OUTPUT"] = "\(scratch)/github-output"
        defer {
            // Whatever happened, the served bot does not outlive the test.
            if let pid = try? String(contentsOfFile: "\(scratch)/out/bot.pid", encoding: .utf8),
                let id = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                kill(id, SIGTERM)
            }
        }

        var ran: [String] = []
        var failed = false
        for step in steps {
            guard let script = step["run"] as? String, script.contains("$CHORUS") || script.contains("bot.pid") else {
                continue
            }
            let name = step["name"] as? String ?? "?"
            // A step runs after a failure only with `if: always()`, as on a runner.
            if failed, !((step["if"] as? String)?.contains("always()") ?? false) { continue }
            var stepEnvironment = environment
            for (key, value) in step["env"] as? [String: Any] ?? [:] {
                // Expressions (`${{ github… }}`) have no value outside a runner.
                stepEnvironment[key] = "\(value)".contains("${{") ? "" : "\(value)"
            }
            // GitHub's default shell for `run:` on Linux. Started with no descriptor but the
            // standard three: a process a step leaves running (the served bot) must not hold one
            // that Foundation watches for the step's end, or the step would never seem to end.
            let result = try await Self.shell(
                [
                    "python3", "-c", "import os, sys; os.closerange(3, 65536); os.execvp(sys.argv[1], sys.argv[1:])",
                    "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script,
                ],
                environment: stepEnvironment)
            #expect(result.status == 0, "step \"\(name)\" exited \(result.status): \(result.output)")
            if result.status != 0 { failed = true }
            ran.append(name)
        }
        #expect(
            ran == [
                "Check the suite against the bot", "Serve the bot under test", "Run the suite and gate it",
                "Publish report.md to the job summary", "Stop the bot",
            ])
        let published = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(published.hasPrefix("## Chorus · customer-service · bot-under-test"))
        #expect(published.contains("### ✅ Pass"))
        #expect(published.contains("labels `pr=none`"))
        for file in ["report.html", "junit.xml", "summary.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(scratch)/out/run/\(file)"), "\(file) was not written")
        }
        let runs = try CLI.json("\(scratch)/out/runs.json")
        #expect(runs["schema"] as? String == "chorus.runs/1")
        #expect(((runs["runs"] as? [[String: Any]])?.first?["target"] as? [String: Any])?["kind"] as? String == "rasa")
    }

    @Test func theGitLabFileParsesAndPublishesWhatItsJobWrites() throws {
        let pipeline = try Self.yaml(Self.gitlab)
        let stages = try #require(pipeline["stages"] as? [String])
        let variables = try #require(pipeline["variables"] as? [String: Any]).mapValues { "\($0)" }
        let out = try #require(variables["OUT"])
        for name in ["build", "chorus"] {
            let job = try #require(pipeline[name] as? [String: Any], "no job \(name)")
            #expect(stages.contains(job["stage"] as? String ?? ""), "job \(name) is in no declared stage")
            #expect((job["script"] as? [String])?.isEmpty == false)
        }
        let chorus = try #require(pipeline["chorus"] as? [String: Any])
        let script = try #require(chorus["script"] as? [String]).joined(separator: "\n")
        #expect(
            script.contains(
                "\"$CHORUS\" run \"$SUITE\" --target \"$TARGET\" --baseline \"$BASELINE\" --out \"$OUT/run\""))
        let artifacts = try #require(chorus["artifacts"] as? [String: Any])
        #expect(artifacts["when"] as? String == "always")
        #expect((artifacts["reports"] as? [String: Any])?["junit"] as? String == "\(out)/run/junit.xml")
        #expect((artifacts["paths"] as? [String])?.contains("\(out)/run/") == true)
        // The files it names exist in this repository.
        for key in ["SUITE", "TARGET", "BASELINE"] {
            #expect(FileManager.default.fileExists(atPath: Fixtures.path(variables[key] ?? "")), "\(key) names no file")
        }
    }
}
