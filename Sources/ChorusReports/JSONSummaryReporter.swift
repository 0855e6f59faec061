import ChorusModel
import ChorusScoring
import Foundation

/// Writes `summary.json`: the `Summary` as pretty-printed JSON with sorted keys, extended with
/// the diff against the baseline, the gate's verdict, the failure clusters and the paired
/// comparison when the run has them. `run` (the run's name) and `latency_ms` are the only keys
/// that differ between two runs of the same suite, seed and target.
///
/// Numbers are rounded so that output does not carry floating-point noise and two identical runs
/// print identical bytes (apart from `latency_ms`, the one run-dependent key): rates, interval
/// bounds and intent scores to 6 decimals, turn statistics to 6, latency to 3 (whole microseconds).
/// Counts are exact integers.
public struct JSONSummaryReporter: RunReporter {
    public static let identifier = "json"
    public static let fileExtension = "json"
    public static let fileName = "summary.json"

    public init() {}

    public func render(_ report: RunReport) -> String {
        encode(SummaryDocument(report: report, summary: Self.rounded(report.summary)))
    }

    /// The summary alone, as `summary.json` holds it without a run around it.
    public func render(_ summary: Summary) -> String {
        encode(Self.rounded(summary))
    }

    private func encode(_ value: some Encodable) -> String {
        // Encoding these plain value types cannot fail; keep the output parseable regardless.
        JSONOutput.render(value)
            ?? "{\"schema\": \"\(Summary.currentSchema)\", \"error\": \"the summary could not be encoded\"}\n"
    }

    /// The summary with every floating-point value rounded for output.
    static func rounded(_ summary: Summary) -> Summary {
        var s = summary
        s.metrics = s.metrics.mapRates(rounded)
        s.dialogueFailures = s.dialogueFailures.mapValues {
            var figures = $0
            figures.rate = figures.rate.map(rounded)
            return figures
        }
        s.intents = s.intents.mapValues(rounded)
        s.unexpectedPredictions = s.unexpectedPredictions.mapValues {
            Summary.UnexpectedPrediction(count: $0.count, share: round($0.share, 6))
        }
        s.intentAverages = s.intentAverages.map {
            Summary.IntentAverages(macro: rounded($0.macro), weighted: rounded($0.weighted))
        }
        s.confidence = s.confidence.map { figures in
            var f = figures
            f.sweep = f.sweep.map {
                var point = $0
                point.fallbackRate = round(point.fallbackRate, 6)
                point.keptAccuracy = point.keptAccuracy.map { round($0, 6) }
                return point
            }
            return f
        }
        s.turns = s.turns.map {
            Summary.Turns(mean: round($0.mean, 6), median: round($0.median, 6), p95: round($0.p95, 6))
        }
        s.latencyMs = s.latencyMs.map {
            Summary.Latency(
                p50: round($0.p50, 3), p90: round($0.p90, 3), p95: round($0.p95, 3), p99: round($0.p99, 3),
                max: round($0.max, 3))
        }
        s.repeats = s.repeats.map { figures in
            var r = figures
            func estimates(_ list: [RepeatFigures.Estimate]) -> [RepeatFigures.Estimate] {
                list.map { .init(k: $0.k, value: round($0.value, 6), low: round($0.low, 6), high: round($0.high, 6)) }
            }
            r.passHat = estimates(r.passHat)
            r.passAt = estimates(r.passAt)
            r.flakyRate = rounded(r.flakyRate)
            r.goals = r.goals.mapValues {
                var goal = $0
                goal.passHat = estimates(goal.passHat)
                goal.passAt = estimates(goal.passAt)
                return goal
            }
            return r
        }
        return s
    }

    private static func rounded(_ metric: RateMetric) -> RateMetric {
        RateMetric(
            value: round(metric.value, 6), low: round(metric.low, 6), high: round(metric.high, 6), n: metric.n,
            successes: metric.successes)
    }

    private static func rounded(_ scores: IntentScores) -> IntentScores {
        IntentScores(
            precision: round(scores.precision, 6), recall: round(scores.recall, 6), f1: round(scores.f1, 6),
            support: scores.support)
    }

    /// `value` rounded half away from zero to `places` decimals.
    static func round(_ value: Double, _ places: Int) -> Double {
        value.rounded(toPlaces: places)
    }
}
