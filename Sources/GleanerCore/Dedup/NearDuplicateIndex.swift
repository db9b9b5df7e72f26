/// Locality-sensitive hashing over MinHash sketches: finds the stored article versions that
/// probably resemble a text, without comparing it to each of them. Owned by `StoreIndex`.
///
/// Memory per indexed version is one dictionary slot and one chain link per band (about 25 × 28
/// bytes); sketches themselves are not kept. A band key maps to the newest member with that key,
/// and `chain` links each member's band slot to the previous member with the same key.
struct NearDuplicateIndex {
    /// An article (its position in the store index) and one of its versions.
    struct Member: Hashable {
        var article: Int32
        var version: Int32
    }

    // Internal rather than private only so that NearDuplicateIndex+Snapshot.swift can save and
    // restore them; nothing else touches them.
    var members: [Member] = []
    var heads: [UInt64: Int32] = [:]
    var chain: [Int32] = []

    var count: Int { members.count }

    mutating func insert(_ member: Member, sketch: MinHashSketch) {
        let index = Int32(members.count)
        members.append(member)
        for key in sketch.bandKeys {
            chain.append(heads[key] ?? -1)
            heads[key] = index
        }
    }

    /// Members sharing at least one band with `sketch`, by article, most shared bands first
    /// (the number of shared bands grows with the resemblance, so the best come first).
    func candidates(for sketch: MinHashSketch) -> [(member: Member, sharedBands: Int)] {
        var shared: [Member: Int] = [:]
        for (band, key) in sketch.bandKeys.enumerated() {
            var next = heads[key] ?? -1
            while next >= 0 {
                shared[members[Int(next)], default: 0] += 1
                next = chain[Int(next) * MinHashSketch.bands + band]
            }
        }
        return shared.map { (member: $0.key, sharedBands: $0.value) }
            .sorted { ($0.sharedBands, $1.member.article, $1.member.version) > ($1.sharedBands, $0.member.article, $0.member.version) }
    }
}
