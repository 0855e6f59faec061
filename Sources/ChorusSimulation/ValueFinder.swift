import ChorusSpec

/// Finds the values of one vocab that a bot reply states, e.g. every order number in
/// "Shall I refund order AB-123456?". Matches are whole words where the language separates words
/// by spaces, ignoring case.
struct ValueFinder: Sendable {
    private let pattern: TextPattern
    /// Whether a value must stand alone: no letter or digit right before or after it.
    private let wholeWords: Bool

    init?(_ vocab: Vocab, language: LanguageProfile) {
        guard let any = vocab.anyValueRegex, let pattern = try? TextPattern("(?i)" + any) else { return nil }
        self.pattern = pattern
        // Checked around each match rather than with lookaround, which the linear-time engine
        // that runs on bot text does not have.
        wholeWords = language.usesSpaces
    }

    /// Every value stated in `texts`, in order.
    func values(in texts: [String]) -> [String] {
        texts.flatMap { text in
            pattern.matchRanges(in: text).filter { !wholeWords || Self.standsAlone($0, in: text) }.map {
                String(text[$0])
            }
        }
    }

    private static func standsAlone(_ range: Range<String.Index>, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        let before = range.lowerBound > scalars.startIndex ? scalars[scalars.index(before: range.lowerBound)] : nil
        let after = range.upperBound < scalars.endIndex ? scalars[range.upperBound] : nil
        return !isWordScalar(before) && !isWordScalar(after)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
