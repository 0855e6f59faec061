/// Finds the known name nearest to a misspelt one, for "did you mean …?" hints.
public enum NameSuggestion {
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
    public static func hint<S: Sequence<String>>(for name: String, in candidates: S) -> String {
        nearest(to: name, in: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// The number of single-character insertions, deletions, substitutions and swaps of
    /// neighbours turning `a` into `b` (optimal string alignment distance): swapped letters are
    /// the commonest typo, so they count as one edit.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [Array(0...b.count)]
        for i in 1...a.count {
            var row = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], rows[i - 2][j - 2] + 1)
                }
            }
            rows.append(row)
        }
        return rows[a.count][b.count]
    }
}
