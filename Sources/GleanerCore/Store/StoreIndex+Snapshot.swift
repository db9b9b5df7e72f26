/// How the store index is stored in an index snapshot: four sections, one per part, each
/// read back into exactly the structure it came from. `positions` is not stored: it is the
/// inverse of the summaries' ids and is rebuilt from them.
extension StoreIndex {
    func encode(into writer: inout SnapshotWriter) {
        writer.section(.summaries) { writer in
            writer.int32(summaries.count)
            for summary in summaries { writer.summary(summary) }
        }
        writer.section(.maps) { writer in
            writer.int32(byURL.count)
            for (url, position) in byURL {
                writer.string(url)
                writer.int32(position)
            }
            writer.int32(byContentHash.count)
            for (hash, position) in byContentHash {
                writer.string(hash)
                writer.int32(position)
            }
            writer.i32Array(indexedVersions.map { Int32(truncatingIfNeeded: $0) })
            for hash in currentHashes { writer.string(hash) }
            writer.i64(Int64(counts.articles))
            writer.i64(Int64(counts.versions))
            writer.i64(Int64(counts.sightings))
        }
        writer.section(.deliveries) { writer in
            for delivered in deliveries {
                writer.int32(delivered.count)
                for delivery in delivered {
                    writer.sourceRef(delivery.source)
                    writer.string(delivery.contentHash)
                }
            }
            writer.int32(firstArticleOfDelivery.count)
            for (delivery, position) in firstArticleOfDelivery {
                writer.sourceRef(delivery.source)
                writer.string(delivery.contentHash)
                writer.int32(position)
            }
        }
        writer.section(.nearDuplicates) { writer in near.encode(into: &writer) }
    }

    /// Reads what `encode` wrote but the near-duplicate section, which the caller decodes (in
    /// parallel) and hands to `adopt`. Every position is checked against the number of articles, so
    /// a damaged payload throws instead of leaving an index that traps on a lookup.
    init(from reader: inout SnapshotReader) throws(SnapshotDamage) {
        self.init()
        let summaries = try reader.section(.summaries) { (reader) throws(SnapshotDamage) -> [ArticleSummary] in
            let count = try reader.count(atMost: Int(Int32.max), "article count")
            var summaries: [ArticleSummary] = []
            summaries.reserveCapacity(count)
            for _ in 0..<count { summaries.append(try reader.summary()) }
            return summaries
        }
        let articles = summaries.count
        self.summaries = summaries
        positions.reserveCapacity(articles)
        for (position, summary) in summaries.enumerated() {
            guard positions.updateValue(position, forKey: summary.id) == nil else {
                throw SnapshotDamage("article \(summary.id) is in the snapshot twice")
            }
        }
        try reader.section(.maps) { (reader) throws(SnapshotDamage) in
            let urls = try reader.count(atMost: articles, "URL count")
            byURL.reserveCapacity(urls)
            for _ in 0..<urls {
                let url = try reader.string()
                byURL[url] = try reader.position(below: articles, "article of a URL")
            }
            let hashes = try reader.count(atMost: Int(Int32.max), "content hash count")
            byContentHash.reserveCapacity(hashes)
            for _ in 0..<hashes {
                let hash = try reader.string()
                byContentHash[hash] = try reader.position(below: articles, "article of a content hash")
            }
            indexedVersions = try reader.i32Array(atMost: articles, "indexed versions").map(Int.init)
            guard indexedVersions.count == articles else {
                throw SnapshotDamage("\(indexedVersions.count) version counts for \(articles) articles")
            }
            currentHashes.reserveCapacity(articles)
            for _ in 0..<articles { currentHashes.append(try reader.string()) }
            counts = StoreCounts(
                articles: Int(try reader.i64()), versions: Int(try reader.i64()), sightings: Int(try reader.i64()))
            guard counts.articles == articles else {
                throw SnapshotDamage("the counts say \(counts.articles) articles, the summaries \(articles)")
            }
        }
        try reader.section(.deliveries) { (reader) throws(SnapshotDamage) in
            deliveries.reserveCapacity(articles)
            for _ in 0..<articles {
                let count = try reader.count(atMost: Int(Int32.max), "delivery count")
                var delivered = Set<Delivery>(minimumCapacity: count)
                for _ in 0..<count {
                    delivered.insert(Delivery(source: try reader.sourceRef(), contentHash: try reader.string()))
                }
                deliveries.append(delivered)
            }
            let firsts = try reader.count(atMost: Int(Int32.max), "first delivery count")
            firstArticleOfDelivery.reserveCapacity(firsts)
            for _ in 0..<firsts {
                let delivery = Delivery(source: try reader.sourceRef(), contentHash: try reader.string())
                firstArticleOfDelivery[delivery] = try reader.position(below: articles, "article of a delivery")
            }
        }
    }

    /// Takes the near-duplicate index, decoded beside the rest (`StoreIndexSnapshot.decode`),
    /// once its members are known to point at articles this index holds.
    mutating func adopt(_ near: NearDuplicateIndex) throws(SnapshotDamage) {
        let articles = summaries.count
        guard near.members.allSatisfy({ Int($0.article) < articles }) else {
            throw SnapshotDamage("a near-duplicate member points past the \(articles) articles")
        }
        self.near = near
    }
}
