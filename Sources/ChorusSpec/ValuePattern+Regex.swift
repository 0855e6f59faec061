import Foundation

extension ValuePattern {
    /// The pattern as a regular expression (ICU syntax) matching exactly the values it generates,
    /// unanchored: `[A-Z]{2}-[0-9]{6}` gives `[\x{41}-\x{5A}]{2}\x{2D}[\x{30}-\x{39}]{6}`.
    public var regexSource: String {
        var out = ""
        for atom in atoms {
            if atom.ranges.count == 1, atom.ranges[0].lowerBound == atom.ranges[0].upperBound {
                out += Self.escaped(atom.ranges[0].lowerBound)
            } else {
                out += "["
                for range in atom.ranges {
                    out += Self.escaped(range.lowerBound)
                    if range.upperBound != range.lowerBound { out += "-" + Self.escaped(range.upperBound) }
                }
                out += "]"
            }
            if atom.min != 1 || atom.max != 1 {
                out += atom.min == atom.max ? "{\(atom.min)}" : "{\(atom.min),\(atom.max)}"
            }
        }
        return out
    }

    private static func escaped(_ scalar: UInt32) -> String {
        "\\x{" + String(scalar, radix: 16, uppercase: true) + "}"
    }

    /// Whether `text` is, as a whole, a value the pattern generates.
    public func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars.map(\.value))
        return match(atom: 0, at: 0, in: scalars)
    }

    private func match(atom index: Int, at position: Int, in scalars: [UInt32]) -> Bool {
        guard index < atoms.count else { return position == scalars.count }
        let atom = atoms[index]
        var count = 0
        var end = position
        // Take as many as allowed, then give back one at a time (atoms are few and short).
        while count < atom.max, end < scalars.count, atom.ranges.contains(where: { $0.contains(scalars[end]) }) {
            count += 1
            end += 1
        }
        while count >= atom.min {
            if match(atom: index + 1, at: position + count, in: scalars) { return true }
            count -= 1
        }
        return false
    }
}
