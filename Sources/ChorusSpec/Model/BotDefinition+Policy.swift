extension BotDefinition {
    /// How the engine plays a form when the user strays from answering it. The defaults are a
    /// well-behaved bot; the other settings reproduce regressions real bots ship (see
    /// `Fixtures/bots/acme-v3.yaml`).
    public struct Policy: Codable, Sendable, Equatable {
        /// What a form does after answering an off-task question.
        public enum AfterDigression: String, Codable, Sendable, CaseIterable {
            /// Ask the pending question again, keeping every slot already given.
            case resume
            /// Start the form over: forget its slots and ask for the first one.
            case restart
        }

        /// What a form does with a new value for a slot it already holds.
        public enum Corrections: String, Codable, Sendable, CaseIterable {
            /// Replace the value and say so.
            case apply
            /// Keep the old value and go on as if nothing was said.
            case ignore
        }

        /// What a form does with a value that looks like an entity's but is malformed.
        public enum InvalidValues: String, Codable, Sendable, CaseIterable {
            /// Say what is wrong with it and ask for the slot again.
            case reject
            /// Take it as the slot's value.
            case accept
        }

        public var afterDigression: AfterDigression
        public var corrections: Corrections
        public var invalidValues: InvalidValues

        enum CodingKeys: String, CodingKey {
            case afterDigression = "after_digression"
            case corrections
            case invalidValues = "invalid_values"
        }

        public init(
            afterDigression: AfterDigression = .resume, corrections: Corrections = .apply,
            invalidValues: InvalidValues = .reject
        ) {
            self.afterDigression = afterDigression
            self.corrections = corrections
            self.invalidValues = invalidValues
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            afterDigression = try c.decodeIfPresent(AfterDigression.self, forKey: .afterDigression) ?? .resume
            corrections = try c.decodeIfPresent(Corrections.self, forKey: .corrections) ?? .apply
            invalidValues = try c.decodeIfPresent(InvalidValues.self, forKey: .invalidValues) ?? .reject
        }
    }
}
