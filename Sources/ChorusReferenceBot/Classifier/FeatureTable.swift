/// A read-mostly map from feature hash to feature index: open addressing with linear probing
/// over a power-of-two table.
///
/// The keys are already well-mixed 64-bit hashes, so the table uses their low bits directly
/// instead of rehashing them through `Hasher` as `Dictionary` would; a lookup is a few
/// instructions, which matters because one classification does well over a hundred of them.
struct FeatureTable: Sendable {
    /// `0` marks an empty slot; a real key of `0` is stored as `zeroKeySubstitute`.
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    private static let zeroKeySubstitute: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The index stored for `key`, or `-1`.
    @inline(__always)
    func index(of key: UInt64) -> Int32 {
        let key = key == 0 ? Self.zeroKeySubstitute : key
        return keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let stored = keys[slot]
                if stored == key { return values[slot] }
                if stored == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The index for `key`, inserting `next` when the key is new; reports whether it inserted.
    mutating func insert(_ key: UInt64, value next: Int32) -> (index: Int32, inserted: Bool) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = key == 0 ? Self.zeroKeySubstitute : key
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return (values[slot], false) }
            if stored == 0 {
                keys[slot] = key
                values[slot] = next
                count += 1
                return (next, true)
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
            count += 1
        }
    }
}
