/// A reply path that cannot be parsed, with the offset (in Unicode scalars, from 0) of the
/// character where the problem is.
public struct ReplyPathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var offset: Int
    /// What is wrong, e.g. `unclosed "["`.
    public var reason: String

    public init(path: String, offset: Int, reason: String) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) at offset \(offset) of \"\(path)\"" }
}
