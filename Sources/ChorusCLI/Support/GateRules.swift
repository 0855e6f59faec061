import ChorusReports
import ChorusSpec
import Foundation

/// The gate a run is judged by: the suite's `gate:` section with `--gate` overrides applied.
enum GateRules {
    static func resolve(suite: Suite, overrides: [String]) throws -> [String: GateRule] {
        var evaluator = GateEvaluator(rules: suite.gate ?? [:])
        do {
            try evaluator.override(overrides, languages: languages(of: suite))
        } catch {
            throw CommandFailure.badInput("--gate: \(error.description)")
        }
        return evaluator.rules
    }

    /// The languages a suite's users write: the suite's, and any persona's own.
    static func languages(of suite: Suite) -> Set<String> {
        Set([suite.language] + suite.personas.values.compactMap(\.language))
    }

    static func json(_ rules: [String: GateRule]) -> String? {
        guard !rules.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(rules)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Loading a baseline for a run, with clear messages.
enum BaselineFile {
    static func load(_ path: String, suite: LoadedSuite) throws -> Baseline {
        let baseline: Baseline
        do {
            baseline = try Baseline.load(path: path)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        guard baseline.suite == suite.suite.suite else {
            throw CommandFailure.badInput(
                "\(path) is the baseline of suite \"\(baseline.suite)\", not \"\(suite.suite.suite)\"")
        }
        if baseline.suiteHash != suite.contentHash {
            Console.error(
                "note: the suite's files changed since the baseline was accepted; the diff compares different scenarios"
            )
        }
        return baseline
    }
}

/// The end of a judged run: prints the verdict and turns it into the exit code.
enum Verdict {
    static func conclude(_ report: RunReport, quiet: Bool) throws {
        if let diff = report.diff, !diff.regressions.isEmpty {
            Console.out(Console.style.red("Regressions against the baseline (95% interval of the change):"))
            for delta in diff.regressions {
                Console.out(
                    "  \(Console.style.red(delta.name))  \(Figures.value(of: delta.name, delta.baseline)) → "
                        + "\(Figures.value(of: delta.name, delta.current))  "
                        + "(\(Figures.change(of: delta.name, delta.delta, low: delta.low, high: delta.high)))")
            }
        }
        guard let verdict = report.verdict else { return }
        if verdict.passed {
            Console.out("gate: \(Console.style.verdict(true)) (\(verdict.passLine))")
            return
        }
        Console.out("gate: \(Console.style.verdict(false))")
        for check in verdict.failures { Console.out("  \(Console.style.mark(false)) \(check.name): \(check.detail)") }
        if let diff = report.diff {
            let failures = diff.dialogueFailureRegressions(report.summary)
            if !failures.isEmpty {
                Console.out("Dialogue failures that regressed:")
                for line in failures { Console.out("  \(line)") }
            }
            let drops = diff.behaviourDrops
            if !drops.isEmpty {
                Console.out("Behaviours whose completion fell:")
                for line in drops { Console.out("  \(line)") }
            }
        }
        let names = verdict.failures.map(\.name).joined(separator: ", ")
        // Only the error rate failed: the network or the target's availability, not the bot's
        // behaviour, so exit 3, not 1.
        if verdict.failures.allSatisfy({ $0.metric == GateMetric.errorRate.rawValue }) {
            throw CommandFailure(
                kind: .target, message: "the error rate failed the gate (\(names)); the bot's behaviour did not")
        }
        throw CommandFailure(kind: .gateFailed, message: "the gate failed: \(names)")
    }
}
