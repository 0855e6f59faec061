import Foundation

/// What an import produces: the suite file, the data files beside it, and what the sources
/// said that the suite cannot (never dropped silently).
public struct ImportResult: Sendable {
    /// `suite.yaml`'s text.
    public var suite: String
    /// Data files to write, by path relative to the suite.
    public var files: [(path: String, contents: Data)]
    /// One line per thing not carried over, naming where it came from.
    public var lost: [String]
    /// One line per source, saying what it became.
    public var imported: [String]
}
