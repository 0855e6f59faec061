/// Per-intent precision, recall, F1 and support, with macro and weighted averages, derived from a
/// confusion matrix `[expected: [predicted: count]]`.
///
/// Conventions (those of scikit-learn's `classification_report` with `zero_division=0`):
/// - The intents are the union of expected and predicted labels, so an intent the target predicts
///   but no user meant appears with support 0 and precision 0.
/// - A ratio with a zero denominator is 0: precision of an intent never predicted, recall of an
///   intent never expected, and F1 when precision and recall are both 0.
/// - The macro average is the unweighted mean over all intents of each score (macro F1 is the mean
///   of the F1s, not the F1 of the mean precision and recall); the weighted average weights each
///   intent by its support. Both carry the total support.
public struct IntentMetrics: Sendable, Equatable {
    /// Scores by intent name.
    public var perIntent: [String: IntentScores]
    /// The unweighted mean over intents.
    public var macro: IntentScores
    /// The support-weighted mean over intents.
    public var weighted: IntentScores

    /// Computes the scores from a confusion matrix; an empty matrix gives no intents and zero averages.
    public init(confusion: [String: [String: Int]]) {
        var support: [String: Int] = [:]
        var predicted: [String: Int] = [:]
        var truePositives: [String: Int] = [:]
        for (expected, row) in confusion {
            for (label, count) in row {
                support[expected, default: 0] += count
                predicted[label, default: 0] += count
                if label == expected { truePositives[expected, default: 0] += count }
            }
        }
        let labels = Set(support.keys).union(predicted.keys)
        var perIntent: [String: IntentScores] = [:]
        for label in labels {
            let tp = truePositives[label, default: 0]
            let precision = Self.ratio(tp, predicted[label, default: 0])
            let recall = Self.ratio(tp, support[label, default: 0])
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perIntent[label] = IntentScores(
                precision: precision, recall: recall, f1: f1, support: support[label, default: 0])
        }
        self.perIntent = perIntent

        // Sum in name order so the floating-point result does not depend on dictionary order.
        let ordered = labels.sorted().compactMap { perIntent[$0] }
        let totalSupport = ordered.reduce(0) { $0 + $1.support }
        func mean(_ score: (IntentScores) -> Double) -> Double {
            ordered.isEmpty ? 0 : ordered.reduce(0) { $0 + score($1) } / Double(ordered.count)
        }
        func weightedMean(_ score: (IntentScores) -> Double) -> Double {
            totalSupport == 0 ? 0 : ordered.reduce(0) { $0 + score($1) * Double($1.support) } / Double(totalSupport)
        }
        macro = IntentScores(
            precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), support: totalSupport)
        weighted = IntentScores(
            precision: weightedMean(\.precision), recall: weightedMean(\.recall), f1: weightedMean(\.f1),
            support: totalSupport)
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
