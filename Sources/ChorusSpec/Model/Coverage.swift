/// How a goal chooses its utterances.
public enum Coverage: String, Codable, Sendable, CaseIterable {
    /// Drawn per conversation from the seed (with replacement); the run's volume is
    /// `conversations`.
    case sample
    /// Every variant exactly once, in written order, one conversation each: a labelled test set
    /// evaluated exactly.
    case each
}
