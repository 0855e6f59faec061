/// A named value: an entity a target extracted from a message, or a slot value a synthetic
/// user put in one.
public struct Entity: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
