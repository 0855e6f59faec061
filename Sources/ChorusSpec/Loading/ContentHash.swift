import Foundation

/// FNV-1a 64: a tiny, stable, dependency-free hash for telling suite versions apart (not for security).
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    /// Adds a named file: its name, then its bytes, each followed by a 0 byte so that moving
    /// bytes between a name and a content changes the hash.
    mutating func combine(name: String, contents: Data) {
        combine(name.utf8)
        combine(CollectionOfOne(0))
        combine(contents)
        combine(CollectionOfOne(0))
    }

    /// The hash as 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
