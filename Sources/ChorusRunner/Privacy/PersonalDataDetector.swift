import ChorusSpec
import Glibc

/// Finds one kind of personal data in a text: a linear-time RE2 pattern proposes candidates and
/// a check confirms them (the Luhn sum of a card number, the mod-97 checksum of an IBAN, the
/// ranges of an IP address), so a random number is not taken for a card.
public struct PersonalDataDetector: Sendable {
    /// What a match is replaced with: `<LABEL>` or `<LABEL:pseudonym>`.
    public let label: String
    private let pattern: TextPattern
    /// The confirmed length of a candidate (in characters, from its start), or nil to reject it.
    private let confirm: @Sendable (Substring) -> Int?
    /// What a value is reduced to before it is hashed, so `A@X.org` and `a@x.org` or
    /// `4111 1111…` and `4111-1111…` get one pseudonym.
    let normalize: @Sendable (Substring) -> String

    public init(
        label: String, pattern: TextPattern, confirm: @escaping @Sendable (Substring) -> Int? = { $0.count },
        normalize: @escaping @Sendable (Substring) -> String = { String($0) }
    ) {
        self.label = label
        self.pattern = pattern
        self.confirm = confirm
        self.normalize = normalize
    }

    /// The confirmed matches in `text`, in order.
    public func matches(in text: String) -> [Range<String.Index>] {
        pattern.matchRanges(in: text).compactMap { range in
            guard let length = confirm(text[range]), length > 0 else { return nil }
            return range.lowerBound..<text.index(range.lowerBound, offsetBy: length)
        }
    }

    /// A detector for the user's own pattern `source` (RE2), masked as `<NAME>`.
    public static func custom(name: String, source: String) throws(PatternError) -> PersonalDataDetector {
        PersonalDataDetector(label: name.uppercased(), pattern: try TextPattern(source))
    }

    /// The built-in detector of `kind`.
    public static func builtIn(_ kind: PrivacySettings.Detector) -> PersonalDataDetector {
        switch kind {
        case .email: email
        case .phone: phone
        case .card: card
        case .iban: iban
        case .ip: ip
        }
    }

    // The built-in patterns are constants that compile; a failure would be a programming error
    // caught by the detector tests, so `try!` is the honest spelling.

    /// An e-mail address (the local part and a dotted domain with a top-level name of letters).
    public static let email = PersonalDataDetector(
        label: "EMAIL",
        pattern: try! TextPattern(#"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"#),
        normalize: { $0.lowercased() })

    /// A payment card number: 13 to 19 digits, optionally grouped by spaces or dashes, whose Luhn
    /// sum holds. A longer run of digits is tried shortest-first at its group boundaries.
    public static let card = PersonalDataDetector(
        label: "CARD", pattern: try! TextPattern(#"[0-9](?:[ \-]?[0-9]){12,22}"#),
        confirm: { candidate in
            longestPrefix(of: candidate, lengths: 13...19) { digits in luhnValid(digits) }
        },
        normalize: { String($0.filter(\.isASCIIDigit)) })

    /// An IBAN: a country code, two check digits and 11 to 30 letters or digits (optionally in
    /// groups of four), whose mod-97 checksum is 1.
    public static let iban = PersonalDataDetector(
        label: "IBAN", pattern: try! TextPattern(#"[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}"#),
        confirm: { candidate in
            longestPrefix(of: candidate, lengths: 15...34, alphanumeric: true) { characters in ibanValid(characters) }
        },
        normalize: { String($0.filter { !$0.isWhitespace }).uppercased() })

    /// A telephone number: an optional `+`, then 9 to 15 digits (7 with the `+`) grouped by
    /// spaces, dots, dashes or parentheses; an ISO date is not one.
    public static let phone = PersonalDataDetector(
        label: "PHONE", pattern: try! TextPattern(#"\+?\(?[0-9][0-9 ().\-]{5,}[0-9]"#),
        confirm: { candidate in
            let digits = candidate.filter(\.isASCIIDigit).count
            let international = candidate.hasPrefix("+")
            guard digits <= 15, digits >= (international ? 7 : 9) else { return nil }
            if isDateLike(candidate) { return nil }
            return candidate.count
        },
        normalize: { "+" + String($0.filter(\.isASCIIDigit)) })

    /// An IPv4 address (four numbers 0…255) or an IPv6 address (checked by `inet_pton`).
    public static let ip = PersonalDataDetector(
        label: "IP",
        pattern: try! TextPattern(
            #"(?:[0-9]{1,3}\.){3}[0-9]{1,3}|[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{0,4}){2,7}(?::(?:[0-9]{1,3}\.){3}[0-9]{1,3})?"#
        ),
        confirm: { candidate in
            if candidate.contains(":") {
                return ipv6Valid(String(candidate)) ? candidate.count : nil
            }
            let parts = candidate.split(separator: ".")
            guard parts.count == 4, parts.allSatisfy({ Int($0).map { $0 <= 255 } ?? false }) else { return nil }
            return candidate.count
        },
        normalize: { $0.lowercased() })

    // MARK: - Checks

    /// Whether `digits` (ASCII digits only) pass the Luhn check.
    public static func luhnValid(_ digits: [UInt8]) -> Bool {
        guard !digits.isEmpty else { return false }
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            var value = Int(digit - 48)
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// Whether `characters` (uppercase ASCII letters and digits, no spaces) are an IBAN whose
    /// mod-97 checksum is 1 (ISO 13616).
    public static func ibanValid(_ characters: [UInt8]) -> Bool {
        guard characters.count >= 15, characters.count <= 34,
            characters.prefix(2).allSatisfy({ (65...90).contains($0) }),
            characters.dropFirst(2).prefix(2).allSatisfy({ (48...57).contains($0) })
        else { return false }
        var remainder = 0
        for character in characters.dropFirst(4) + characters.prefix(4) {
            switch character {
            case 48...57: remainder = (remainder * 10 + Int(character - 48)) % 97
            case 65...90: remainder = (remainder * 100 + Int(character - 55)) % 97
            default: return false
            }
        }
        return remainder == 1
    }

    static func ipv6Valid(_ text: String) -> Bool {
        guard text.filter({ $0.isHexDigit }).count >= 2 else { return false }
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    /// `2026-11-30` or `30.11.2026`: the shapes of a date, which a phone detector leaves alone.
    static func isDateLike(_ text: Substring) -> Bool {
        let groups = text.split(whereSeparator: { !$0.isASCIIDigit }).map(\.count)
        return groups == [4, 2, 2] || groups == [2, 2, 4]
    }

    /// The longest prefix of `candidate` that ends where a group ends (before a separator or at
    /// the end), holds a number of significant characters within `lengths`, and passes `check`
    /// on those characters; its length in characters.
    static func longestPrefix(
        of candidate: Substring, lengths: ClosedRange<Int>, alphanumeric: Bool = false, check: ([UInt8]) -> Bool
    ) -> Int? {
        var significant: [UInt8] = []
        var ends: [(count: Int, characters: Int)] = []
        let characters = Array(candidate)
        for (offset, character) in characters.enumerated() {
            guard let ascii = character.asciiValue else { break }
            let upper = (97...122).contains(ascii) ? ascii - 32 : ascii
            let keeps =
                alphanumeric ? (48...57).contains(upper) || (65...90).contains(upper) : (48...57).contains(upper)
            guard keeps else { continue }
            significant.append(upper)
            let next = offset + 1 < characters.count ? characters[offset + 1] : nil
            if next == nil || next == " " || next == "-" {
                ends.append((significant.count, offset + 1))
            }
        }
        for end in ends.reversed() where lengths.contains(end.count) {
            if check(Array(significant.prefix(end.count))) { return end.characters }
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
