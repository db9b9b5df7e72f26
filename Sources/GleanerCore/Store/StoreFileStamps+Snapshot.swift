/// How the file stamps are stored in an index snapshot: one 64-bit stamp per article position,
/// then the unreadable files and the shard directories as (name, stamp) pairs.
extension StoreFileStamps {
    func encode(into writer: inout SnapshotWriter) {
        writer.section(.fileStamps) { writer in
            writer.int32(articles.count)
            for stamp in articles { writer.u64(stamp) }
            writer.int32(unreadable.count)
            for (id, stamp) in unreadable.sorted(by: { $0.key < $1.key }) {
                writer.string(id)
                writer.u64(stamp)
            }
            writer.int32(shards.count)
            for (name, stamp) in shards.sorted(by: { $0.key < $1.key }) {
                writer.string(name)
                writer.u64(stamp)
            }
        }
    }

    /// Reads what `encode` wrote; there must be one stamp per article of the index.
    init(from reader: inout SnapshotReader, articles count: Int) throws(SnapshotDamage) {
        self.init()
        try reader.section(.fileStamps) { (reader) throws(SnapshotDamage) in
            let stamps = try reader.count(atMost: count, "article stamp count")
            guard stamps == count else { throw SnapshotDamage("\(stamps) file stamps for \(count) articles") }
            articles.reserveCapacity(StoreIndex.roomToGrow(count))
            for _ in 0..<count { articles.append(try reader.u64()) }
            let unreadableCount = try reader.count(atMost: Int(Int32.max), "unreadable file count")
            for _ in 0..<unreadableCount {
                let id = try reader.string()
                unreadable[id] = try reader.u64()
            }
            let shardCount = try reader.count(atMost: 1 << 16, "shard count")
            for _ in 0..<shardCount {
                let name = try reader.string()
                shards[name] = try reader.u64()
            }
        }
    }
}
