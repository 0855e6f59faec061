import ChorusModel
/// pass@k, pass^k and the flaky share of a run with `--repeat n`, from its `RepeatCounts`.
///
/// For a conversation played n times with c passing plays (completed), for k = 1…n:
/// - **pass@k** = 1 − C(n−c, k) / C(n, k): the chance that at least one of k plays drawn without
///   replacement passes;
/// - **pass^k** = C(c, k) / C(n, k): the chance that all k pass (tau-bench's unbiased estimator).
/// The run's figures are the means over conversations, each with a 95 % percentile bootstrap
/// interval over conversations (`resamples` resamples from a fixed seed, so the same counts give
/// the same interval). **Flaky** conversations passed some plays and failed others; their share
/// carries a Wilson interval. Against a deterministic target every conversation passes all its
/// plays or none, so flaky is 0 and pass^k = pass@k = completion for every k.
public struct RepeatFigures: Sendable, Equatable, Codable {
    /// Plays per conversation (the largest n counted).
    public var plays: Int
    /// Conversations counted.
    public var conversations: Int
    /// pass^k for k = 1…plays (index k − 1).
    public var passHat: [Estimate]
    /// pass@k for k = 1…plays (index k − 1).
    public var passAt: [Estimate]
    /// Flaky conversations / conversations.
    public var flakyRate: RateMetric
    /// pass^k and pass@k by the goal a conversation opened with.
    public var goals: [String: GoalFigures]
    /// The first flaky conversations (lowest indices), each with a passing and a failing repeat.
    public var flaky: [RepeatCounts.FlakyConversation]

    /// A mean over conversations with its 95 % bootstrap interval.
    public struct Estimate: Sendable, Equatable, Codable {
        public var k: Int
        public var value: Double
        public var low: Double
        public var high: Double

        public init(k: Int, value: Double, low: Double, high: Double) {
            self.k = k
            self.value = value
            self.low = low
            self.high = high
        }
    }

    public struct GoalFigures: Sendable, Equatable, Codable {
        public var conversations: Int
        public var flaky: Int
        public var passHat: [Estimate]
        public var passAt: [Estimate]

        enum CodingKeys: String, CodingKey {
            case conversations, flaky
            case passHat = "pass_hat_k"
            case passAt = "pass_at_k"
        }
    }

    enum CodingKeys: String, CodingKey {
        case plays, conversations
        case passHat = "pass_hat_k"
        case passAt = "pass_at_k"
        case flakyRate = "flaky_rate"
        case goals, flaky
    }

    /// Bootstrap resamples per interval.
    public static let resamples = 1000

    /// The figures of `counts`, or nil when nothing was repeated.
    public init?(_ counts: RepeatCounts) {
        let cells = RepeatCounts.cells(counts.conversations)
        guard !cells.isEmpty else { return nil }
        plays = cells.map(\.plays).max() ?? 0
        conversations = cells.reduce(0) { $0 + $1.count }
        passHat = Self.estimates(cells, upTo: plays, Self.passHat)
        passAt = Self.estimates(cells, upTo: plays, Self.passAt)
        let flakyCount = cells.filter { $0.passed > 0 && $0.passed < $0.plays }.reduce(0) { $0 + $1.count }
        flakyRate =
            RateMetric(successes: flakyCount, trials: conversations)
            ?? RateMetric(value: 0, low: 0, high: 0, n: 0, successes: 0)
        goals = counts.goals.mapValues { histogram in
            let cells = RepeatCounts.cells(histogram)
            let plays = cells.map(\.plays).max() ?? 0
            return GoalFigures(
                conversations: cells.reduce(0) { $0 + $1.count },
                flaky: cells.filter { $0.passed > 0 && $0.passed < $0.plays }.reduce(0) { $0 + $1.count },
                passHat: Self.estimates(cells, upTo: plays, Self.passHat),
                passAt: Self.estimates(cells, upTo: plays, Self.passAt))
        }
        flaky = counts.flaky
    }

    /// pass^k of the figures for `k`, or nil when k is out of range.
    public func passHat(_ k: Int) -> Estimate? { passHat.first { $0.k == k } }

    /// C(c, k) / C(n, k) (0 when k > c).
    static func passHat(n: Int, c: Int, k: Int) -> Double {
        k > c ? 0 : ratioOfBinomials(c, n, k)
    }

    /// 1 − C(n − c, k) / C(n, k).
    static func passAt(n: Int, c: Int, k: Int) -> Double {
        n - c < k ? 1 : 1 - ratioOfBinomials(n - c, n, k)
    }

    /// C(a, k) / C(b, k) = ∏_{i<k} (a − i) / (b − i), for a ≤ b, computed as a product (no overflow).
    static func ratioOfBinomials(_ a: Int, _ b: Int, _ k: Int) -> Double {
        var ratio = 1.0
        for i in 0..<k { ratio *= Double(a - i) / Double(b - i) }
        return ratio
    }

    /// The mean of `estimator` over conversations for k = 1…maxK (conversations with fewer than k
    /// plays are left out of that k), each with its bootstrap interval.
    static func estimates(
        _ cells: [(plays: Int, passed: Int, count: Int)], upTo maxK: Int, _ estimator: (Int, Int, Int) -> Double
    ) -> [Estimate] {
        guard maxK >= 1 else { return [] }
        return (1...maxK).compactMap { k in
            let usable = cells.filter { $0.plays >= k }
            let values = usable.map { estimator($0.plays, $0.passed, k) }
            let counts = usable.map(\.count)
            let total = counts.reduce(0, +)
            guard total > 0 else { return nil }
            let mean = zip(values, counts).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(total)
            let (low, high) = bootstrap(values: values, counts: counts, seed: UInt64(k))
            return Estimate(k: k, value: mean, low: min(low, mean), high: max(high, mean))
        }
    }

    /// The 2.5th and 97.5th percentiles of the mean over `resamples` resamples of the
    /// conversations with replacement. Conversations with equal values are one category, so a
    /// resample draws how many fall in each (a multinomial draw, one uniform per conversation).
    static func bootstrap(values: [Double], counts: [Int], seed: UInt64) -> (Double, Double) {
        let total = counts.reduce(0, +)
        var cumulative: [Int] = []
        var running = 0
        for count in counts {
            running += count
            cumulative.append(running)
        }
        var generator = SplitMix64(seed: 0x5eed_0000_0000_0000 ^ seed)
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<total {
                let draw = Int(generator.next() % UInt64(total))
                // The category holding draw: the first cumulative count above it.
                var low = 0
                var high = cumulative.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] > draw { high = middle } else { low = middle + 1 }
                }
                sum += values[low]
            }
            means.append(sum / Double(total))
        }
        means.sort()
        let lowIndex = Int((Double(resamples) * 0.025).rounded(.down))
        let highIndex = min(resamples - 1, Int((Double(resamples) * 0.975).rounded(.down)))
        return (means[lowIndex], means[highIndex])
    }
}
