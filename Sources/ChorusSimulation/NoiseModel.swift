import ChorusSpec
import Foundation

/// Applies a persona's typing noise to an utterance, at the persona's rates: chat abbreviations,
/// typos by neighbours on the persona's keyboard, pinyin homophones, dropped accents, case
/// changes, dropped punctuation, full/half-width punctuation swaps, stretched vowels, a missing
/// space and fillers.
///
/// Slot values are protected: the user types an order number or a date the way the scenario
/// gave it, so a failure to recognise it is the bot's, not the noise's.
public struct NoiseModel: Sendable {
    public let noise: Noise
    public let fillers: [String]
    public let usesSpaces: Bool
    let layout: KeyboardLayout
    /// The language's chat abbreviations, longest phrase first.
    let abbreviations: [(phrase: String, abbreviation: String)]

    public init(noise: Noise, language: LanguageProfile) {
        self.noise = noise
        fillers = noise.fillers ?? language.fillers
        usesSpaces = language.usesSpaces
        layout = KeyboardLayout.named(noise.layout ?? KeyboardLayoutName(language: language.tag))
        abbreviations = noise.abbreviations > 0 ? NoiseData.shared.abbreviations[language.primary] ?? [] : []
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

    /// The utterance made of `pieces` after noise. The draws happen in a fixed order, and a kind
    /// of noise whose rate is 0 draws nothing, so the same generator state always gives the same
    /// text.
    ///
    /// Noise tidies only the spaces it disturbed (a dropped dash leaves two): text it left alone
    /// reaches the bot byte for byte, double spaces and all, as a labelled test set wrote it.
    public func apply(to pieces: [Piece], using generator: inout SeededGenerator) -> String {
        let written = pieces
        var pieces = pieces
        func eachFree(_ body: (inout String) -> Void) {
            for index in pieces.indices where !pieces[index].isProtected { body(&pieces[index].text) }
        }
        if noise.abbreviations > 0, !abbreviations.isEmpty {
            eachFree { $0 = abbreviate($0, using: &generator) }
        }
        if noise.typo > 0 {
            eachFree { $0 = Self.typos(in: $0, rate: noise.typo, layout: layout, using: &generator) }
        }
        if noise.homophones > 0 {
            eachFree { $0 = Self.homophones(in: $0, rate: noise.homophones, using: &generator) }
        }
        if generator.chance(noise.accents) {
            eachFree { $0 = Self.withoutAccents($0) }
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
            eachFree { $0.unicodeScalars.removeAll { $0.properties.generalCategory.isPunctuation } }
        }
        if generator.chance(noise.width) {
            eachFree { $0 = Self.swappingWidth($0) }
        }
        if generator.chance(noise.repeats) {
            Self.stretchVowel(in: &pieces, using: &generator)
        }
        if generator.chance(noise.spaces) {
            Self.dropSpace(in: &pieces, using: &generator)
        }
        var changed = false
        for index in pieces.indices where pieces[index].text != written[index].text {
            pieces[index].text = pieces[index].text.collapsingSpaceRuns()
            changed = true
        }
        var text = pieces.map(\.text).joined()
        if generator.chance(noise.filler), !fillers.isEmpty {
            let filler = generator.pick(fillers)
            text = usesSpaces ? "\(filler) \(text.trimmingEdgeSpaces())" : "\(filler)\(text)"
            changed = true
        }
        return changed ? text.trimmingEdgeSpaces() : text
    }

    /// Each run of three or more letters gets, with probability `rate`, one letter replaced by a
    /// neighbour on the keyboard (case kept). ASCII text is handled on UTF-8 bytes; other text
    /// (é, ä, ñ) scalar by scalar.
    static func typos(in text: String, rate: Double, layout: KeyboardLayout, using generator: inout SeededGenerator)
        -> String
    {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return asciiTypos(in: text, rate: rate, layout: layout, using: &generator)
        }
        var scalars = Array(text.unicodeScalars)
        var changed = false
        var index = 0
        while index < scalars.count {
            guard scalars[index].properties.isAlphabetic else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
            if end - index >= 3, generator.chance(rate) {
                let position = index + generator.below(end - index)
                let original = scalars[position]
                let lower = original.properties.lowercaseMapping.unicodeScalars.first ?? original
                if let around = layout.neighbours[lower], !around.isEmpty {
                    let replacement = generator.pick(around)
                    let upper = original.properties.isUppercase
                    scalars[position] =
                        upper
                        ? (replacement.properties.uppercaseMapping.unicodeScalars.first ?? replacement) : replacement
                    changed = true
                }
            }
            index = end
        }
        return changed ? String(String.UnicodeScalarView(scalars)) : text
    }

    private static func asciiTypos(
        in text: String, rate: Double, layout: KeyboardLayout, using generator: inout SeededGenerator
    ) -> String {
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
                if let neighbours = layout.ascii[original | 0x20], !neighbours.isEmpty {
                    let replacement = generator.pick(neighbours)
                    bytes[position] = original < 0x61 ? replacement & ~0x20 : replacement
                    changed = true
                }
            }
            index = end
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// Each common Chinese character, with probability `rate`, becomes another with the same pinyin.
    static func homophones(in text: String, rate: Double, using generator: inout SeededGenerator) -> String {
        let table = NoiseData.shared.homophones
        var out = ""
        var changed = false
        for character in text {
            if let others = table[character], !others.isEmpty, generator.chance(rate) {
                out.append(generator.pick(others))
                changed = true
            } else {
                out.append(character)
            }
        }
        return changed ? out : text
    }

    /// The text without diacritics (é→e, ñ→n, ä→a, å→a) and without `¿` and `¡`.
    static func withoutAccents(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark || scalar == "¿" || scalar == "¡" { continue }
            out.append(scalar)
        }
        return String(out).precomposedStringWithCanonicalMapping
    }

    private static let halfToFull: [Character: Character] = [
        ",": "，", ".": "。", "?": "？", "!": "！", ":": "：", ";": "；", "(": "（", ")": "）",
    ]
    private static let fullToHalf: [Character: Character] = Dictionary(
        uniqueKeysWithValues: halfToFull.map { ($1, $0) })

    /// Full-width punctuation made half-width and half-width made full-width.
    static func swappingWidth(_ text: String) -> String {
        String(text.map { halfToFull[$0] ?? fullToHalf[$0] ?? $0 })
    }

    /// One vowel of one word, in an unprotected piece, repeated two or three more times.
    static func stretchVowel(in pieces: inout [Piece], using generator: inout SeededGenerator) {
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "ä", "ö", "é", "A", "E", "I", "O", "U"]
        var places: [(piece: Int, offset: Int)] = []
        for (index, piece) in pieces.enumerated() where !piece.isProtected {
            for (offset, character) in piece.text.enumerated() where vowels.contains(character) {
                places.append((index, offset))
            }
        }
        guard !places.isEmpty else { return }
        let place = generator.pick(places)
        var characters = Array(pieces[place.piece].text)
        let extra = 2 + generator.below(2)
        characters.insert(contentsOf: Array(repeating: characters[place.offset], count: extra), at: place.offset)
        pieces[place.piece].text = String(characters)
    }

    /// One space between two words of an unprotected piece removed.
    static func dropSpace(in pieces: inout [Piece], using generator: inout SeededGenerator) {
        var places: [(piece: Int, offset: Int)] = []
        for (index, piece) in pieces.enumerated() where !piece.isProtected {
            let characters = Array(piece.text)
            for offset in characters.indices
            where characters[offset] == " " && offset > 0 && offset < characters.count - 1
                && characters[offset - 1] != " " && characters[offset + 1] != " "
            {
                places.append((index, offset))
            }
        }
        guard !places.isEmpty else { return }
        let place = generator.pick(places)
        var characters = Array(pieces[place.piece].text)
        characters.remove(at: place.offset)
        pieces[place.piece].text = String(characters)
    }

    /// The text with each listed phrase, with probability `abbreviations`, replaced by its
    /// abbreviation: whole words where the language separates words, ignoring case.
    func abbreviate(_ text: String, using generator: inout SeededGenerator) -> String {
        var text = text
        for (phrase, abbreviation) in abbreviations {
            var searchStart = text.startIndex
            while let found = text.range(of: phrase, options: [.caseInsensitive], range: searchStart..<text.endIndex) {
                let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
                let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
                let bounded = !usesSpaces || (!(before?.isLetter ?? false) && !(after?.isLetter ?? false))
                if bounded, generator.chance(noise.abbreviations) {
                    text.replaceSubrange(found, with: abbreviation)
                    searchStart =
                        text.index(found.lowerBound, offsetBy: abbreviation.count, limitedBy: text.endIndex)
                        ?? text.endIndex
                } else {
                    searchStart = found.upperBound
                }
                if searchStart >= text.endIndex { break }
            }
        }
        return text
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
    /// The string with each run of spaces (U+0020) made one space.
    func collapsingSpaceRuns() -> String {
        // Most pieces are already tidy: check before rebuilding.
        guard zip(utf8, utf8.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) else { return self }
        var out = ""
        var previousWasSpace = false
        for scalar in unicodeScalars {
            let isSpace = scalar == " "
            if !(isSpace && previousWasSpace) { out.unicodeScalars.append(scalar) }
            previousWasSpace = isSpace
        }
        return out
    }

    /// Without leading and trailing spaces (U+0020 only).
    func trimmingEdgeSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " }), let last = scalars.lastIndex(where: { $0 != " " })
        else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return self }
        return String(scalars[first...last])
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
