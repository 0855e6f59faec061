extension Summary {
    /// The run's rates. Each is `nil` (encoded `null`) when not available: intent accuracy when the
    /// target exposes no intent or no turn has an expected intent, slot accuracy when the target
    /// exposes no entities, slot precision, recall and F1 when the bot confirmed nothing, every rate
    /// when its denominator is 0.
    public struct Metrics: Sendable, Equatable, Codable {
        /// Correct predictions / user turns with both an expected and a predicted intent.
        public var intentAccuracy: RateMetric?
        /// Fallback replies / user turns.
        public var fallbackRate: RateMetric?
        /// Conversations with at least one fallback / conversations.
        public var conversationFallbackRate: RateMetric?
        /// Completed conversations / conversations.
        public var completionRate: RateMetric?
        /// Completed goals / goal attempts (every goal of every conversation).
        public var goalCompletionRate: RateMetric?
        /// Conversations handed to a human who did not ask for one / conversations.
        public var handoffRate: RateMetric?
        /// Conversations where the user asked for a human (and was handed off) / conversations.
        public var escalationRate: RateMetric?
        /// Conversations the user abandoned / conversations.
        public var abandonmentRate: RateMetric?
        /// Conversations ended by a transport error or timeout / conversations.
        public var errorRate: RateMetric?
        /// Expected slot values extracted exactly / expected slot values, on turns where the target
        /// reported entities.
        public var slotAccuracy: RateMetric?
        /// Conversations with at least one dialogue failure / conversations.
        public var dialogueFailureRate: RateMetric?
        /// Of the slot values the bot stated when it confirmed or acted, those equal to the user's:
        /// tp / (tp + fp), over goals it confirmed or acted on.
        public var slotPrecision: RateMetric?
        /// Of the user's values in goals the bot confirmed or acted on, those it stated correctly:
        /// tp / (tp + fn).
        public var slotRecall: RateMetric?
        /// F1 of the two, as the proportion tp / (tp + (fp + fn) / 2) (see
        /// `RateMetric.init(f1TruePositives:falsePositives:falseNegatives:)`).
        public var slotF1: RateMetric?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case intentAccuracy = "intent_accuracy"
            case fallbackRate = "fallback_rate"
            case conversationFallbackRate = "conversation_fallback_rate"
            case completionRate = "completion_rate"
            case goalCompletionRate = "goal_completion_rate"
            case handoffRate = "handoff_rate"
            case escalationRate = "escalation_rate"
            case abandonmentRate = "abandonment_rate"
            case errorRate = "error_rate"
            case slotAccuracy = "slot_accuracy"
            case dialogueFailureRate = "dialogue_failure_rate"
            case slotPrecision = "slot_precision"
            case slotRecall = "slot_recall"
            case slotF1 = "slot_f1"
        }

        /// Every rate with its `summary.json` key, in report order: outcomes first, then turns,
        /// intents and slots, then the dialogue. (Computed: key paths are not `Sendable`.)
        public static var fields: [(key: String, path: WritableKeyPath<Metrics, RateMetric?>)] {
            [
                (CodingKeys.completionRate.rawValue, \.completionRate),
                (CodingKeys.goalCompletionRate.rawValue, \.goalCompletionRate),
                (CodingKeys.handoffRate.rawValue, \.handoffRate),
                (CodingKeys.escalationRate.rawValue, \.escalationRate),
                (CodingKeys.abandonmentRate.rawValue, \.abandonmentRate),
                (CodingKeys.errorRate.rawValue, \.errorRate),
                (CodingKeys.fallbackRate.rawValue, \.fallbackRate),
                (CodingKeys.conversationFallbackRate.rawValue, \.conversationFallbackRate),
                (CodingKeys.intentAccuracy.rawValue, \.intentAccuracy),
                (CodingKeys.slotAccuracy.rawValue, \.slotAccuracy),
                (CodingKeys.dialogueFailureRate.rawValue, \.dialogueFailureRate),
                (CodingKeys.slotPrecision.rawValue, \.slotPrecision),
                (CodingKeys.slotRecall.rawValue, \.slotRecall),
                (CodingKeys.slotF1.rawValue, \.slotF1),
            ]
        }

        /// No rate at all.
        public init() {}

        /// Every metric with its `summary.json` key, in a fixed order, for reporters and gates.
        public var all: [(key: String, metric: RateMetric?)] {
            Self.fields.map { ($0.key, self[keyPath: $0.path]) }
        }

        /// The rate with the given `summary.json` key.
        public subscript(key: String) -> RateMetric? {
            Self.fields.first { $0.key == key }.flatMap { self[keyPath: $0.path] }
        }

        /// Every rate with `transform` applied (rounding for output).
        public func mapRates(_ transform: (RateMetric) -> RateMetric) -> Metrics {
            var copy = self
            for field in Self.fields {
                copy[keyPath: field.path] = self[keyPath: field.path].map(transform)
            }
            return copy
        }

        /// Encodes every key, writing `null` for metrics that are not available.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            for key in CodingKeys.allCases {
                try c.encode(self[key.rawValue], forKey: key)
            }
        }
    }
}
