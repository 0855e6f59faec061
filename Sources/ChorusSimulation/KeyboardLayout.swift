/// Which keys neighbour each letter, for typos a person actually makes.
enum KeyboardLayout {
    /// Neighbours of each lower-case ASCII letter (as UTF-8 bytes) on a QWERTY keyboard: the same
    /// row and the rows above and below.
    static let qwerty: [UInt8: [UInt8]] = {
        let table: [Character: String] = [
            "q": "wa", "w": "qeas", "e": "wrds", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj", "i": "uojk",
            "o": "ipkl", "p": "ol", "a": "qwsz", "s": "weadzx", "d": "erfscx", "f": "rtgdvc", "g": "tyhfbv",
            "h": "yujgnb", "j": "uikhmn", "k": "iojlm", "l": "opk", "z": "asx", "x": "zsdc", "c": "xdfv",
            "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
        ]
        var out: [UInt8: [UInt8]] = [:]
        for (key, neighbours) in table {
            out[key.asciiValue ?? 0] = Array(neighbours.utf8)
        }
        return out
    }()
}
