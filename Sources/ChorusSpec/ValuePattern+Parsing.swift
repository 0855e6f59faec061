extension ValuePattern {
    /// Parses a vocab pattern: literals, `\`-escapes (`\d` = 0-9, `\w` = letters, digits and `_`,
    /// `\` before any punctuation = that character), classes such as `[A-Z0-9_]` with ranges,
    /// and the bounded quantifiers `{n}`, `{n,m}` and `?`.
    ///
    /// Anything a regular expression would read differently (`.`, `*`, `+`, `|`, groups, anchors,
    /// negated classes) is rejected rather than taken literally, so a pattern never silently
    /// generates something other than what its author meant.
    public init(parsing source: String) throws(ValuePatternError) {
        var parser = ValuePatternParser(source: source)
        self.init(source: source, atoms: try parser.parse())
    }
}

/// The recursive-descent reader behind `ValuePattern(parsing:)`, over Unicode scalars.
private struct ValuePatternParser {
    let source: String
    let scalars: [Unicode.Scalar]
    var position = 0

    init(source: String) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
    }

    /// Quantifiers beyond this are surely mistakes and would make huge values.
    static let maxRepeat = 1000

    func fail(_ reason: String, at offset: Int? = nil) -> ValuePatternError {
        ValuePatternError(pattern: source, offset: offset ?? position, reason: reason)
    }

    /// Whether the atom just read already has a quantifier (`a{2}?` is an error, not lazy).
    var lastWasQuantified = false

    var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func parse() throws(ValuePatternError) -> [ValuePattern.Atom] {
        guard !scalars.isEmpty else { throw fail("empty pattern") }
        var atoms: [ValuePattern.Atom] = []
        while let scalar = current {
            switch scalar {
            case "{", "?":
                guard var last = atoms.popLast() else { throw fail("quantifier \"\(scalar)\" has nothing to repeat") }
                guard !lastWasQuantified else {
                    throw fail("quantifier \"\(scalar)\" follows another quantifier")
                }
                (last.min, last.max) = try parseQuantifier()
                atoms.append(last)
                lastWasQuantified = true
                continue
            case "*", "+":
                throw fail("unbounded repetition \"\(scalar)\" is not allowed; use {n,m}")
            case "[":
                atoms.append(ValuePattern.Atom(ranges: try parseClass()))
            case "\\":
                atoms.append(ValuePattern.Atom(ranges: try parseEscape()))
            case "]", "}":
                throw fail("unbalanced \"\(scalar)\"")
            case ".", "(", ")", "|", "^", "$":
                throw fail("\"\(scalar)\" is not supported; write \"\\\(scalar)\" for the character itself")
            default:
                atoms.append(ValuePattern.Atom(ranges: [scalar.value...scalar.value]))
                position += 1
            }
            lastWasQuantified = false
        }
        return atoms
    }

    /// `?`, `{n}` or `{n,m}`, at `position`.
    mutating func parseQuantifier() throws(ValuePatternError) -> (Int, Int) {
        if current == "?" {
            position += 1
            return (0, 1)
        }
        let open = position
        position += 1
        let low = try parseNumber(openedAt: open)
        var high = low
        if current == "," {
            position += 1
            high = try parseNumber(openedAt: open)
        }
        guard current == "}" else {
            throw fail(
                current == nil ? "unbalanced \"{\"" : "bad quantifier: expected \"}\"", at: current == nil ? open : nil)
        }
        position += 1
        guard low <= high else { throw fail("bad quantifier {\(low),\(high)}: minimum exceeds maximum", at: open) }
        guard high <= Self.maxRepeat else {
            throw fail("bad quantifier: at most \(Self.maxRepeat) repetitions", at: open)
        }
        return (low, high)
    }

    mutating func parseNumber(openedAt open: Int) throws(ValuePatternError) -> Int {
        let start = position
        var value = 0
        while let scalar = current, ("0"..."9").contains(scalar) {
            value = min(value * 10 + Int(scalar.value - 48), Self.maxRepeat + 1)
            position += 1
        }
        guard position > start else {
            if current == nil { throw fail("unbalanced \"{\"", at: open) }
            throw fail("bad quantifier: expected a number")
        }
        return value
    }

    /// A `[...]` class, at `position`.
    mutating func parseClass() throws(ValuePatternError) -> [ClosedRange<UInt32>] {
        let open = position
        position += 1
        if current == "^" { throw fail("negated classes \"[^\" are not supported") }
        var ranges: [ClosedRange<UInt32>] = []
        while current != nil, current != "]" {
            let low = try classMember()
            // A "-" between two members makes a range; first or last, it is literal.
            if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                let dash = position
                position += 1
                let high = try classMember()
                guard low.count == 1, high.count == 1, low[0].lowerBound <= high[0].lowerBound else {
                    throw fail("bad range in class", at: dash)
                }
                ranges.append(low[0].lowerBound...high[0].lowerBound)
            } else {
                ranges += low
            }
        }
        guard current == "]" else { throw fail("unbalanced \"[\"", at: open) }
        position += 1
        guard !ranges.isEmpty else { throw fail("empty class \"[]\"", at: open) }
        return ranges
    }

    /// One member of a class: a character or an escape.
    mutating func classMember() throws(ValuePatternError) -> [ClosedRange<UInt32>] {
        guard let scalar = current else { throw fail("unbalanced \"[\"") }
        if scalar == "\\" { return try parseEscape() }
        if scalar == "[" { throw fail("\"[\" inside a class; write \"\\[\"") }
        position += 1
        return [scalar.value...scalar.value]
    }

    /// A `\` escape, at `position`.
    mutating func parseEscape() throws(ValuePatternError) -> [ClosedRange<UInt32>] {
        let backslash = position
        position += 1
        guard let scalar = current else { throw fail("\"\\\" at the end of the pattern", at: backslash) }
        position += 1
        switch scalar {
        case "d": return [48...57]
        case "w": return [48...57, 65...90, 95...95, 97...122]
        default:
            // Letters and digits after "\" mean classes or controls in regular expressions; only
            // punctuation and symbols are taken literally.
            guard !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                throw fail("unknown escape \"\\\(scalar)\"", at: backslash)
            }
            return [scalar.value...scalar.value]
        }
    }
}
