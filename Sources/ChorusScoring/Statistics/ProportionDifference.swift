import Foundation

/// The difference of two independent proportions, `p2 - p1`: its 95% interval (Newcombe's
/// hybrid score method, built from the two Wilson intervals) and a two-sided p-value (the
/// pooled two-proportion z-test).
///
/// Counts may be fractional so that F1, which is `tp / (tp + (fp + fn) / 2)`, can be treated as a
/// proportion over its effective number of trials.
public struct ProportionDifference: Sendable, Equatable {
    public var delta: Double
    public var low: Double
    public var high: Double
    public var pValue: Double

    /// `nil` when either proportion has no trials.
    public init?(successes1: Double, trials1: Double, successes2: Double, trials2: Double, z: Double = Wilson.z95) {
        guard trials1 > 0, trials2 > 0,
            let (l1, u1) = Wilson.interval(successes: successes1, trials: trials1, z: z),
            let (l2, u2) = Wilson.interval(successes: successes2, trials: trials2, z: z)
        else { return nil }
        let p1 = successes1 / trials1
        let p2 = successes2 / trials2
        delta = p2 - p1
        low = delta - ((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1)).squareRoot()
        high = delta + ((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1)).squareRoot()
        let pooled = (successes1 + successes2) / (trials1 + trials2)
        let standardError = (pooled * (1 - pooled) * (1 / trials1 + 1 / trials2)).squareRoot()
        pValue = standardError > 0 ? Normal.twoSidedP(z: delta / standardError) : (delta == 0 ? 1 : 0)
    }

    /// `nil` when either proportion has no trials.
    public init?(successes1: Int, trials1: Int, successes2: Int, trials2: Int) {
        self.init(
            successes1: Double(successes1), trials1: Double(trials1), successes2: Double(successes2),
            trials2: Double(trials2))
    }

    /// The 95% interval excludes zero.
    public var excludesZero: Bool { low > 0 || high < 0 }
}

extension Wilson {
    /// The Wilson interval for a possibly fractional count of successes (see `ProportionDifference`).
    public static func interval(successes: Double, trials: Double, z: Double = z95) -> (low: Double, high: Double)? {
        guard trials > 0 else { return nil }
        let k = min(max(successes, 0), trials)
        let p = k / trials
        let z2 = z * z
        let denominator = 1 + z2 / trials
        let centre = (p + z2 / (2 * trials)) / denominator
        let halfWidth = z * (p * (1 - p) / trials + z2 / (4 * trials * trials)).squareRoot() / denominator
        return (k == 0 ? 0 : max(0, centre - halfWidth), k == trials ? 1 : min(1, centre + halfWidth))
    }
}

/// The standard normal distribution.
public enum Normal {
    /// Two-sided p-value of a z statistic.
    public static func twoSidedP(z: Double) -> Double {
        erfc(abs(z) / 2.0.squareRoot())
    }
}
