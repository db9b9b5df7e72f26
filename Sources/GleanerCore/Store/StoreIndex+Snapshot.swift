/// How the store index is stored in an index snapshot: four sections, one per part, each
/// read back (on its own, so side by side with the others) into exactly the structure it came
/// from. `positions` is not stored: it is the inverse of the summaries' ids and is rebuilt
/// from them.
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

    /// The article summaries and the id → position map rebuilt from them (section 1).
    struct SummariesPart {
        var summaries: [ArticleSummary]
        var positions: [String: Int]
    }

    /// The URL and content-hash maps, version counts, current hashes and counts (section 2).
    struct MapsPart {
        var byURL: [String: Int]
        var byContentHash: [String: Int]
        var indexedVersions: [Int]
        var currentHashes: [String]
        var counts: StoreCounts
    }

    /// Who delivered what to which article (section 3).
    struct DeliveriesPart {
        var deliveries: [Set<Delivery>]
        var firstArticleOfDelivery: [Delivery: Int]
    }

    /// Puts together the parts `StoreIndexSnapshot.decode` read side by side (each section
    /// on its own reader, so the parts decode in parallel: at a million articles each is
    /// seconds of hashing strings into tables). The near-duplicate index comes by `adopt`.
    init(_ summaries: SummariesPart, _ maps: MapsPart, _ deliveries: DeliveriesPart) {
        self.init()
        self.summaries = summaries.summaries
        positions = summaries.positions
        byURL = maps.byURL
        byContentHash = maps.byContentHash
        indexedVersions = maps.indexedVersions
        currentHashes = maps.currentHashes
        counts = maps.counts
        self.deliveries = deliveries.deliveries
        firstArticleOfDelivery = deliveries.firstArticleOfDelivery
    }

    /// The capacity a table loaded with `count` entries is given: a quarter more. Loaded at
    /// exactly its size, every table and array would grow — and copy or rehash everything
    /// it holds, a second at a million articles — on the first article ingested after a
    /// restart. The spare room also keeps the hash tables' probes short while they load.
    static func roomToGrow(_ count: Int) -> Int { count + count / 4 + 64 }

    /// How many articles the summaries section holds, read from its first number alone, so
    /// the other sections can check their positions while the summaries are still decoding.
    static func articleCount(inSummaries reader: inout SnapshotReader) throws(SnapshotDamage) -> Int {
        guard try reader.u32() == SnapshotSection.summaries.rawValue else { throw SnapshotDamage("the first section is not the summaries") }
        _ = try reader.u64()
        return try reader.count(atMost: Int(Int32.max), "article count")
    }

    static func decodeSummaries(from reader: inout SnapshotReader) throws(SnapshotDamage) -> SummariesPart {
        try reader.section(.summaries) { (reader) throws(SnapshotDamage) -> SummariesPart in
            let count = try reader.count(atMost: Int(Int32.max), "article count")
            var summaries: [ArticleSummary] = []
            summaries.reserveCapacity(StoreIndex.roomToGrow(count))
            for _ in 0..<count { summaries.append(try reader.summary()) }
            var positions: [String: Int] = [:]
            positions.reserveCapacity(StoreIndex.roomToGrow(count))
            for (position, summary) in summaries.enumerated() {
                guard positions.updateValue(position, forKey: summary.id) == nil else {
                    throw SnapshotDamage("article \(summary.id) is in the snapshot twice")
                }
            }
            return SummariesPart(summaries: summaries, positions: positions)
        }
    }

    /// Every position is checked against the number of articles, so a damaged payload throws
    /// instead of leaving an index that traps on a lookup.
    static func decodeMaps(from reader: inout SnapshotReader, articles: Int) throws(SnapshotDamage) -> MapsPart {
        try reader.section(.maps) { (reader) throws(SnapshotDamage) -> MapsPart in
            let urls = try reader.count(atMost: articles, "URL count")
            var byURL: [String: Int] = [:]
            byURL.reserveCapacity(StoreIndex.roomToGrow(urls))
            for _ in 0..<urls {
                let url = try reader.string()
                byURL[url] = try reader.position(below: articles, "article of a URL")
            }
            let hashes = try reader.count(atMost: Int(Int32.max), "content hash count")
            var byContentHash: [String: Int] = [:]
            byContentHash.reserveCapacity(StoreIndex.roomToGrow(hashes))
            for _ in 0..<hashes {
                let hash = try reader.string()
                byContentHash[hash] = try reader.position(below: articles, "article of a content hash")
            }
            var indexedVersions: [Int] = []
            indexedVersions.reserveCapacity(StoreIndex.roomToGrow(articles))
            indexedVersions.append(contentsOf: try reader.i32Array(atMost: articles, "indexed versions").lazy.map(Int.init))
            guard indexedVersions.count == articles else {
                throw SnapshotDamage("\(indexedVersions.count) version counts for \(articles) articles")
            }
            var currentHashes: [String] = []
            currentHashes.reserveCapacity(StoreIndex.roomToGrow(articles))
            for _ in 0..<articles { currentHashes.append(try reader.string()) }
            let counts = StoreCounts(
                articles: Int(try reader.i64()), versions: Int(try reader.i64()), sightings: Int(try reader.i64()))
            guard counts.articles == articles else {
                throw SnapshotDamage("the counts say \(counts.articles) articles, the summaries \(articles)")
            }
            return MapsPart(
                byURL: byURL, byContentHash: byContentHash, indexedVersions: indexedVersions, currentHashes: currentHashes,
                counts: counts)
        }
    }

    static func decodeDeliveries(from reader: inout SnapshotReader, articles: Int) throws(SnapshotDamage) -> DeliveriesPart {
        try reader.section(.deliveries) { (reader) throws(SnapshotDamage) -> DeliveriesPart in
            var deliveries: [Set<Delivery>] = []
            deliveries.reserveCapacity(StoreIndex.roomToGrow(articles))
            for _ in 0..<articles {
                let count = try reader.count(atMost: Int(Int32.max), "delivery count")
                var delivered = Set<Delivery>(minimumCapacity: count)
                for _ in 0..<count {
                    delivered.insert(Delivery(source: try reader.sourceRef(), contentHash: try reader.string()))
                }
                deliveries.append(delivered)
            }
            let firsts = try reader.count(atMost: Int(Int32.max), "first delivery count")
            var firstArticleOfDelivery: [Delivery: Int] = [:]
            firstArticleOfDelivery.reserveCapacity(StoreIndex.roomToGrow(firsts))
            for _ in 0..<firsts {
                let delivery = Delivery(source: try reader.sourceRef(), contentHash: try reader.string())
                firstArticleOfDelivery[delivery] = try reader.position(below: articles, "article of a delivery")
            }
            return DeliveriesPart(deliveries: deliveries, firstArticleOfDelivery: firstArticleOfDelivery)
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
