import Testing
@testable import GleanerCore

/// `FingerprintTable` answers as a dictionary would, through growth, updates, clustered keys
/// and the key that marks free slots.
@Suite struct FingerprintTableTests {
    @Test func answersAsADictionaryWould() {
        var random = SplitMix(seed: 7)
        var table = FingerprintTable()
        var reference: [UInt64: Int32] = [:]
        // Random keys, keys differing only in their high or low bits (so placement cannot rely
        // on either half), repeats that update, and 0, the free-slot marker.
        var keys: [UInt64] = [0, 1, UInt64.max]
        for k in 0..<3_000 {
            keys.append(random.next())
            keys.append(UInt64(k))
            keys.append(UInt64(k) << 40)
        }
        for (n, key) in (keys + keys.prefix(500)).enumerated() {
            table[key] = Int32(n)
            reference[key] = Int32(n)
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value, "key \(key)") }
        for _ in 0..<2_000 {
            let absent = random.next()
            #expect(table[absent] == reference[absent])
        }
        var seen: [UInt64: Int32] = [:]
        table.forEach { key, value in seen[key] = value }
        #expect(seen == reference)
    }

    @Test func equalityIgnoresTheOrderKeysWereAddedIn() {
        var a = FingerprintTable()
        var b = FingerprintTable(minimumCapacity: 1_000)
        for key in UInt64(0)..<200 { a[key &* 0x1_0000_0001] = Int32(key) }
        for key in (UInt64(0)..<200).reversed() { b[key &* 0x1_0000_0001] = Int32(key) }
        #expect(a == b)
        b[5 &* 0x1_0000_0001] = 99
        #expect(a != b)
    }
}
