/// Per-intent precision, recall, F1 and support, with macro and weighted averages, derived from a
/// confusion matrix `[expected: [predicted: count]]`.
///
/// Conventions (those of scikit-learn's `classification_report` with `zero_division=0` and
/// `labels=` the expected intents):
/// - The intents scored and averaged are the **expected** ones: the labels some user turn meant
///   (the matrix's rows). A label the target predicts but no user meant (`nlu_fallback`,
///   `small_talk`) is not an intent of the suite: its F1 is 0 by construction, so averaging it in
///   would drag the macro F1 down with volume (one rare stray prediction in a large run is one
///   more zero in the mean). Such labels are listed in `unexpectedPredictions` with their counts;
///   their turns still count against the recall of the intents the users meant.
/// - A ratio with a zero denominator is 0: precision of an intent never predicted, and F1 when
///   precision and recall are both 0.
/// - The macro average is the unweighted mean over the expected intents of each score (macro F1 is
///   the mean of the F1s, not the F1 of the mean precision and recall); the weighted average
///   weights each intent by its support. Both carry the total support.
public struct IntentMetrics: Sendable, Equatable {
    /// Scores by expected intent.
    public var perIntent: [String: IntentScores]
    /// Predictions of labels no user meant: label → judged turns predicted so.
    public var unexpectedPredictions: [String: Int]
    /// The unweighted mean over the expected intents.
    public var macro: IntentScores
    /// The support-weighted mean over the expected intents.
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
        let expectedLabels = Set(support.keys)
        unexpectedPredictions = predicted.filter { !expectedLabels.contains($0.key) && $0.value > 0 }
        var perIntent: [String: IntentScores] = [:]
        for label in expectedLabels {
            let tp = truePositives[label, default: 0]
            let precision = Self.ratio(tp, predicted[label, default: 0])
            let recall = Self.ratio(tp, support[label, default: 0])
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perIntent[label] = IntentScores(
                precision: precision, recall: recall, f1: f1, support: support[label, default: 0])
        }
        self.perIntent = perIntent

        // Sum in name order so the floating-point result does not depend on dictionary order.
        let ordered = expectedLabels.sorted().compactMap { perIntent[$0] }
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
