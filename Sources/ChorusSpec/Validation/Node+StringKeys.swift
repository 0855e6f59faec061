import Yams

extension Node {
    /// Tags that resolve every plain scalar to a string: a mapping key is a name, whatever it
    /// looks like (`yes`, `no`, `on`, `null`, `1`).
    ///
    /// Yams finds a key by building a node from the key's text and comparing resolved tags, so
    /// under YAML 1.1 resolution a goal named `yes` (plain: a boolean) never equals the decoder's
    /// lookup, and a quoted `"yes"` (a string) never equals it either. With this resolver on the
    /// keys and on the mapping (whose tag the lookup copies) both sides are strings.
    ///
    /// A new tag per node: Yams resolves a tag by changing its name in place.
    static func stringKeyTag() -> Tag { Tag(.implicit, .basic, .default) }

    /// This tree with every scalar mapping key read as a string. Values keep their resolution
    /// (numbers stay numbers, `null` stays nothing); `<<` merge keys keep theirs too.
    func withStringKeys() -> Node {
        switch self {
        case .scalar, .alias:
            return self
        case .sequence(let sequence):
            var copy = sequence
            for index in copy.indices { copy[index] = copy[index].withStringKeys() }
            return .sequence(copy)
        case .mapping(let mapping):
            let pairs = mapping.map { ($0.key.asStringKey(), $0.value.withStringKeys()) }
            return .mapping(Node.Mapping(pairs, Node.stringKeyTag(), mapping.style, mapping.mark, mapping.anchor))
        }
    }

    /// A mapping of `pairs` (already string keys) whose lookups by name treat keys as strings.
    static func stringKeyedMapping(_ pairs: [(Node, Node)], mark: Mark? = nil) -> Node {
        .mapping(Node.Mapping(pairs, stringKeyTag(), .any, mark))
    }

    private func asStringKey() -> Node {
        guard case .scalar(let scalar) = self, scalar.string != "<<", scalar.style == .plain || scalar.style == .any
        else {
            // Quoted and block scalars already have the string tag; `<<` is YAML's merge key.
            return self
        }
        return .scalar(Node.Scalar(scalar.string, Node.stringKeyTag(), scalar.style, scalar.mark, scalar.anchor))
    }
}
