/// The Wilson score interval for a binomial proportion.
///
/// Chosen over the normal ("Wald") interval because it stays inside 0…1 and keeps its coverage for
/// rates near 0 or 1 and for small samples, which is where chatbot error and handoff rates live.
public enum Wilson {
    /// The two-sided 95% normal quantile.
    public static let z95 = 1.959964

    /// The interval for `successes` out of `trials` at normal quantile `z` (95% by default).
    ///
    /// Returns `nil` when `trials` is 0 — with no data the rate is not available, and the formula
    /// would divide by zero. `successes` is clamped to `0...trials`. The bounds are clamped to 0…1
    /// and are exactly 0 (or 1) when there are no successes (or no failures).
    public static func interval(successes: Int, trials: Int, z: Double = z95) -> (low: Double, high: Double)? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let k = Double(min(max(successes, 0), trials))
        let p = k / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let halfWidth = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        let low = k == 0 ? 0 : max(0, centre - halfWidth)
        let high = k == n ? 1 : min(1, centre + halfWidth)
        return (low, high)
    }
}
