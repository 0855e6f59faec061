import Foundation

/// McNemar's test for a paired change of a proportion: of the discordant pairs, `b` changed one
/// way and `c` the other; under "no change" each is Binomial(b + c, 1/2).
public enum McNemar {
    /// Two-sided p-value: exact binomial up to 10,000 discordant pairs, the continuity-corrected
    /// chi-square beyond (where the two agree to many digits).
    public static func pValue(b: Int, c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        if n <= 10_000 {
            let k = min(b, c)
            var tail = 0.0
            for i in 0...k {
                tail += exp(logChoose(n, i) - Double(n) * log(2.0))
            }
            return min(1, 2 * tail)
        }
        let chi2 = pow(Double(abs(b - c)) - 1, 2) / Double(n)
        return erfc((chi2 / 2).squareRoot())
    }

    /// The 95% interval of the paired difference `(c - b) / pairs` (Wald, for paired proportions).
    public static func differenceInterval(b: Int, c: Int, pairs: Int, z: Double = Wilson.z95) -> (
        delta: Double, low: Double, high: Double
    ) {
        guard pairs > 0 else { return (0, 0, 0) }
        let n = Double(pairs)
        let delta = Double(c - b) / n
        let variance = max(0, Double(b + c) - Double((c - b) * (c - b)) / n) / (n * n)
        let half = z * variance.squareRoot()
        return (delta, max(-1, delta - half), min(1, delta + half))
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
