import Foundation

/// A regular expression from a scenario, bot or target file. Compiled once; matching is
/// thread-safe.
///
/// Patterns of scenario and target files run on RE2 (`Engine.linear`): they are applied to the
/// bot's replies, which are untrusted, so matching must take time linear in the text — `(a+)+$`
/// against sixty `a`s and a `!` returns at once instead of never. The reference bot's own entity
/// patterns (bot files, applied to users' messages) keep ICU's syntax (`Engine.backtracking`,
/// as in `NSRegularExpression`), lookaround included; a `LinearPrefilter` on RE2 rules out most
/// texts before ICU looks at them. Either way, at most `maxTextBytes` of a text are matched.
public struct TextPattern: Sendable, CustomStringConvertible {
    /// Which regular-expression engine runs a pattern.
    public enum Engine: Sendable {
        /// RE2: linear time in the text; no lookaround, no backreferences.
        case linear
        /// ICU (`NSRegularExpression`): the full syntax, for trusted patterns on synthetic text.
        case backtracking
    }

    /// How much of a text (in UTF-8 bytes) any pattern looks at; the rest is not matched. Bot
    /// replies are capped before they are stored too (`ReplyLimits`), so this only bounds work.
    public static let maxTextBytes = 64 * 1024

    public var source: String { storage.source }
    public var engine: Engine { storage.engine }
    /// Everything compiled, behind one reference: a pattern is copied into every goal, step and
    /// recogniser that uses it, and a copy then costs one retain.
    private let storage: Storage

    private final class Storage: Sendable {
        let source: String
        let engine: Engine
        let compiled: Compiled
        /// A pattern that is plain text (optionally after `(?i)`), matched without the regex
        /// engine: the bytes to find and whether ASCII case is ignored. Most recognisers are like
        /// this (`(?i)didn't understand`), and they run on every bot reply.
        let literal: (bytes: [UInt8], caseInsensitive: Bool)?

        init(source: String, engine: Engine, compiled: Compiled) {
            self.source = source
            self.engine = engine
            self.compiled = compiled
            literal = TextPattern.literal(in: source)
        }
    }

    private enum Compiled: Sendable {
        case linear(LinearRegex)
        /// ICU, and the linear prefilter that rules out most texts first (when it has one).
        case backtracking(Box, LinearPrefilter?)
    }

    /// `NSRegularExpression` is immutable after creation and documented as safe to share
    /// between threads; the box only carries it across isolation domains.
    private final class Box: @unchecked Sendable {
        let value: NSRegularExpression
        init(_ value: NSRegularExpression) { self.value = value }
    }

    /// Compiles `source` for `engine`; throws a message naming the problem when it is not a valid
    /// pattern (or uses what RE2 leaves out, for the linear engine).
    public init(_ source: String, engine: Engine = .linear) throws(PatternError) {
        let compiled: Compiled
        switch engine {
        case .linear:
            compiled = .linear(try LinearRegex(source))
        case .backtracking:
            do {
                let regex = try NSRegularExpression(pattern: source, options: [])
                compiled = .backtracking(Box(regex), LinearPrefilter(icuPattern: source))
            } catch {
                throw PatternError(pattern: source)
            }
        }
        storage = Storage(source: source, engine: engine, compiled: compiled)
    }

    private static func literal(in source: String) -> (bytes: [UInt8], caseInsensitive: Bool)? {
        let caseInsensitive = source.hasPrefix("(?i)")
        let body = caseInsensitive ? source.dropFirst(4) : source[...]
        let special: Set<UInt8> = Set("\\^$.|?*+()[]{}".utf8)
        // Case folding beyond ASCII is left to the engine.
        guard !body.isEmpty, !body.utf8.contains(where: special.contains),
            !caseInsensitive || body.utf8.allSatisfy({ $0 < 0x80 })
        else { return nil }
        return (Array(body.utf8).map { caseInsensitive ? lowerASCII($0) : $0 }, caseInsensitive)
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    public var description: String { source }

    /// `text` cut to `maxTextBytes`, at a character boundary.
    public static func capped(_ text: String) -> Substring {
        let utf8 = text.utf8
        guard utf8.count > maxTextBytes else { return text[...] }
        var end = utf8.index(utf8.startIndex, offsetBy: maxTextBytes)
        // Never into a UTF-8 sequence; the subscript then rounds down to a character.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return text[..<end]
    }

    /// `text` cut to `maxTextBytes`, copied only when it is longer.
    private static func cappedString(_ text: String) -> String {
        text.utf8.count > maxTextBytes ? String(capped(text)) : text
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        let text = Self.cappedString(text)
        if let literal = storage.literal {
            return Self.contains(text, literal.bytes, caseInsensitive: literal.caseInsensitive)
        }
        switch storage.compiled {
        case .linear(let regex):
            var text = text
            return text.withUTF8 { regex.matches($0) }
        case .backtracking(let box, let prefilter):
            guard Self.admits(text, prefilter) else { return false }
            return box.value.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    /// Whether ICU must look at `text`: false when the prefilter rules out any match.
    private static func admits(_ text: String, _ prefilter: LinearPrefilter?) -> Bool {
        guard let prefilter else { return true }
        var text = text
        return text.withUTF8 { prefilter.admits($0) }
    }

    private static func contains(_ text: String, _ needle: [UInt8], caseInsensitive: Bool) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            let first = needle[0]
            for start in 0...(haystack.count - needle.count) {
                let byte = caseInsensitive ? lowerASCII(haystack[start]) : haystack[start]
                guard byte == first else { continue }
                var offset = 1
                while offset < needle.count {
                    let other = haystack[start + offset]
                    if (caseInsensitive ? lowerASCII(other) : other) != needle[offset] { break }
                    offset += 1
                }
                if offset == needle.count { return true }
            }
            return false
        }
    }

    /// Every match in `text`, each as its capture groups' texts (nil for a group that took no part).
    public func captureGroups(in text: String) -> [[String?]] {
        let text = Self.cappedString(text)
        return allMatches(in: text, groups: true).map { match in
            match.dropFirst().map { range in range.map { String(text[$0]) } }
        }
    }

    /// Every match in `text`, as the matched substrings' ranges.
    public func matchRanges(in text: String) -> [Range<String.Index>] {
        allMatches(in: text, groups: false).compactMap { $0.first ?? nil }
    }

    /// Every non-overlapping match in the capped `text`: the whole match's range, then each
    /// group's when `groups` (RE2 finds where a match is with its DFAs alone when no group is
    /// asked for).
    private func allMatches(in text: String, groups: Bool) -> [[Range<String.Index>?]] {
        let limit = Self.capped(text).endIndex
        switch storage.compiled {
        case .backtracking(let box, let prefilter):
            guard Self.admits(Self.cappedString(text), prefilter) else { return [] }
            return box.value.matches(in: text, range: NSRange(text.startIndex..<limit, in: text)).map { match in
                (0..<max(1, match.numberOfRanges)).map { Range(match.range(at: $0), in: text) }
            }
        case .linear(let regex):
            let utf8 = text.utf8
            let count = utf8.distance(from: utf8.startIndex, to: limit)
            func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
            var found: [[Range<String.Index>?]] = []
            var copy = text
            copy.withUTF8 { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<count])
                var start = 0
                while start <= count, let match = regex.firstMatch(in: bytes, from: start, groups: groups),
                    let whole = match[0]
                {
                    found.append(match.map { $0.map { index($0.lowerBound)..<index($0.upperBound) } })
                    // After an empty match, step over one whole character (never into a UTF-8 sequence).
                    var next = whole.upperBound
                    if whole.isEmpty {
                        next += 1
                        while next < count, bytes[next] & 0xC0 == 0x80 { next += 1 }
                    }
                    start = next
                }
            }
            return found
        }
    }
}

/// A pattern that does not compile.
public struct PatternError: Error, Sendable, CustomStringConvertible {
    public var pattern: String
    /// What is wrong, when more is known than "does not compile".
    public var reason: String?

    public init(pattern: String, reason: String? = nil) {
        self.pattern = pattern
        self.reason = reason
    }

    public var description: String {
        "invalid regular expression \"\(pattern)\"" + (reason.map { ": \($0)" } ?? "")
    }
}
