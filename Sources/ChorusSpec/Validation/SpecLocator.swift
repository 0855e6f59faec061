import Yams

/// Turns a path in a (possibly merged) model back into a position in the YAML files it came from,
/// so checks on decoded values can still point at the offending line.
struct SpecLocator {
    /// Which position of a map entry a diagnostic points at.
    enum Anchor {
        /// The value (the default).
        case value
        /// The key naming the entry, e.g. the `refund:` of a goal.
        case key
    }

    let documents: [YAMLDocument]

    /// The document and node where `path` leads: the document that resolves most of it
    /// (the first such document in file order).
    func resolve(_ path: SpecPath) -> (document: YAMLDocument, node: Node, key: Node?)? {
        var best: (document: YAMLDocument, node: Node, key: Node?, depth: Int)?
        for document in documents {
            let found = document.resolve(path)
            if best == nil || found.depth > best!.depth { best = (document, found.node, found.key, found.depth) }
        }
        return best.map { ($0.document, $0.node, $0.key) }
    }

    /// A diagnostic at `path`; with `needle`, at that text inside the scalar (e.g. a placeholder),
    /// moved right by `offset` scalars.
    func diagnostic(
        _ path: SpecPath, _ message: String, at anchor: Anchor = .value, pointingAt needle: String? = nil,
        offset: Int = 0
    ) -> Diagnostic {
        guard let (document, node, key) = resolve(path) else {
            return Diagnostic(file: "", line: 0, column: 0, message: message)
        }
        let mark = anchor == .key ? (key?.mark ?? node.mark) : node.mark
        if let needle { return document.file.diagnostic(at: mark, pointingAt: needle, offset: offset, message) }
        return document.file.diagnostic(at: mark, message)
    }
}
