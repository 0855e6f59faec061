/// What a user types to name a stored run, and the run it names: the run's full name, any
/// prefix of it that only one run has, `latest` (the most recent run) or `latest~N` (the run N
/// before the most recent, as git's `HEAD~N`).
public enum RunReference {
    /// How a reference resolved.
    public enum Lookup: Sendable, Equatable {
        case found(StoredRun)
        /// No run has that name, prefix or position.
        case notFound
        /// The prefix is shared by these runs (their names, oldest first).
        case ambiguous([String])
        /// `latest~N` with a malformed N.
        case malformed(String)
    }

    /// Resolves `reference` among `runs` (oldest first): a full name wins over a prefix.
    public static func resolve(_ reference: String, in runs: [StoredRun]) -> Lookup {
        if reference == "latest" || reference.hasPrefix("latest~") {
            var back = 0
            if reference != "latest" {
                guard let n = Int(reference.dropFirst("latest~".count)), n >= 0 else {
                    return .malformed("\(reference): after latest~ comes the number of runs back, e.g. latest~1")
                }
                back = n
            }
            guard back < runs.count else { return .notFound }
            return .found(runs[runs.count - 1 - back])
        }
        if let exact = runs.first(where: { $0.name == reference }) { return .found(exact) }
        let matches = reference.isEmpty ? [] : runs.filter { $0.name.hasPrefix(reference) }
        switch matches.count {
        case 0: return .notFound
        case 1: return .found(matches[0])
        default: return .ambiguous(matches.map(\.name))
        }
    }
}
