/// A target file: which chatbot Chorus talks to. `kind: reference` runs the embedded reference
/// bot named by `bot` (a path relative to the target file).
public struct TargetConfig: Codable, Sendable, Equatable {
    public var kind: TargetKind
    /// A human-readable name for reports; defaults to the file's name.
    public var name: String?
    /// `reference`: path of the bot definition, relative to the target file.
    public var bot: String?

    public init(kind: TargetKind, name: String? = nil, bot: String? = nil) {
        self.kind = kind
        self.name = name
        self.bot = bot
    }
}

/// The kinds of target Chorus can talk to.
public enum TargetKind: String, Codable, Sendable, CaseIterable {
    case reference
}
