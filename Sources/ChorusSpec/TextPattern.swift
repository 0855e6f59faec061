import Foundation

/// A regular expression from a scenario, bot or target file (ICU syntax, as in
/// `NSRegularExpression`). Compiled once; matching is thread-safe.
public struct TextPattern: Sendable, CustomStringConvertible {
    public let source: String
    private let regex: Box

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
    }

    public var description: String { source }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Bool {
        regex.value.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
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
    public var description: String { "invalid regular expression \"\(pattern)\"" }
}
