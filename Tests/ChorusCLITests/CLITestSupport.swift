import ChorusTestSupport
import Foundation
import Testing

/// Shared steps of the end-to-end tests: run the built binary, read its outputs.
enum CLI {
    static let suite = "Scenarios/customer-service"
    static let v1 = "Fixtures/targets/acme-v1.yaml"
    static let v2 = "Fixtures/targets/acme-v2.yaml"

    /// Runs `chorus run` into a fresh folder and returns the folder.
    @discardableResult
    static func run(
        _ extra: [String], suite: String = suite, target: String = v1, conversations: Int = 300,
        expectStatus: Int32? = 0
    ) async throws -> (directory: String, result: ChorusProcess.Result) {
        let directory = try Fixtures.temporaryDirectory("chorus-run")
        let result = try await ChorusProcess.run(
            ["run", suite, "--target", target, "--conversations", "\(conversations)", "--out", directory,
             "--transcripts", "\(directory)/transcripts.jsonl", "--db", "\(directory)/chorus.sqlite"] + extra)
        // nil: any verdict (0 pass, 1 gate failed), but no error.
        #expect(expectStatus.map { result.status == $0 } ?? (result.status <= 1), "chorus run exited \(result.status): \(result.stderr)")
        return (directory, result)
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
