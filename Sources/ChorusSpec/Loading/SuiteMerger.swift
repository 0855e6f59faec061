import Yams

/// Merges the fragments of a folder suite into one node tree, keeping each node's position.
///
/// Which keys merge is read from the suite schema: named maps (`vocab`, `personas`, `goals`,
/// `gate`) are combined entry by entry; every other key is single-valued and may appear in
/// several files only with the same value.
enum SuiteMerger {
    /// A key's first definition, for "already defined at file:line" messages.
    private struct Origin {
        let file: SourceFile
        let key: Node
        var position: String { "\(file.path):\(key.mark?.line ?? 0)" }
    }

    static func merge(_ documents: [YAMLDocument]) -> (root: Node, diagnostics: [Diagnostic]) {
        var pairs: [(key: Node, value: Node)] = []
        // Top-level keys by name, and map entries by "map/entry".
        var origins: [String: Origin] = [:]
        var diagnostics: [Diagnostic] = []

        for document in documents {
            for (key, value) in document.root.mapping ?? [:] {
                guard let name = key.scalar?.string else { continue }
                let entryNoun: String? =
                    if case .map(let entry, _, _) = Suite.schemaObject.property(name)?.schema { entry } else { nil }

                guard let index = pairs.firstIndex(where: { $0.key.scalar?.string == name }) else {
                    origins[name] = Origin(file: document.file, key: key)
                    var entries: [(Node, Node)] = []
                    if let entryNoun {
                        mergeEntries(of: value, into: &entries, map: name, document, &origins, &diagnostics, entryNoun)
                    }
                    pairs.append((key, entryNoun == nil ? value : .stringKeyedMapping(entries, mark: value.mark)))
                    continue
                }
                if let entryNoun {
                    var entries = Array(pairs[index].value.mapping ?? [:]).map { ($0.key, $0.value) }
                    mergeEntries(of: value, into: &entries, map: name, document, &origins, &diagnostics, entryNoun)
                    pairs[index].value = .stringKeyedMapping(entries, mark: pairs[index].value.mark)
                } else if pairs[index].value != value, let first = origins[name] {
                    diagnostics.append(
                        document.file.diagnostic(
                            at: key.mark, "\"\(name)\" is already set at \(first.position); set it in one file only"))
                }
            }
        }
        return (.stringKeyedMapping(pairs.map { ($0.key, $0.value) }), diagnostics)
    }

    /// Appends the entries of map `value` to `entries`; a name seen before is reported at its
    /// second definition and left out, so the first one stays in force.
    private static func mergeEntries(
        of value: Node, into entries: inout [(Node, Node)], map name: String, _ document: YAMLDocument,
        _ origins: inout [String: Origin], _ diagnostics: inout [Diagnostic], _ entryNoun: String
    ) {
        for (entryKey, entryValue) in value.mapping ?? [:] {
            let entryName = entryKey.scalar?.string ?? ""
            if let first = origins["\(name)/\(entryName)"] {
                diagnostics.append(
                    document.file.diagnostic(
                        at: entryKey.mark, "\(entryNoun) \"\(entryName)\" is already defined at \(first.position)"))
                continue
            }
            origins["\(name)/\(entryName)"] = Origin(file: document.file, key: entryKey)
            entries.append((entryKey, entryValue))
        }
    }
}
