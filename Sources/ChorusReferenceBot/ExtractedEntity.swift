/// An entity found in a user message: its name (`product`) and canonical value (`headphones`).
public struct ExtractedEntity: Sendable, Equatable, Hashable {
    /// The entity's name, as in the bot definition.
    public var name: String
    /// The canonical value for a listed value (a synonym maps to it), else the matched text.
    public var value: String

    /// An entity with its name and value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
