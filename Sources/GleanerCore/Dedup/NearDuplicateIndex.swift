/// Finds the stored article versions that may share a passage with a text, without comparing it
/// to each of them: an inverted index from fingerprint (`Fingerprints`, at most 40 per version)
/// to the versions holding it. A text is looked up by every one of its shingles, so a version is
/// found when the text contains any of its fingerprints — whether the text is the version with
/// boilerplate around it or a part of it. Owned by `StoreIndex`; versions are only ever added.
///
/// What it holds, all plain arrays and a dictionary of fixed-width integers: per member (in
/// insertion order) its article position and version number, its fingerprint count and its
/// distinct shingle count; per entry (one per fingerprint of each member, in insertion order)
/// the member and the previous entry with the same fingerprint (-1 for none); per fingerprint
/// its newest entry. Chains rather than an array per fingerprint: most fingerprints belong to
/// one version, and an array each would cost a heap allocation each (about 28 bytes per
/// fingerprint instead of 60).
///
/// What was loaded from the index snapshot stays where it lies in the mapped file (`loaded`):
/// entries added since are numbered after its entries, and the heads they change are kept in
/// `heads`, which is looked at before the loaded heads.
struct NearDuplicateIndex {
    /// An article (its position in the store index) and one of its versions.
    struct Member: Hashable {
        var article: Int32
        var version: Int32
    }

    /// A member that shares fingerprints with a text: how many, and the share of its own.
    struct Candidate {
        var member: Member
        var sharedFingerprints: Int
        /// Shared fingerprints over the member's fingerprints: roughly the share of the member's
        /// text that the looked-up text contains.
        var coverage: Double
        /// The member's distinct shingle count.
        var shingleCount: Int
    }

    /// A fingerprint held by more versions than this is furniture shared by a whole site (a
    /// navigation line, a copyright notice) and finds nothing useful: it is skipped at lookup,
    /// which also bounds the lookup's cost however large the store grows.
    static let commonFingerprint = 256

    // Internal rather than private only so that NearDuplicateIndex+Snapshot.swift can save and
    // restore them; nothing else touches them.
    var members: [Member] = []
    var fingerprintCounts: [UInt8] = []
    var shingleCounts: [UInt32] = []
    /// The entries and heads read from the index snapshot; empty for an index built in memory.
    var loaded = LoadedEntries()
    /// Heads added or changed since loading.
    var heads = FingerprintTable()
    /// Entries added since loading: entry `loaded.count + i` is `entryMembers[i]`.
    var entryMembers: [Int32] = []
    var chain: [Int32] = []
    /// Every fingerprint held, loaded or added, to skip the heads for the many that are not.
    var filter = FingerprintFilter()

    /// Entries, chains and heads as the index snapshot holds them, used in place.
    struct LoadedEntries {
        var entryMembers = MappedArray<Int32>()
        var chain = MappedArray<Int32>()
        var heads = LoadedFingerprintTable()
        var count: Int { entryMembers.count }
    }

    var count: Int { members.count }
    var entryCount: Int { loaded.count + entryMembers.count }

    /// The newest entry holding `fingerprint`.
    func head(_ fingerprint: UInt64) -> Int32? { heads[fingerprint] ?? loaded.heads[fingerprint] }

    /// The member an entry belongs to.
    func member(ofEntry entry: Int32) -> Int32 {
        let index = Int(entry)
        return index < loaded.count ? loaded.entryMembers[index] : entryMembers[index - loaded.count]
    }

    /// The previous entry with the same fingerprint, or -1.
    func previous(_ entry: Int32) -> Int32 {
        let index = Int(entry)
        return index < loaded.count ? loaded.chain[index] : chain[index - loaded.count]
    }

    mutating func insert(_ member: Member, fingerprints: Fingerprints, shingleCount: Int) {
        let index = Int32(members.count)
        members.append(member)
        fingerprintCounts.append(UInt8(clamping: fingerprints.values.count))
        shingleCounts.append(UInt32(clamping: shingleCount))
        for value in fingerprints.values {
            let entry = Int32(entryCount)
            let previous = head(value)
            chain.append(previous ?? -1)
            entryMembers.append(index)
            heads[value] = entry
            if previous == nil {
                filter.insert(value)
                if filter.isFull { filter = makeFilter(capacity: 2 * filter.count) }
            }
        }
    }

    /// A filter holding every fingerprint of the index, with room for `capacity`.
    func makeFilter(capacity: Int) -> FingerprintFilter {
        var filter = FingerprintFilter(capacity: capacity)
        let loadedKeys = loaded.heads.keys
        for slot in 0..<loadedKeys.count where loadedKeys[slot] != FingerprintTable.empty {
            filter.insert(loadedKeys[slot])
        }
        if loaded.heads.emptyKeyValue != nil { filter.insert(FingerprintTable.empty) }
        // A head changed since loading is in both tables: counted twice, set once.
        heads.forEach { key, _ in filter.insert(key) }
        return filter
    }

    /// Members holding at least one of `shingles`' hashes as a fingerprint, best first: the
    /// highest coverage, then the most shared fingerprints, then the oldest (ties broken by
    /// position, so the order is a function of the store's content). `keeping` is the caller's
    /// bound, applied before the ordering: at a million articles a text shares a fingerprint or
    /// two with thousands of stored versions by chance, and most fail any bound at once.
    func candidates(for shingles: Shingles, keeping keep: (Candidate) -> Bool = { _ in true }) -> [Candidate] {
        var found: [Candidate] = []
        for (index, count) in sharedFingerprints(of: shingles) {
            let i = Int(index)
            let candidate = Candidate(
                member: members[i], sharedFingerprints: count,
                coverage: Double(count) / Double(max(1, Int(fingerprintCounts[i]))), shingleCount: Int(shingleCounts[i]))
            if keep(candidate) { found.append(candidate) }
        }
        return found.sorted {
            ($0.coverage, $0.sharedFingerprints, $1.member.article, $1.member.version)
                > ($1.coverage, $1.sharedFingerprints, $0.member.article, $0.member.version)
        }
    }

    /// How many of `shingles`' hashes each member (by index) holds as a fingerprint; a
    /// fingerprint held by more than `commonFingerprint` members counts for none.
    ///
    /// The chains are walked side by side, one step of each in turn, rather than one after
    /// another. At a million articles each step reads two arrays of hundreds of megabytes where
    /// the cache has never been, and a step waits for the one before it in its own chain only:
    /// steps of different chains are independent, so the processor has many of those reads in
    /// flight at once instead of one.
    private func sharedFingerprints(of shingles: Shingles) -> [Int32: Int] {
        var cursors: [Int32] = []
        for hash in shingles.hashes {
            guard filter.mayContain(hash), let entry = head(hash) else { continue }
            cursors.append(entry)
        }
        var lengths = [Int](repeating: 0, count: cursors.count)
        var holders: [(chain: Int32, member: Int32)] = []
        var active = Array(cursors.indices)
        while !active.isEmpty {
            var kept = 0
            for slot in active.indices {
                let chain = active[slot]
                let entry = cursors[chain]
                holders.append((Int32(chain), member(ofEntry: entry)))
                lengths[chain] += 1
                let next = previous(entry)
                // A chain longer than `commonFingerprint` is dropped whole: no need to walk on.
                if next >= 0 && lengths[chain] <= Self.commonFingerprint {
                    cursors[chain] = next
                    active[kept] = chain
                    kept += 1
                }
            }
            active.removeLast(active.count - kept)
        }
        var shared: [Int32: Int] = [:]
        shared.reserveCapacity(holders.count)
        for (chain, member) in holders where lengths[Int(chain)] <= Self.commonFingerprint {
            shared[member, default: 0] += 1
        }
        return shared
    }
}
