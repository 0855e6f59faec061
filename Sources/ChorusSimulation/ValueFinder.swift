import ChorusSpec

/// Finds the values of one vocab that a bot reply states, e.g. every order number in
/// "Shall I refund order AB-123456?". Matches are whole words where the language separates words
/// by spaces, ignoring case.
struct ValueFinder: Sendable {
    private let pattern: TextPattern

    init?(_ vocab: Vocab, language: LanguageProfile) {
        guard let any = vocab.anyValueRegex else { return nil }
        let source =
            language.usesSpaces ? "(?i)(?<![\\p{L}\\p{N}])" + any + "(?![\\p{L}\\p{N}])" : "(?i)" + any
        guard let pattern = try? TextPattern(source) else { return nil }
        self.pattern = pattern
    }

    /// Every value stated in `texts`, in order.
    func values(in texts: [String]) -> [String] {
        texts.flatMap { text in pattern.matchRanges(in: text).map { String(text[$0]) } }
    }
}
