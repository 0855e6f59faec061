/// Finds the known name nearest to a misspelt one, for "did you mean …?" hints.
enum NameSuggestion {
    /// The candidate with the smallest edit distance to `name`, when it is close enough to be a
    /// plausible misspelling (at most half the longer name's length); ties go to the first in
    /// sorted order so hints are deterministic.
    static func nearest<S: Sequence<String>>(to name: String, in candidates: S) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() where candidate != name {
            let distance = levenshtein(name, candidate)
            let limit = max(1, max(name.count, candidate.count) / 2)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `" (did you mean "x"?)"`, or nothing when no candidate is close.
    static func hint<S: Sequence<String>>(for name: String, in candidates: S) -> String {
        nearest(to: name, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// The number of single-character insertions, deletions and substitutions turning `a` into `b`.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
