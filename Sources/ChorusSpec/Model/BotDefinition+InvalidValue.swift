extension BotDefinition {
    /// What a malformed value of an entity looks like (an order number with a digit missing)
    /// and what the bot says about it. A match of `pattern` that is not also a valid value is
    /// rejected and the slot asked for again, or taken as the value when the policy accepts
    /// invalid values.
    public struct InvalidValue: Codable, Sendable, Equatable {
        /// A regular expression matching what users mean as a value of the entity, valid or not.
        public var pattern: String
        /// What the bot says about the malformed value; the entity's `{name}` placeholder is the
        /// text the user wrote. The slot's question follows.
        public var replies: [String]

        public init(pattern: String, replies: [String]) {
            self.pattern = pattern
            self.replies = replies
        }
    }
}
