/// Which fingerprints a `NearDuplicateIndex` may hold: one bit per key in a bit table with at
/// least four bits per key (a Bloom filter of one hash: about one absent key in five passes).
/// Most shingles of a text are no stored version's fingerprint, and at a million articles the
/// heads table is three quarters of a gigabyte, so each of those lookups would be a cache and
/// TLB miss there: about a millisecond per ingested text. The bit table is a sixteenth of the
/// heads' size and answers most of them from cache. It is not stored in the index snapshot: it
/// is made at load by one pass over the loaded slots, and every insert keeps it.
struct FingerprintFilter {
    private var words: [UInt64]
    /// log2 of the bit count.
    private var bits: Int
    private(set) var count = 0

    /// Room for `capacity` keys.
    init(capacity: Int = 0) {
        var bits = 16
        while (1 << bits) < capacity * 4 { bits += 1 }
        self.bits = bits
        words = Array(repeating: 0, count: (1 << bits) / 64)
    }

    /// Whether more keys would leave fewer than four bits per key.
    var isFull: Bool { count * 4 > (1 << bits) }

    func mayContain(_ key: UInt64) -> Bool {
        let bit = bit(key)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    mutating func insert(_ key: UInt64) {
        let bit = bit(key)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
        count += 1
    }

    /// The top bits of the key times another odd constant than the heads table's placement,
    /// so that keys crowding one stretch of slots do not crowd one stretch of bits.
    private func bit(_ key: UInt64) -> Int { Int((key &* 0xD6E8_FEB8_6659_FD93) >> UInt64(64 - bits)) }
}
