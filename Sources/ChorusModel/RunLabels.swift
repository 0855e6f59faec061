/// What a run was made from, for people reading runs later: the user's `--label key=value`
/// pairs and, when the run was started inside a git checkout, the commit it tested.
public struct RunLabels: Sendable, Equatable, Codable {
    /// `--label key=value` pairs, e.g. `bot=v2.3`, `model=small`.
    public var labels: [String: String]
    /// The git checkout the run was started in, when it was started in one.
    public var git: GitRevision?

    public init(labels: [String: String] = [:], git: GitRevision? = nil) {
        self.labels = labels
        self.git = git
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { labels.isEmpty && git == nil }

    /// Parses `key=value` (the key non-empty, without `=` or spaces; the value may be empty).
    public static func parse(_ text: String) -> (key: String, value: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = String(text[..<equals])
        guard !key.isEmpty, !key.contains(where: \.isWhitespace) else { return nil }
        return (key, String(text[text.index(after: equals)...]))
    }

    /// Whether the run carries every `key=value` of `filters`. Besides the user's labels, the keys
    /// `commit` (a prefix of the commit), `branch` and `dirty` (`true`/`false`) read the git revision.
    public func matches(_ filters: [(key: String, value: String)]) -> Bool {
        filters.allSatisfy { filter in
            if let value = labels[filter.key] { return value == filter.value }
            switch filter.key {
            case "commit": return !filter.value.isEmpty && git?.commit.hasPrefix(filter.value) == true
            case "branch": return git?.branch == filter.value
            case "dirty": return git.map { "\($0.dirty)" } == filter.value
            default: return false
            }
        }
    }

    /// `key=value` pairs sorted by key, then the git revision: `bot=v2 · a1b2c3d4e5f6 (main, dirty)`.
    public var text: String {
        var parts = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if let git { parts.append(git.text) }
        return parts.joined(separator: " · ")
    }
}
