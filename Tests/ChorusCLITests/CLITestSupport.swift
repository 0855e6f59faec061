import ChorusTestSupport
import Foundation
import Testing

/// Shared steps of the end-to-end tests: run the built binary, read its outputs.
enum CLI {
    static let suite = "Scenarios/customer-service"
    static let v1 = "Fixtures/targets/acme-v1.yaml"
    static let v2 = "Fixtures/targets/acme-v2.yaml"

    /// The tests judge what the bot answered, not how fast a loaded machine ran it: every run
    /// whose verdict they check lifts the example suite's latency bound (500 ms), which a debug
    /// build beside other CPU-heavy work can miss.
    static let noLatencyBound = ["--gate", "latency_p95_ms.max=1000000"]

    /// Runs `chorus run` into a fresh folder and returns the folder.
    @discardableResult
    static func run(
        _ extra: [String], suite: String = suite, target: String = v1, conversations: Int = 300,
        expectStatus: Int32? = 0
    ) async throws -> (directory: String, result: ChorusProcess.Result) {
        let directory = try Fixtures.temporaryDirectory("chorus-run")
        let result = try await ChorusProcess.run(
            [
                "run", suite, "--target", target, "--conversations", "\(conversations)", "--out", directory,
                "--transcripts", "\(directory)/transcripts.jsonl", "--db", "\(directory)/chorus.sqlite",
            ] + noLatencyBound + extra)
        // nil: any verdict (0 pass, 1 gate failed), but no error.
        #expect(
            expectStatus.map { result.status == $0 } ?? (result.status <= 1),
            "chorus run exited \(result.status): \(result.stderr)")
        return (directory, result)
    }

    /// Runs `chorus arguments…` on a pseudo-terminal, as an interactive shell would (`script`
    /// gives it one), `columns` wide when given; returns its exit status and everything it drew.
    static func onTerminal(
        _ arguments: [String], columns: Int? = nil, in directory: String,
        environment: [String: String] = ["NO_COLOR": "1"]
    ) async throws -> (status: Int32, screen: String) {
        let size = columns.map { "stty cols \($0) rows 20; " } ?? ""
        let command = size + ([Fixtures.chorusBinary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let terminal = Process()
        terminal.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        terminal.arguments = ["-qefc", command, "\(directory)/typescript"]
        terminal.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        var inherited = ProcessInfo.processInfo.environment
        inherited["NO_COLOR"] = nil
        terminal.environment = inherited.merging(environment.merging(["TERM": "xterm"]) { old, _ in old }) { $1 }
        terminal.standardOutput = FileHandle.nullDevice
        terminal.standardInput = FileHandle.nullDevice
        try terminal.run()
        await terminal.exited()
        return (terminal.terminationStatus, try String(contentsOfFile: "\(directory)/typescript", encoding: .utf8))
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The summary without the parts that vary between identical runs.
    static func deterministicSummary(_ directory: String) throws -> NSDictionary {
        var summary = try json("\(directory)/summary.json")
        summary.removeValue(forKey: "latency_ms")
        summary.removeValue(forKey: "run")
        // The gate's latency rule carries the measured latency in its detail.
        if var verdict = summary["verdict"] as? [String: Any], let checks = verdict["checks"] as? [[String: Any]] {
            verdict["checks"] = checks.filter { $0["metric"] as? String != "latency_p95_ms" }
            summary["verdict"] = verdict
        }
        return summary as NSDictionary
    }

    static func transcriptLines(_ directory: String) throws -> [String] {
        try String(contentsOfFile: "\(directory)/transcripts.jsonl", encoding: .utf8)
            .split(separator: "\n").map { withoutLatency(String($0)) }
    }

    /// A transcript line with its latencies blanked.
    static func withoutLatency(_ line: String) -> String {
        line.replacingOccurrences(of: #""latency_ms":[-0-9.e]+"#, with: #""latency_ms":_"#, options: .regularExpression)
    }
}

/// Target files for bots that misbehave in known ways, written into a test's folder.
enum BrokenTargets {
    /// A `process` target whose program answers the first message (the greeting Chorus sends to
    /// check a target before a run) and then answers every message with an error: reachable, yet
    /// every conversation ends in a target error. The program always answers at once, so its long
    /// timeout only gives a heavily loaded machine time to start Python.
    static func failingAfterGreeting(in folder: String) throws -> String {
        try """
        import json, sys
        first = True
        for line in sys.stdin:
            request = json.loads(line)
            reply = {"id": request["id"], "conversation_id": request["conversation_id"]}
            if first:
                reply["texts"] = ["Hello!"]
                first = False
            else:
                reply["error"] = "the bot is down"
            print(json.dumps(reply), flush=True)
        """.write(toFile: "\(folder)/failing-bot.py", atomically: true, encoding: .utf8)
        let target = "\(folder)/failing.yaml"
        try "kind: process\nname: failing\ncommand: python3\nargs: [failing-bot.py]\ntimeout: 600\n"
            .write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// A `process` target whose program answers its first `failing` messages with an error
    /// and every later one with a greeting (`failing` = -1: never answers but with errors).
    static func failingFirst(_ failing: Int, in folder: String) throws -> String {
        try """
        import json, sys
        left = \(failing)
        for line in sys.stdin:
            request = json.loads(line)
            reply = {"id": request["id"], "conversation_id": request["conversation_id"]}
            if left != 0:
                reply["error"] = "not ready yet"
                left -= 1
            else:
                reply["texts"] = ["Hello!"]
            print(json.dumps(reply), flush=True)
        """.write(toFile: "\(folder)/late-bot.py", atomically: true, encoding: .utf8)
        let target = "\(folder)/late.yaml"
        try "kind: process\nname: late\ncommand: python3\nargs: [late-bot.py]\ntimeout: 600\n"
            .write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    /// A `rasa` target on `port` (one that refuses connections, in the tests).
    static func rasa(port: Int, in folder: String) throws -> String {
        let target = "\(folder)/unreachable.yaml"
        try "kind: rasa\nname: unreachable\nurl: http://127.0.0.1:\(port)\nretries: 0\n"
            .write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}
