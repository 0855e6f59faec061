/// The git checkout a run was started in: which commit, on which branch, and whether the
/// working tree had uncommitted changes (so the commit alone does not describe what ran).
public struct GitRevision: Sendable, Equatable, Codable {
    /// The full commit hash.
    public var commit: String
    /// The branch, or `nil` on a detached head.
    public var branch: String?
    /// Whether tracked files differed from the commit.
    public var dirty: Bool

    public init(commit: String, branch: String? = nil, dirty: Bool = false) {
        self.commit = commit
        self.branch = branch
        self.dirty = dirty
    }

    enum CodingKeys: String, CodingKey { case commit, branch, dirty }

    /// Encodes `branch` as `null` on a detached head rather than leaving it out.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(commit, forKey: .commit)
        try c.encode(branch, forKey: .branch)
        try c.encode(dirty, forKey: .dirty)
    }

    /// The commit shortened to 12 characters, as people quote it.
    public var shortCommit: String { String(commit.prefix(12)) }

    /// `a1b2c3d4e5f6 (main, dirty)`.
    public var text: String {
        let details = [branch, dirty ? "dirty" : nil].compactMap { $0 }
        return details.isEmpty ? shortCommit : "\(shortCommit) (\(details.joined(separator: ", ")))"
    }
}
