import ChorusSpec

/// Which keys neighbour each letter on a keyboard, for the typos a person actually makes.
///
/// Built from the letter rows in `Data/keyboards/` (top, home, bottom row; rows are staggered,
/// so home-row key *i* sits below top-row keys *i* and *i + 1*, and above bottom-row keys *i − 1*
/// and *i*).
struct KeyboardLayout: Sendable {
    /// Neighbours of each lower-case letter.
    let neighbours: [Unicode.Scalar: [Unicode.Scalar]]
    /// The same for ASCII letters, as UTF-8 bytes, for the fast path on ASCII text.
    let ascii: [UInt8: [UInt8]]

    init(rows: [String]) {
        let grid = rows.map { Array($0.unicodeScalars) }
        var neighbours: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        func key(_ row: Int, _ column: Int) -> Unicode.Scalar? {
            guard grid.indices.contains(row), grid[row].indices.contains(column), grid[row][column] != "·" else {
                return nil
            }
            return grid[row][column]
        }
        for (row, keys) in grid.enumerated() {
            for (column, letter) in keys.enumerated() where letter != "·" {
                let candidates = [
                    key(row, column - 1), key(row, column + 1),
                    key(row - 1, column), key(row - 1, column + 1),
                    key(row + 1, column - 1), key(row + 1, column),
                ]
                neighbours[letter] = candidates.compactMap { $0 }
            }
        }
        self.neighbours = neighbours
        var ascii: [UInt8: [UInt8]] = [:]
        for (letter, around) in neighbours where letter.isASCII {
            ascii[UInt8(letter.value)] = around.filter(\.isASCII).map { UInt8($0.value) }
        }
        self.ascii = ascii
    }

    /// The layout of `name`, from the data files.
    static func named(_ name: KeyboardLayoutName) -> KeyboardLayout {
        NoiseData.shared.layouts[name] ?? NoiseData.shared.layouts[.qwerty] ?? KeyboardLayout(rows: [])
    }
}
