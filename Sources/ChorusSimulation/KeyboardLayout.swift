/// Which keys neighbour each letter, for typos a person actually makes.
enum KeyboardLayout {
    /// Neighbours of each lower-case letter on a QWERTY keyboard (same row and the rows above and below).
    static let qwerty: [Unicode.Scalar: [Unicode.Scalar]] = {
        let table: [Character: String] = [
            "q": "wa", "w": "qeas", "e": "wrds", "r": "etdf", "t": "ryfg", "y": "tugh", "u": "yihj", "i": "uojk",
            "o": "ipkl", "p": "ol", "a": "qwsz", "s": "weadzx", "d": "erfscx", "f": "rtgdvc", "g": "tyhfbv",
            "h": "yujgnb", "j": "uikhmn", "k": "iojlm", "l": "opk", "z": "asx", "x": "zsdc", "c": "xdfv",
            "v": "cfgb", "b": "vghn", "n": "bhjm", "m": "njk",
        ]
        var out: [Unicode.Scalar: [Unicode.Scalar]] = [:]
        for (key, neighbours) in table {
            out[key.unicodeScalars.first!] = Array(neighbours.unicodeScalars)
        }
        return out
    }()
}
