import Yams

extension YAMLDocument {
    /// The most a document may hold once its aliases are expanded, in bytes of scalar text plus
    /// one per node: far above any real suite, far below what would make validation slow. Every
    /// later step (structure, patterns, decoding) walks the expanded tree, so bounding it keeps
    /// them linear in a size the user can see.
    static let maxExpandedBytes = 8 * 1024 * 1024

    /// Throws a located error when `root`, with every alias counted as the node it repeats, is
    /// larger than `limit`. Stops as soon as the limit is passed, so a document of nested aliases
    /// ("a billion laughs") costs no more than `limit` to check.
    static func checkExpandedSize(_ root: Node, in file: SourceFile, limit: Int = maxExpandedBytes) throws(SpecError) {
        var size = 0
        // Each node with the position of the collection that holds it (where an alias is written).
        var pending: [(node: Node, holder: Mark?)] = [(root, nil)]
        while let (node, holder) = pending.popLast() {
            switch node {
            case .scalar(let scalar):
                size += scalar.string.utf8.count + 1
            case .mapping(let mapping):
                size += 1
                for (key, value) in mapping {
                    pending.append((key, mapping.mark))
                    pending.append((value, mapping.mark))
                }
            case .sequence(let sequence):
                size += 1
                for item in sequence { pending.append((item, sequence.mark)) }
            case .alias:
                size += 1
            }
            if size > limit {
                let repeated = node.mark.map { " (it repeats the node at line \($0.line))" } ?? ""
                throw SpecError([
                    file.diagnostic(
                        at: holder ?? node.mark,
                        "the document is larger than \(limit / 1024 / 1024) MiB once its aliases are expanded\(repeated); "
                            + "the file is \(file.bytes.count) bytes: write the values out, or reuse less")
                ])
            }
        }
    }
}
