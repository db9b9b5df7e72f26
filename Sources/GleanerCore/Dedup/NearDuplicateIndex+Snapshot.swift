/// How the near-duplicate index is stored in an index snapshot: its members (with their
/// fingerprint and shingle counts), its fingerprint entries and chains, and its fingerprint
/// heads, so the restored index gives the same candidates in the same order without a single
/// text being shingled again. Heads are written in the table's slot order: sorting them would
/// cost seconds at a million articles, and a reader does not depend on the order (it places
/// them into a table sized for all of them at once, so nothing is moved while loading). Every
/// count and link is checked on the way in, so a damaged file that passed the checksum is
/// refused rather than followed out of bounds.
extension NearDuplicateIndex {
    func encode(into writer: inout SnapshotWriter) {
        writer.int32(members.count)
        for member in members {
            writer.i32(member.article)
            writer.i32(member.version)
        }
        writer.i32Array(fingerprintCounts.map { Int32($0) })
        writer.i32Array(shingleCounts.map { Int32(bitPattern: $0) })
        writer.i32Array(entryMembers)
        writer.i32Array(chain)
        writer.int32(heads.count)
        heads.forEach { key, head in
            writer.u64(key)
            writer.i32(head)
        }
    }

    /// Reads what `encode` wrote; `articles` is how many article positions the store index
    /// holds, which every member must be below.
    init(from reader: inout SnapshotReader, articles: Int) throws(SnapshotDamage) {
        self.init()
        let count = try reader.count(atMost: Int(Int32.max), "near-duplicate member count")
        members.reserveCapacity(count)
        for _ in 0..<count {
            let article = try reader.position(below: articles, "near-duplicate member's article")
            members.append(Member(article: Int32(article), version: try reader.i32()))
        }
        let perMember = try reader.i32Array(atMost: count, "near-duplicate fingerprint counts")
        guard perMember.count == count, perMember.allSatisfy({ (0...Int32(UInt8.max)).contains($0) }) else {
            throw SnapshotDamage("the near-duplicate fingerprint counts do not fit the \(count) members")
        }
        fingerprintCounts = perMember.map { UInt8($0) }
        let shingles = try reader.i32Array(atMost: count, "near-duplicate shingle counts")
        guard shingles.count == count else {
            throw SnapshotDamage("the near-duplicate index has \(shingles.count) shingle counts for \(count) members")
        }
        shingleCounts = shingles.map { UInt32(bitPattern: $0) }
        let entries = fingerprintCounts.reduce(0) { $0 + Int($1) }
        entryMembers = try reader.i32Array(atMost: entries, "near-duplicate entries")
        guard entryMembers.count == entries, entryMembers.allSatisfy({ $0 >= 0 && Int($0) < count }) else {
            throw SnapshotDamage("the near-duplicate entries do not fit \(entries) fingerprints of \(count) members")
        }
        chain = try reader.i32Array(atMost: entries, "near-duplicate chain")
        guard chain.count == entries, chain.allSatisfy({ $0 >= -1 && Int($0) < entries }) else {
            throw SnapshotDamage("the near-duplicate chain does not fit its \(entries) entries")
        }
        let headCount = try reader.count(atMost: entries, "near-duplicate head count")
        heads = FingerprintTable(minimumCapacity: headCount)
        for _ in 0..<headCount {
            let key = try reader.u64()
            heads[key] = Int32(try reader.position(below: entries, "near-duplicate head"))
        }
    }
}
