/// How the near-duplicate index is stored in an index snapshot: its members, its band chains
/// and its band heads exactly as they are in memory, so the restored index gives the same
/// candidates in the same order without a single text being sketched again. Heads are
/// written in the dictionary's own order: sorting 25 keys per version would cost seconds at a
/// million articles, and a reader does not depend on the order.
extension NearDuplicateIndex {
    func encode(into writer: inout SnapshotWriter) {
        writer.int32(members.count)
        for member in members {
            writer.i32(member.article)
            writer.i32(member.version)
        }
        writer.i32Array(chain)
        writer.int32(heads.count)
        for (key, head) in heads {
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
        chain = try reader.i32Array(atMost: count * MinHashSketch.bands, "near-duplicate chain")
        guard chain.count == count * MinHashSketch.bands else {
            throw SnapshotDamage("the near-duplicate chain has \(chain.count) links for \(count) members")
        }
        guard chain.allSatisfy({ $0 >= -1 && Int($0) < count }) else {
            throw SnapshotDamage("a near-duplicate chain link is outside the \(count) members")
        }
        let headCount = try reader.count(atMost: chain.count, "near-duplicate head count")
        heads.reserveCapacity(headCount)
        for _ in 0..<headCount {
            let key = try reader.u64()
            heads[key] = Int32(try reader.position(below: count, "near-duplicate head"))
        }
    }
}
