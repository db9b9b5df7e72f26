/// A `FingerprintTable` as the index snapshot holds it, used where it lies in the mapped file
/// (`MappedArray`): at a million articles its slots are three quarters of a gigabyte, which
/// a copy would spend seconds faulting in. Read-only; `NearDuplicateIndex` keeps the heads
/// that change after loading in a `FingerprintTable` of its own, looked at first.
struct LoadedFingerprintTable {
    let keys: MappedArray<UInt64>
    let values: MappedArray<Int32>
    let emptyKeyValue: Int32?
    let count: Int
    /// log2 of the slot count.
    let bits: Int

    /// The empty table (an index that was not loaded from a snapshot).
    init() {
        keys = MappedArray()
        values = MappedArray()
        emptyKeyValue = nil
        count = 0
        bits = 0
    }

    /// Slots as `FingerprintTable` lays them out. `entries` bounds every value. The slots are
    /// checked as far as a lookup depends on them: as many keys as `count` says, so at least
    /// one free slot ends every probe, and every value a valid entry.
    init(
        keys: MappedArray<UInt64>, values: MappedArray<Int32>, emptyKeyValue: Int32?, count: Int, entries: Int
    ) throws(SnapshotDamage) {
        let slots = keys.count
        guard slots >= 16, slots & (slots - 1) == 0, values.count == slots else {
            throw SnapshotDamage("the fingerprint table has \(slots) keys and \(values.count) values, not a power of two of each")
        }
        guard Double(count) <= Double(slots) * FingerprintTable.maxLoad + 1 else {
            throw SnapshotDamage("the fingerprint table claims \(count) keys in \(slots) slots")
        }
        if let emptyKeyValue, !(0..<Int32(clamping: entries)).contains(emptyKeyValue) {
            throw SnapshotDamage("a fingerprint head \(emptyKeyValue) is not below \(entries)")
        }
        var used = 0
        var valid = true
        let limit = Int32(clamping: entries)
        for slot in 0..<slots where keys[slot] != FingerprintTable.empty {
            used += 1
            let value = values[slot]
            if value < 0 || value >= limit { valid = false }
        }
        guard valid else { throw SnapshotDamage("a fingerprint head is not below \(entries)") }
        guard used + (emptyKeyValue == nil ? 0 : 1) == count else {
            throw SnapshotDamage("the fingerprint table claims \(count) keys but holds \(used + (emptyKeyValue == nil ? 0 : 1))")
        }
        self.keys = keys
        self.values = values
        self.emptyKeyValue = emptyKeyValue
        self.count = count
        bits = slots.trailingZeroBitCount
    }

    subscript(key: UInt64) -> Int32? {
        if key == FingerprintTable.empty { return emptyKeyValue }
        guard count > 0 else { return nil }
        return FingerprintTable.slot(of: key, in: keys.buffer, bits: bits).map { values[$0] }
    }
}
