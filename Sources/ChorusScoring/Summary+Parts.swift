extension Summary {
    /// A label the target predicted that no user meant: how many judged turns it took, and their
    /// share of all judged turns.
    public struct UnexpectedPrediction: Sendable, Equatable, Codable {
        public var count: Int
        public var share: Double

        public init(count: Int, share: Double) {
            self.count = count
            self.share = share
        }
    }

    /// One named dialogue failure in a run: the conversations it hit and their rate over all
    /// conversations, the turns it showed on, and how many of the conversations it hit had each
    /// behaviour (`plain` for none).
    public struct DialogueFailureFigures: Sendable, Equatable, Codable {
        public var conversations: Int
        public var occurrences: Int
        /// `conversations` / all conversations; `nil` for a run without conversations.
        public var rate: RateMetric?
        public var behaviours: [String: Int]

        public init(conversations: Int, occurrences: Int, rate: RateMetric?, behaviours: [String: Int]) {
            self.conversations = conversations
            self.occurrences = occurrences
            self.rate = rate
            self.behaviours = behaviours
        }

        /// Encodes every key, writing `null` for a rate that is not available.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(conversations, forKey: .conversations)
            try c.encode(occurrences, forKey: .occurrences)
            try c.encode(rate, forKey: .rate)
            try c.encode(behaviours, forKey: .behaviours)
        }
    }

    /// Macro and support-weighted averages of the per-intent scores over the expected intents
    /// (see `IntentMetrics`).
    public struct IntentAverages: Sendable, Equatable, Codable {
        public var macro: IntentScores
        public var weighted: IntentScores

        public init(macro: IntentScores, weighted: IntentScores) {
            self.macro = macro
            self.weighted = weighted
        }
    }

    /// User turns per completed conversation.
    public struct Turns: Sendable, Equatable, Codable {
        public var mean: Double
        /// The middle value (mean of the two middle values for an even count).
        public var median: Double
        /// The nearest-rank 95th percentile.
        public var p95: Double

        public init(mean: Double, median: Double, p95: Double) {
            self.mean = mean
            self.median = median
            self.p95 = p95
        }

        /// The statistics of a distribution; `nil` when it is empty.
        public init?(_ distribution: TurnDistribution) {
            guard let mean = distribution.mean, let median = distribution.median,
                let p95 = distribution.percentile(95)
            else { return nil }
            self.init(mean: mean, median: median, p95: Double(p95))
        }
    }

    /// Reply latency percentiles in milliseconds, from the mergeable histogram (three significant
    /// digits; `max` is exact).
    public struct Latency: Sendable, Equatable, Codable {
        public var p50: Double
        public var p90: Double
        public var p95: Double
        public var p99: Double
        public var max: Double

        public init(p50: Double, p90: Double, p95: Double, p99: Double, max: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p95 = p95
            self.p99 = p99
            self.max = max
        }

        /// The percentiles of a histogram; `nil` when it is empty.
        public init?(_ histogram: LatencyHistogram) {
            guard let micros = histogram.microseconds(atPercentiles: [50, 90, 95, 99]),
                let maximum = histogram.maxMicroseconds
            else { return nil }
            let ms = micros.map { Double($0) / 1000 }
            self.init(p50: ms[0], p90: ms[1], p95: ms[2], p99: ms[3], max: Double(maximum) / 1000)
        }
    }
}
