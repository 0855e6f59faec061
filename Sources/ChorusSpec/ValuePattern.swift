/// A pattern that generates vocab values, such as `[A-Z]{2}-[0-9]{6}`: a sequence of atoms, each a
/// literal character, an escaped character (`\-`, `\d`), or a character class (`[A-Z0-9]`,
/// `[aeiou]`), optionally followed by `{n}`, `{n,m}` or `?`.
public struct ValuePattern: Sendable, Equatable {
    /// One position of the pattern: the characters it may produce and how many times it repeats.
    public struct Atom: Sendable, Equatable {
        /// The characters to choose from, as inclusive scalar ranges (a literal is one range of one).
        public var ranges: [ClosedRange<UInt32>]
        public var min: Int
        public var max: Int

        public init(ranges: [ClosedRange<UInt32>], min: Int = 1, max: Int = 1) {
            self.ranges = ranges
            self.min = min
            self.max = max
        }
    }

    public let source: String
    public let atoms: [Atom]

    public init(source: String, atoms: [Atom]) {
        self.source = source
        self.atoms = atoms
    }
}
