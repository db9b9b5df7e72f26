/// Fingerprint → newest index entry for `NearDuplicateIndex`: an open-addressing hash table
/// (linear probing) in two flat arrays. A million stored articles hold tens of millions of
/// fingerprints, and a `Dictionary` hashes each key through SipHash and spends a heap table
/// rebuild on every load of the index snapshot; fingerprints are hashes already, so one
/// multiplication places them. The slots are stored in the snapshot as they are and used there
/// (`LoadedFingerprintTable`), so the placement must be the same in every process: it depends
/// on the key alone. Keys are only ever added or updated, never removed.
struct FingerprintTable: Equatable {
    /// Key per slot; `Self.empty` marks a free one. The key equal to `empty` lives apart.
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var emptyKeyValue: Int32?
    private(set) var count = 0
    /// log2 of the slot count.
    private(set) var bits: Int

    static let empty: UInt64 = 0
    /// At most this share of slots in use: probes stay short.
    static let maxLoad = 0.7

    init(minimumCapacity: Int = 0) {
        var bits = 4
        while Double(1 << bits) * Self.maxLoad < Double(minimumCapacity) { bits += 1 }
        self.bits = bits
        keys = Array(repeating: Self.empty, count: 1 << bits)
        values = Array(repeating: -1, count: 1 << bits)
    }

    /// The loaded table's slots copied, to take more keys (`NearDuplicateIndex` encoding
    /// what it loaded and what it added since as one table).
    init(copying loaded: LoadedFingerprintTable) {
        bits = loaded.bits
        keys = Array(loaded.keys)
        values = Array(loaded.values)
        emptyKeyValue = loaded.emptyKeyValue
        count = loaded.count
    }

    subscript(key: UInt64) -> Int32? {
        get {
            if key == Self.empty { return emptyKeyValue }
            return keys.withUnsafeBufferPointer { keys in
                Self.slot(of: key, in: keys, bits: bits).map { values[$0] }
            }
        }
        set {
            guard let newValue else { preconditionFailure("FingerprintTable never removes a key") }
            if key == Self.empty {
                if emptyKeyValue == nil { count += 1 }
                emptyKeyValue = newValue
                return
            }
            if Double(count + 1) > Double(keys.count) * Self.maxLoad { grow() }
            var slot = home(key)
            let mask = keys.count - 1
            while true {
                let stored = keys[slot]
                if stored == key {
                    values[slot] = newValue
                    return
                }
                if stored == Self.empty {
                    keys[slot] = key
                    values[slot] = newValue
                    count += 1
                    return
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Every key and its value, in slot order (the empty key first).
    func forEach(_ body: (UInt64, Int32) -> Void) {
        if let value = emptyKeyValue { body(Self.empty, value) }
        for slot in 0..<keys.count where keys[slot] != Self.empty { body(keys[slot], values[slot]) }
    }

    static func == (a: FingerprintTable, b: FingerprintTable) -> Bool {
        guard a.count == b.count else { return false }
        var same = true
        a.forEach { key, value in if same, b[key] != value { same = false } }
        return same
    }

    /// Fibonacci hashing: the top bits of the key times 2^64/φ. The low bits of a fingerprint
    /// (the smallest hash of a stretch of text) are even enough, but the product spreads any key.
    static func home(_ key: UInt64, bits: Int) -> Int { Int((key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits)) }

    private func home(_ key: UInt64) -> Int { Self.home(key, bits: bits) }

    /// The slot holding `key` (not `empty`) in a table of `1 << bits` slots with at least one
    /// free, or nil.
    static func slot(of key: UInt64, in keys: UnsafeBufferPointer<UInt64>, bits: Int) -> Int? {
        var slot = home(key, bits: bits)
        let mask = keys.count - 1
        while true {
            let stored = keys[slot]
            if stored == key { return slot }
            if stored == empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        bits += 1
        keys = Array(repeating: Self.empty, count: 1 << bits)
        values = Array(repeating: -1, count: 1 << bits)
        let mask = keys.count - 1
        for slot in 0..<oldKeys.count where oldKeys[slot] != Self.empty {
            var target = home(oldKeys[slot])
            while keys[target] != Self.empty { target = (target + 1) & mask }
            keys[target] = oldKeys[slot]
            values[target] = oldValues[slot]
        }
    }
}
