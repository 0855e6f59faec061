/// The position of a value inside a YAML document, such as `goals.refund.openings[2]`
/// (indices are 0-based, as in `Codable` coding paths).
public struct SpecPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step down the tree: a mapping key or a list index.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    public init(arrayLiteral elements: Component...) {
        self.components = elements
    }

    /// The path one key further down.
    public func appending(_ key: String) -> SpecPath { SpecPath(components + [.key(key)]) }

    /// The path one list index further down.
    public func appending(index: Int) -> SpecPath { SpecPath(components + [.index(index)]) }

    /// The path of a `Codable` coding path, where keys with an integer value are list indices.
    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let index = key.intValue { .index(index) } else { .key(key.stringValue) }
        }
    }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

extension SpecPath.Component: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// A literal key, so paths read as `["goals", "refund", "openings", 2]`.
    public init(stringLiteral value: String) { self = .key(value) }

    /// A literal list index.
    public init(integerLiteral value: Int) { self = .index(value) }
}
