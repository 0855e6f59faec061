import ChorusSpec

/// Applies a persona's typing noise to an utterance: keyboard-adjacent typos, case changes,
/// dropped punctuation and fillers, at the persona's rates.
///
/// Slot values are protected: the user types an order number or a date the way the scenario
/// gave it, so a failure to recognise it is the bot's, not the noise's.
public struct NoiseModel: Sendable {
    public let noise: Noise
    public let fillers: [String]
    public let usesSpaces: Bool

    public init(noise: Noise, language: LanguageProfile) {
        self.noise = noise
        fillers = noise.fillers ?? language.fillers
        usesSpaces = language.usesSpaces
    }

    /// A piece of an utterance; protected pieces (slot values) are never altered.
    public struct Piece: Sendable, Equatable {
        public var text: String
        public var isProtected: Bool

        public init(_ text: String, isProtected: Bool) {
            self.text = text
            self.isProtected = isProtected
        }
    }

    /// The utterance made of `pieces` after noise. The draws happen in a fixed order, so the
    /// same generator state always gives the same text.
    public func apply(to pieces: [Piece], using generator: inout SeededGenerator) -> String {
        var pieces = pieces
        if noise.typo > 0 {
            for index in pieces.indices where !pieces[index].isProtected {
                pieces[index].text = Self.typos(in: pieces[index].text, rate: noise.typo, using: &generator)
            }
        }
        if generator.chance(noise.case) {
            let mode = generator.below(3)
            var first = true
            for index in pieces.indices {
                defer { first = false }
                guard !pieces[index].isProtected else { continue }
                switch mode {
                case 0: pieces[index].text = pieces[index].text.lowercased()
                case 1: pieces[index].text = pieces[index].text.uppercased()
                default:
                    if first { pieces[index].text = Self.flipFirstLetter(pieces[index].text) }
                }
            }
        }
        if generator.chance(noise.punctuation) {
            for index in pieces.indices where !pieces[index].isProtected {
                pieces[index].text.unicodeScalars.removeAll { $0.properties.generalCategory.isPunctuation }
            }
        }
        var text = pieces.map(\.text).joined()
        if generator.chance(noise.filler), !fillers.isEmpty {
            let filler = generator.pick(fillers)
            text = usesSpaces ? "\(filler) \(text)" : "\(filler)\(text)"
        }
        return text.trimmingSpaces()
    }

    /// Each run of three or more ASCII letters gets, with probability `rate`, one letter replaced
    /// by a neighbour on a QWERTY keyboard (case kept). Works on UTF-8 bytes: only ASCII letters
    /// change, so every other character passes through untouched.
    static func typos(in text: String, rate: Double, using generator: inout SeededGenerator) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        var index = 0
        while index < bytes.count {
            guard Self.isASCIILetter(bytes[index]) else {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, Self.isASCIILetter(bytes[end]) { end += 1 }
            if end - index >= 3, generator.chance(rate) {
                let position = index + generator.below(end - index)
                let original = bytes[position]
                if let neighbours = KeyboardLayout.qwerty[original | 0x20], !neighbours.isEmpty {
                    let replacement = generator.pick(neighbours)
                    bytes[position] = original < 0x61 ? replacement & ~0x20 : replacement
                    changed = true
                }
            }
            index = end
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func flipFirstLetter(_ text: String) -> String {
        guard let first = text.first(where: \.isLetter), let index = text.firstIndex(of: first) else { return text }
        let flipped = first.isUppercase ? first.lowercased() : first.uppercased()
        return text.replacingCharacters(in: index...index, with: flipped)
    }
}

extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            true
        default: false
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, and with runs of spaces collapsed.
    func trimmingSpaces() -> String {
        // Most utterances are already tidy: check before rebuilding.
        var previousWasSpace = true
        var tidy = true
        for byte in utf8 {
            let isSpace = byte == 0x20
            if isSpace && previousWasSpace { tidy = false; break }
            previousWasSpace = isSpace
        }
        if tidy && !previousWasSpace { return self }
        return split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}

extension String {
    /// `replacingCharacters(in:with:)` without Foundation.
    fileprivate func replacingCharacters(in range: ClosedRange<Index>, with replacement: String) -> String {
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
