/// A vocab pattern that cannot be parsed, with the offset (in Unicode scalars, from 0) of the
/// character where the problem is.
public struct ValuePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    public var offset: Int
    /// What is wrong, e.g. `unbalanced "["`.
    public var reason: String

    public init(pattern: String, offset: Int, reason: String) {
        self.pattern = pattern
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) at offset \(offset) of \"\(pattern)\"" }
}
