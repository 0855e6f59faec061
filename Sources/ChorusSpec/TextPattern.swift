import Foundation

/// A regular expression from a scenario, bot or target file (ICU syntax, as in
/// `NSRegularExpression`). Compiled once; matching is thread-safe.
public struct TextPattern: Sendable, CustomStringConvertible {
    public let source: String
    private let regex: Box
    /// A pattern that is plain text (optionally after `(?i)`), matched without the regex engine:
    /// the bytes to find and whether ASCII case is ignored. Most recognisers are like this
    /// (`(?i)didn't understand`), and they run on every bot reply.
    private let literal: (bytes: [UInt8], caseInsensitive: Bool)?

    /// `NSRegularExpression` is immutable after creation and documented as safe to share
    /// between threads; the box only carries it across isolation domains.
    private final class Box: @unchecked Sendable {
        let value: NSRegularExpression
        init(_ value: NSRegularExpression) { self.value = value }
    }

    /// Compiles `source`; throws a message naming the problem when it is not a valid pattern.
    public init(_ source: String) throws(PatternError) {
        self.source = source
        do {
            regex = Box(try NSRegularExpression(pattern: source, options: []))
        } catch {
            throw PatternError(pattern: source)
        }
        literal = Self.literal(in: source)
    }

    private static func literal(in source: String) -> (bytes: [UInt8], caseInsensitive: Bool)? {
        let caseInsensitive = source.hasPrefix("(?i)")
        let body = caseInsensitive ? source.dropFirst(4) : source[...]
        let special: Set<UInt8> = Set("\\^$.|?*+()[]{}".utf8)
        // Case folding beyond ASCII is left to ICU.
        guard !body.isEmpty, !body.utf8.contains(where: special.contains),
            !caseInsensitive || body.utf8.allSatisfy({ $0 < 0x80 })
        else { return nil }
        return (Array(body.utf8).map { caseInsensitive ? lowerASCII($0) : $0 }, caseInsensitive)
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    public var description: String { source }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        if let literal { return Self.contains(text, literal.bytes, caseInsensitive: literal.caseInsensitive) }
        return regex.value.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
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
        regex.value.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<max(1, match.numberOfRanges)).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) }
            }
        }
    }

    /// Every match in `text`, as the matched substrings' ranges.
    public func matchRanges(in text: String) -> [Range<String.Index>] {
        regex.value.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text)
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
