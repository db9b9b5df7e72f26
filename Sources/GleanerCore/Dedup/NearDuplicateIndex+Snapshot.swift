/// How the near-duplicate index is stored in an index snapshot: its members (with their
/// fingerprint and shingle counts), then its fingerprint entries, chains and heads as raw
/// aligned arrays — the heads as the slots of one `FingerprintTable`, what was loaded and what
/// was added since merged — so that a reader uses them where they lie in the mapped file
/// (`LoadedFingerprintTable`) and the restored index gives the same candidates in the same
/// order without a single text being shingled again. Every count and link is checked on the
/// way in, so a damaged file that passed the checksum is refused rather than followed out of
/// bounds.
extension NearDuplicateIndex {
    func encode(into writer: inout SnapshotWriter) {
        writer.int32(members.count)
        for member in members {
            writer.i32(member.article)
            writer.i32(member.version)
        }
        writer.i32Array(fingerprintCounts.map { Int32($0) })
        writer.i32Array(shingleCounts.map { Int32(bitPattern: $0) })
        writer.rawArray(loaded.entryMembers.buffer, entryMembers)
        writer.rawArray(loaded.chain.buffer, chain)
        let table = allHeads
        writer.int32(table.count)
        if let value = table.emptyKeyValue {
            writer.u8(1)
            writer.i32(value)
        } else {
            writer.u8(0)
        }
        table.keys.withUnsafeBufferPointer { writer.rawArray($0) }
        table.values.withUnsafeBufferPointer { writer.rawArray($0) }
    }

    /// Every fingerprint's newest entry in one table: the loaded slots with the heads added
    /// or changed since put in.
    var allHeads: FingerprintTable {
        guard !loaded.heads.keys.isEmpty else { return heads }
        var table = FingerprintTable(copying: loaded.heads)
        heads.forEach { key, entry in table[key] = entry }
        return table
    }

    /// Every entry's member, loaded and added since, in entry order.
    var allEntryMembers: [Int32] { Array(loaded.entryMembers) + entryMembers }

    /// Every entry's previous entry, loaded and added since, in entry order.
    var allChains: [Int32] { Array(loaded.chain) + chain }

    /// Reads what `encode` wrote; `articles` is how many article positions the store index
    /// holds, which every member must be below.
    init(from reader: inout SnapshotReader, articles: Int) throws(SnapshotDamage) {
        self.init()
        let count = try reader.count(atMost: Int(Int32.max), "near-duplicate member count")
        members.reserveCapacity(StoreIndex.roomToGrow(count))
        for _ in 0..<count {
            let article = try reader.position(below: articles, "near-duplicate member's article")
            members.append(Member(article: Int32(article), version: try reader.i32()))
        }
        let perMember = try reader.i32Array(atMost: count, "near-duplicate fingerprint counts")
        guard perMember.count == count, perMember.allSatisfy({ (0...Int32(UInt8.max)).contains($0) }) else {
            throw SnapshotDamage("the near-duplicate fingerprint counts do not fit the \(count) members")
        }
        fingerprintCounts.reserveCapacity(StoreIndex.roomToGrow(count))
        fingerprintCounts.append(contentsOf: perMember.lazy.map { UInt8($0) })
        let shingles = try reader.i32Array(atMost: count, "near-duplicate shingle counts")
        guard shingles.count == count else {
            throw SnapshotDamage("the near-duplicate index has \(shingles.count) shingle counts for \(count) members")
        }
        shingleCounts.reserveCapacity(StoreIndex.roomToGrow(count))
        shingleCounts.append(contentsOf: shingles.lazy.map { UInt32(bitPattern: $0) })
        let entries = fingerprintCounts.reduce(0) { $0 + Int($1) }
        let entryMembers = try reader.mappedArray(of: Int32.self, atMost: entries, "near-duplicate entries")
        let memberLimit = Int32(count)
        guard entryMembers.count == entries, entryMembers.allSatisfy({ $0 >= 0 && $0 < memberLimit }) else {
            throw SnapshotDamage("the near-duplicate entries do not fit \(entries) fingerprints of \(count) members")
        }
        let chain = try reader.mappedArray(of: Int32.self, atMost: entries, "near-duplicate chain")
        let entryLimit = Int32(entries)
        guard chain.count == entries, chain.allSatisfy({ $0 >= -1 && $0 < entryLimit }) else {
            throw SnapshotDamage("the near-duplicate chain does not fit its \(entries) entries")
        }
        let headCount = try reader.count(atMost: entries, "near-duplicate head count")
        let emptyKeyValue: Int32?
        switch try reader.u8() {
        case 0: emptyKeyValue = nil
        case 1: emptyKeyValue = try reader.i32()
        case let other: throw SnapshotDamage("the near-duplicate heads' flag \(other) is neither 0 nor 1")
        }
        let keys = try reader.mappedArray(of: UInt64.self, atMost: Int(Int32.max), "near-duplicate head slots")
        let values = try reader.mappedArray(of: Int32.self, atMost: Int(Int32.max), "near-duplicate head values")
        let heads = try LoadedFingerprintTable(keys: keys, values: values, emptyKeyValue: emptyKeyValue, count: headCount, entries: entries)
        loaded = LoadedEntries(entryMembers: entryMembers, chain: chain, heads: heads)
        filter = makeFilter(capacity: StoreIndex.roomToGrow(headCount))
    }
}
