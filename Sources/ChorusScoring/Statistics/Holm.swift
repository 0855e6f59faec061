/// Holm's step-down correction for testing many hypotheses at once (here: every intent's
/// precision, recall and F1), controlling the family-wise error rate without Bonferroni's loss
/// of power.
public enum Holm {
    /// Adjusted p-values, in the order of `pValues`: the i-th smallest p becomes
    /// `max over j ≤ i of min(1, (m - j + 1) · p(j))`.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
