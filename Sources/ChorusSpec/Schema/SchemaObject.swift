import ChorusModel

/// The fixed keys of a mapping in a `SchemaNode`, each with its shape and meaning.
public struct SchemaObject: Sendable {
    /// What the mapping is, for messages and the JSON Schema title: "suite", "noise".
    public var noun: String
    /// One sentence on what the mapping describes.
    public var description: String
    /// The keys, in the order they are documented.
    public var properties: [SchemaProperty]

    public init(noun: String, description: String, properties: [SchemaProperty]) {
        self.noun = noun
        self.description = description
        self.properties = properties
    }

    /// The property named `name`, if any.
    public func property(_ name: String) -> SchemaProperty? {
        properties.first { $0.name == name }
    }

    /// This object with the named properties no longer required, e.g. a suite fragment in a
    /// folder, where `suite:` may live in another file.
    public func makingOptional(_ names: Set<String>) -> SchemaObject {
        var copy = self
        copy.properties = properties.map { property in
            var property = property
            if names.contains(property.name) { property.required = false }
            return property
        }
        return copy
    }
}

/// One key of a `SchemaObject`.
public struct SchemaProperty: Sendable {
    /// The key exactly as written in YAML (the model's `CodingKey` raw value).
    public var name: String
    /// The shape of the value.
    public var schema: SchemaNode
    /// Whether the key must be present.
    public var required: Bool
    /// What the key means, shown by editors.
    public var description: String

    public init(_ name: String, _ schema: SchemaNode, required: Bool = false, _ description: String) {
        self.name = name
        self.schema = schema
        self.required = required
        self.description = description
    }
}
