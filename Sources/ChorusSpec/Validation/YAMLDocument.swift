import Yams

/// One composed YAML file: its source text and its node tree, whose nodes carry their positions.
struct YAMLDocument {
    let file: SourceFile
    let root: Node

    /// Composes `file`; malformed YAML becomes a diagnostic at the position libyaml reports.
    static func compose(_ file: SourceFile) throws(SpecError) -> YAMLDocument {
        let root: Node?
        do {
            root = try Yams.compose(yaml: file.text)
        } catch let error as YamlError {
            throw SpecError([diagnostic(for: error, in: file)])
        } catch {
            throw SpecError([file.diagnostic(at: nil, "cannot parse YAML: \(error)")])
        }
        guard let root else {
            // Positioned at the start, so editors and CI annotations can jump to it.
            throw SpecError([
                Diagnostic(file: file.path, line: 1, column: 1, message: "file is empty (or holds only comments)")
            ])
        }
        try checkExpandedSize(root, in: file)
        return YAMLDocument(file: file, root: root.withStringKeys())
    }

    private static func diagnostic(for error: YamlError, in file: SourceFile) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml's context names the construct that was open ("while parsing a block mapping").
            let suffix = context.map { " (\($0.text) that starts at line \($0.mark.line))" } ?? ""
            return file.diagnostic(at: mark, "malformed YAML: \(problem)\(suffix)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return file.diagnostic(at: context.mark, "duplicate key \(keys) in one mapping")
        case .reader(let problem, _, _, _):
            return file.diagnostic(at: nil, "malformed YAML: \(problem)")
        default:
            return file.diagnostic(at: nil, "malformed YAML: \(error)")
        }
    }

    /// Where a path leads in this document: the deepest node reached, its mapping key when the
    /// last step reached was a key, and how many components were resolved.
    func resolve(_ path: SpecPath) -> (node: Node, key: Node?, depth: Int) {
        var node = root
        var key: Node?
        var depth = 0
        for component in path.components {
            switch component {
            case .key(let name):
                guard let pair = node.mapping?.first(where: { $0.key.scalar?.string == name }) else {
                    return (node, key, depth)
                }
                (key, node) = (pair.key, pair.value)
            case .index(let index):
                guard let items = node.sequence, items.indices.contains(index) else { return (node, key, depth) }
                node = items[index]
                key = nil
            }
            depth += 1
        }
        return (node, key, depth)
    }
}
