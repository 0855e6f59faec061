import CRE2

/// A regular expression compiled by RE2, which matches in time linear in the text (it never
/// backtracks), so a pattern from a scenario cannot hang a run on a hostile bot reply.
///
/// RE2 has no lookaround and no backreferences; a pattern that uses them does not compile, and
/// the validator reports it with its location.
final class LinearRegex: @unchecked Sendable {
    // @unchecked: the RE2 object is immutable once compiled and documented as safe to use from
    // many threads at once; the class only owns its handle.
    private let handle: OpaquePointer
    /// The number of capture groups.
    let groups: Int

    /// Compiles `source`; throws RE2's reason when it cannot.
    init(_ source: String) throws(PatternError) {
        var error = [CChar](repeating: 0, count: 256)
        let compiled = source.utf8CString.withUnsafeBufferPointer { pattern in
            cre2_compile(pattern.baseAddress, pattern.count - 1, &error, error.count)
        }
        guard let compiled else {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PatternError(pattern: source, reason: Self.explain(reason))
        }
        handle = compiled
        groups = Int(cre2_groups(compiled))
    }

    deinit { cre2_free(handle) }

    /// RE2's reason, with what to do about the constructs it leaves out on purpose.
    private static func explain(_ reason: String) -> String {
        guard reason.contains("invalid perl operator") || reason.contains("invalid escape sequence") else {
            return reason
        }
        return "\(reason) (patterns run on RE2, in linear time: no lookaround (?=…) (?<!…) and no backreferences \\1)"
    }

    /// Whether the pattern matches anywhere in `bytes`. Asks for no positions, so RE2 answers
    /// with its DFA alone, several times faster than a match that reports groups.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withMemoryRebound(to: CChar.self) { text in
            cre2_find(handle, text.baseAddress, text.count, 0, nil, -1) == 1
        }
    }

    /// The leftmost match in `bytes` starting at or after `start`: the byte ranges of the whole
    /// match (index 0) and, when `groups`, of each group (nil when a group took no part).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, groups: Bool = true) -> [Range<Int>?]? {
        let count = groups ? self.groups : 0
        var offsets = [Int](repeating: -1, count: 2 * (count + 1))
        let found = bytes.withMemoryRebound(to: CChar.self) { text in
            cre2_find(handle, text.baseAddress, text.count, start, &offsets, Int32(count))
        }
        guard found == 1 else { return nil }
        return (0...count).map { group in
            let (low, high) = (offsets[2 * group], offsets[2 * group + 1])
            return low < 0 ? nil : low..<high
        }
    }
}
