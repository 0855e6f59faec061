extension BotDefinition {
    /// A table of facts the bot answers requests from, e.g. opening hours per day: the value of
    /// the `key` entity (from the message, else from the form's slots) picks a row, and a
    /// reply's `{table}` placeholder quotes it. A reply whose table has no row for the value
    /// (or no value) is passed over for a variant that needs no row.
    public struct Table: Codable, Sendable, Equatable {
        /// The entity whose value picks the row.
        public var key: String
        /// The text for each value of the key entity.
        public var rows: [String: String]

        public init(key: String, rows: [String: String]) {
            self.key = key
            self.rows = rows
        }
    }
}
