extension Summary {
    /// The run's rates. Each is `nil` (encoded `null`) when not available: intent accuracy when the
    /// target exposes no intent or no turn has an expected intent, slot accuracy when the target
    /// exposes no entities, every rate when its denominator is 0.
    public struct Metrics: Sendable, Equatable, Codable {
        /// Correct predictions / user turns with both an expected and a predicted intent.
        public var intentAccuracy: RateMetric?
        /// Fallback replies / user turns.
        public var fallbackRate: RateMetric?
        /// Conversations with at least one fallback / conversations.
        public var conversationFallbackRate: RateMetric?
        /// Completed conversations / conversations.
        public var completionRate: RateMetric?
        /// Conversations handed to a human / conversations.
        public var handoffRate: RateMetric?
        /// Conversations the user abandoned / conversations.
        public var abandonmentRate: RateMetric?
        /// Conversations ended by a transport error or timeout / conversations.
        public var errorRate: RateMetric?
        /// Expected slot values extracted exactly / expected slot values, on turns where the target
        /// reported entities.
        public var slotAccuracy: RateMetric?

        enum CodingKeys: String, CodingKey {
            case intentAccuracy = "intent_accuracy"
            case fallbackRate = "fallback_rate"
            case conversationFallbackRate = "conversation_fallback_rate"
            case completionRate = "completion_rate"
            case handoffRate = "handoff_rate"
            case abandonmentRate = "abandonment_rate"
            case errorRate = "error_rate"
            case slotAccuracy = "slot_accuracy"
        }

        public init(
            intentAccuracy: RateMetric?, fallbackRate: RateMetric?, conversationFallbackRate: RateMetric?,
            completionRate: RateMetric?, handoffRate: RateMetric?, abandonmentRate: RateMetric?,
            errorRate: RateMetric?, slotAccuracy: RateMetric?
        ) {
            self.intentAccuracy = intentAccuracy
            self.fallbackRate = fallbackRate
            self.conversationFallbackRate = conversationFallbackRate
            self.completionRate = completionRate
            self.handoffRate = handoffRate
            self.abandonmentRate = abandonmentRate
            self.errorRate = errorRate
            self.slotAccuracy = slotAccuracy
        }

        /// Every metric with its `summary.json` key, in a fixed order, for reporters and gates.
        public var all: [(key: String, metric: RateMetric?)] {
            [
                (CodingKeys.completionRate.rawValue, completionRate),
                (CodingKeys.handoffRate.rawValue, handoffRate),
                (CodingKeys.abandonmentRate.rawValue, abandonmentRate),
                (CodingKeys.errorRate.rawValue, errorRate),
                (CodingKeys.fallbackRate.rawValue, fallbackRate),
                (CodingKeys.conversationFallbackRate.rawValue, conversationFallbackRate),
                (CodingKeys.intentAccuracy.rawValue, intentAccuracy),
                (CodingKeys.slotAccuracy.rawValue, slotAccuracy),
            ]
        }

        /// Encodes every key, writing `null` for metrics that are not available.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(intentAccuracy, forKey: .intentAccuracy)
            try c.encode(fallbackRate, forKey: .fallbackRate)
            try c.encode(conversationFallbackRate, forKey: .conversationFallbackRate)
            try c.encode(completionRate, forKey: .completionRate)
            try c.encode(handoffRate, forKey: .handoffRate)
            try c.encode(abandonmentRate, forKey: .abandonmentRate)
            try c.encode(errorRate, forKey: .errorRate)
            try c.encode(slotAccuracy, forKey: .slotAccuracy)
        }
    }
}
