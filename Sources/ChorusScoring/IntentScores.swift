/// Precision, recall, F1 and support of one intent, or an average of them.
public struct IntentScores: Sendable, Equatable, Codable {
    /// Of the turns the target labelled with this intent, the share the user meant.
    public var precision: Double
    /// Of the turns the user meant this intent, the share the target labelled so.
    public var recall: Double
    /// The harmonic mean of precision and recall.
    public var f1: Double
    /// Turns whose expected intent is this one (for an average: of all intents).
    public var support: Int

    public init(precision: Double, recall: Double, f1: Double, support: Int) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}
