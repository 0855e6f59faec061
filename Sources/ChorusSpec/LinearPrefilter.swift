/// A linear-time pattern that matches wherever an ICU (`NSRegularExpression`) pattern matches,
/// and possibly elsewhere: RE2's DFA answers "no match" for most texts far faster than ICU
/// finds none, so a backtracking pattern runs ICU only on the texts its prefilter admits.
///
/// The prefilter is the ICU pattern with every construct RE2 lacks or reads differently
/// widened to something that matches at least as much:
/// - zero-width assertions are dropped: lookaround groups, `\b \B \G \Z`, `^` and `$` (ICU's
///   `$` also matches before a final line break, RE2's does not);
/// - atomic groups become plain groups and possessive quantifiers greedy ones;
/// - `\d` becomes `\p{Nd}` (what ICU's is) and `\D` `\P{Nd}`, `\s` a class of every Unicode
///   space, `\w` anything but ASCII spaces and line breaks, `\S \W` any character; a character
///   class with what RE2 cannot say (nested sets, set operations, `\w` inside, a negated `\s`)
///   any character;
/// - `(?w)` (Unicode word boundaries) is dropped with the boundaries, `(?<name>` is spelt
///   `(?P<name>`, `\uhhhh` `\x{hhhh}`.
/// A pattern with anything else RE2 does not read the same way (back references, `(?x)`,
/// unknown escapes, properties RE2 does not know) gets no prefilter.
///
/// ICU folds case fully under `(?i)` (`ß` matches `ss`), RE2 simply; so a case-insensitive
/// prefilter exists only for a pattern whose literal characters are ASCII, and `admits` trusts
/// it only on ASCII texts.
struct LinearPrefilter: Sendable {
    let regex: LinearRegex
    /// Whether the pattern ignores case anywhere (then only ASCII texts may be filtered).
    let caseInsensitive: Bool

    /// The prefilter of `icuPattern`, or nil when it has none.
    init?(icuPattern: String) {
        guard let translation = Self.translate(Array(icuPattern.unicodeScalars)),
            let regex = try? LinearRegex(translation.source)
        else { return nil }
        self.regex = regex
        self.caseInsensitive = translation.caseInsensitive
    }

    /// Whether the ICU pattern may match `text` (the UTF-8 bytes of a text): false only when it
    /// certainly does not.
    func admits(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if caseInsensitive && bytes.contains(where: { $0 >= 0x80 }) { return true }
        return regex.matches(bytes)
    }

    // MARK: - Translation

    private static let anyCharacter = "(?s:.)"
    private static let unicodeSpace = #"[\t\n\x0B\f\r\x{85}\p{Z}]"#
    private static let unicodeSpaceMembers = #"\t\n\x0B\f\r\x{85}\p{Z}"#
    /// Every character `\w` can match, and more: only ASCII spaces and line breaks are left out.
    private static let wordCharacter = #"[^\t\n\f\r ]"#

    /// The RE2 source, and whether case is ignored anywhere; nil when there is no safe one.
    static func translate(_ pattern: [Unicode.Scalar]) -> (source: String, caseInsensitive: Bool)? {
        var translator = Translator(pattern: pattern)
        guard let source = translator.run() else { return nil }
        if translator.caseInsensitive && translator.nonASCIILiteral { return nil }
        return (source, translator.caseInsensitive)
    }

    private struct Translator {
        let pattern: [Unicode.Scalar]
        var position = 0
        var output = ""
        var caseInsensitive = false
        var nonASCIILiteral = false

        init(pattern: [Unicode.Scalar]) { self.pattern = pattern }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            position + offset < pattern.count ? pattern[position + offset] : nil
        }

        mutating func run() -> String? {
            while let scalar = peek() {
                switch scalar {
                case "\\":
                    guard let piece = escape(inClass: false) else { return nil }
                    output += piece
                case "[":
                    guard let piece = characterClass() else { return nil }
                    output += piece
                case "(":
                    guard group() else { return nil }
                case "^", "$":
                    position += 1
                case "*", "+", "?":
                    output.unicodeScalars.append(scalar)
                    position += 1
                    quantifierSuffix()
                case "{":
                    guard let end = pattern[position...].firstIndex(of: "}") else { return nil }
                    output += String(String.UnicodeScalarView(pattern[position...end]))
                    position = end + 1
                    quantifierSuffix()
                default:
                    literal(scalar)
                    position += 1
                }
            }
            return output
        }

        mutating func literal(_ scalar: Unicode.Scalar) {
            if !scalar.isASCII { nonASCIILiteral = true }
            output.unicodeScalars.append(scalar)
        }

        /// After a quantifier: `?` (lazy) is kept, `+` (possessive) dropped.
        mutating func quantifierSuffix() {
            if peek() == "+" {
                position += 1
            } else if peek() == "?" {
                output += "?"
                position += 1
            }
        }

        /// Translates the escape at `position` (a backslash); nil when it has no safe
        /// translation. Inside a class, only escapes that stand for members are allowed.
        mutating func escape(inClass: Bool) -> String? {
            guard let letter = peek(1) else { return nil }
            position += 2
            switch letter {
            case "b", "B", "G", "Z": return inClass ? nil : ""
            case "A", "z": return inClass ? nil : "\\\(letter)"
            case "d": return #"\p{Nd}"#
            case "s": return inClass ? LinearPrefilter.unicodeSpaceMembers : LinearPrefilter.unicodeSpace
            case "w": return inClass ? nil : LinearPrefilter.wordCharacter
            case "D": return inClass ? nil : #"\P{Nd}"#
            case "S", "W": return inClass ? nil : LinearPrefilter.anyCharacter
            case "t", "n", "r", "f", "a": return "\\\(letter)"
            case "e": return #"\x{1B}"#
            case "x":
                if peek() == "{" {
                    guard let end = pattern[position...].firstIndex(of: "}") else { return nil }
                    let digits = String(String.UnicodeScalarView(pattern[(position + 1)..<end]))
                    position = end + 1
                    return hexScalar(digits)
                }
                guard position + 2 <= pattern.count else { return nil }
                let digits = String(String.UnicodeScalarView(pattern[position..<(position + 2)]))
                position += 2
                return hexScalar(digits)
            case "u", "U":
                let count = letter == "u" ? 4 : 8
                guard position + count <= pattern.count else { return nil }
                let digits = String(String.UnicodeScalarView(pattern[position..<(position + count)]))
                position += count
                return hexScalar(digits)
            case "p", "P":
                if peek() == "{" {
                    guard let end = pattern[position...].firstIndex(of: "}") else { return nil }
                    let name = String(String.UnicodeScalarView(pattern[position...end]))
                    position = end + 1
                    return "\\\(letter)\(name)"
                }
                guard let name = peek() else { return nil }
                position += 1
                return "\\\(letter)\(name)"
            case "Q":
                var quoted = String.UnicodeScalarView()
                while let scalar = peek() {
                    if scalar == "\\" && peek(1) == "E" {
                        position += 2
                        return String(quoted).unicodeScalars.map { Self.escapedLiteral($0) }.joined()
                    }
                    if !scalar.isASCII { nonASCIILiteral = true }
                    quoted.append(scalar)
                    position += 1
                }
                return nil
            default:
                // An escaped punctuation mark (or symbol) is that character.
                guard !letter.properties.isAlphabetic, letter.properties.numericType == nil else { return nil }
                if !letter.isASCII { nonASCIILiteral = true }
                return Self.escapedLiteral(letter)
            }
        }

        mutating func hexScalar(_ digits: String) -> String? {
            guard !digits.isEmpty, let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                return nil
            }
            if !scalar.isASCII { nonASCIILiteral = true }
            return "\\x{\(digits)}"
        }

        /// `scalar` as a literal: ASCII punctuation escaped (RE2 refuses an escaped `_`).
        static func escapedLiteral(_ scalar: Unicode.Scalar) -> String {
            scalar.isASCII && !scalar.properties.isAlphabetic && !("0"..."9").contains(scalar) && scalar != "_"
                ? "\\\(scalar)" : String(scalar)
        }

        /// A character class at `position`: translated member by member, or any character when
        /// it holds what RE2 cannot say; nil when it cannot be read.
        mutating func characterClass() -> String? {
            var members = ""
            var simple = true
            var depth = 0
            position += 1
            if peek() == "^" {
                members += "^"
                position += 1
            }
            // A `]` first is a member.
            if peek() == "]" {
                members += #"\]"#
                position += 1
            }
            while let scalar = peek() {
                switch scalar {
                case "\\":
                    guard peek(1) != nil else { return nil }
                    if let piece = escape(inClass: true) { members += piece } else { simple = false }
                case "[":
                    simple = false
                    depth += 1
                    position += 1
                case "]":
                    position += 1
                    if depth > 0 {
                        depth -= 1
                        continue
                    }
                    // Not-a-space must not be widened as a space is.
                    let negatedSpace = members.hasPrefix("^") && members.contains(LinearPrefilter.unicodeSpaceMembers)
                    return simple && !negatedSpace ? "[\(members)]" : LinearPrefilter.anyCharacter
                case "&" where peek(1) == "&", "-" where peek(1) == "-":
                    simple = false
                    position += 2
                default:
                    if !scalar.isASCII { nonASCIILiteral = true }
                    members.unicodeScalars.append(scalar)
                    position += 1
                }
            }
            return nil
        }

        /// A group at `position`: lookaround and comments dropped, flags translated.
        mutating func group() -> Bool {
            guard peek(1) == "?" else {
                output += "("
                position += 1
                return true
            }
            switch (peek(2), peek(3)) {
            case ("=", _), ("!", _), ("<", "="), ("<", "!"):
                return skipGroup()
            case ("#", _):
                guard let end = pattern[position...].firstIndex(of: ")") else { return false }
                position = end + 1
                return true
            case (">", _), (":", _):
                output += "(?:"
                position += 3
                return true
            case ("<", _), ("P", "<"):
                let nameStart = position + (peek(2) == "P" ? 4 : 3)
                guard let end = pattern[nameStart...].firstIndex(of: ">") else { return false }
                output += "(?P<" + String(String.UnicodeScalarView(pattern[nameStart..<end])) + ">"
                position = end + 1
                return true
            default:
                return flags()
            }
        }

        /// `(?ims-ims)` or `(?ims-ims:`: `w` dropped, `x` refused, `i` noted.
        mutating func flags() -> Bool {
            position += 2
            var on = ""
            var off = ""
            var negated = false
            while let scalar = peek() {
                position += 1
                switch scalar {
                case "i", "m", "s":
                    if negated {
                        off.unicodeScalars.append(scalar)
                    } else {
                        on.unicodeScalars.append(scalar)
                        if scalar == "i" { caseInsensitive = true }
                    }
                case "w": continue
                case "-": negated = true
                case ")", ":":
                    let flags = on + (off.isEmpty ? "" : "-" + off)
                    if scalar == ":" {
                        output += flags.isEmpty ? "(?:" : "(?\(flags):"
                    } else if !flags.isEmpty {
                        output += "(?\(flags))"
                    }
                    return true
                default: return false
                }
            }
            return false
        }

        /// Steps over a whole group (a lookaround), nested groups, classes and escapes included.
        mutating func skipGroup() -> Bool {
            var depth = 0
            var inClass = 0
            while let scalar = peek() {
                position += 1
                switch scalar {
                case "\\": position += 1
                case "[": inClass += 1
                case "]" where inClass > 0: inClass -= 1
                case "(" where inClass == 0: depth += 1
                case ")" where inClass == 0:
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }
    }
}
