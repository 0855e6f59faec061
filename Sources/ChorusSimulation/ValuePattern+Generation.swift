import ChorusSpec

extension ValuePattern {
    /// A value matching the pattern, drawn from `generator`.
    public func generate(using generator: inout SeededGenerator) -> String {
        var out = String.UnicodeScalarView()
        for atom in atoms {
            let repeats = atom.min == atom.max ? atom.min : atom.min + generator.below(atom.max - atom.min + 1)
            let total = atom.ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
            for _ in 0..<repeats {
                var offset = UInt32(generator.below(total))
                for range in atom.ranges {
                    let width = range.upperBound - range.lowerBound + 1
                    if offset < width {
                        if let scalar = Unicode.Scalar(range.lowerBound + offset) { out.append(scalar) }
                        break
                    }
                    offset -= width
                }
            }
        }
        return String(out)
    }
}
