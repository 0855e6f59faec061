extension BotDefinition {
    /// How a user answers a form's confirmation question: the intent meaning yes, the intent
    /// meaning no, and what the bot says to a "no" that carries no new value.
    public struct Confirmation: Codable, Sendable, Equatable {
        /// The intent that means yes ("yes please", "that's right"): the form acts.
        public var affirm: String
        /// The intent that means no ("no, that's wrong"): values in the message replace the
        /// form's and the bot asks again; without one it asks what to change.
        public var deny: String
        /// The reply to a "no" without a new value ("What should I change?"); the form stays.
        public var askChange: [String]

        enum CodingKeys: String, CodingKey {
            case affirm, deny
            case askChange = "ask_change"
        }

        public init(affirm: String, deny: String, askChange: [String]) {
            self.affirm = affirm
            self.deny = deny
            self.askChange = askChange
        }
    }
}
