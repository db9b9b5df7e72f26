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
            let hashes = Array(byContentHash)
            writer.contentKeys(hashes.map(\.key))
            writer.i32Array(hashes.map { Int32(truncatingIfNeeded: $0.value) })
            writer.i32Array(indexedVersions.map { Int32(truncatingIfNeeded: $0) })
            writer.contentKeys(currentHashes)
            writer.i64(Int64(counts.articles))
            writer.i64(Int64(counts.versions))
            writer.i64(Int64(counts.sightings))
        }
        // Sources by name once, then every delivery as numbers: three arrays for the deliveries
        // (article, source, content) and three for the first article of each.
        writer.section(.deliveries) { writer in
            writer.int32(sources.count)
            for source in sources.sources { writer.sourceRef(source) }
            let placed = Array(delivered)
            writer.i32Array(placed.map(\.position))
            writer.i32Array(placed.map(\.delivery.source))
            writer.contentKeys(placed.map(\.delivery.content))
            let firsts = Array(firstArticleOfDelivery)
            writer.i32Array(firsts.map { Int32(truncatingIfNeeded: $0.value) })
            writer.i32Array(firsts.map(\.key.source))
            writer.contentKeys(firsts.map(\.key.content))
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
        var byContentHash: [ContentKey: Int]
        var indexedVersions: [Int]
        var currentHashes: [ContentKey]
        var counts: StoreCounts
    }

    /// Who delivered what to which article (section 3).
    struct DeliveriesPart {
        var sources: SourceNumbers
        var delivered: Set<PlacedDelivery>
        var firstArticleOfDelivery: [DeliveryKey: Int]
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
        sources = deliveries.sources
        delivered = deliveries.delivered
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
            let hashes = try reader.contentKeys("content hashes")
            let owners = try reader.i32Array(atMost: hashes.count, "articles of content hashes")
            guard owners.count == hashes.count else {
                throw SnapshotDamage("\(owners.count) articles for \(hashes.count) content hashes")
            }
            var byContentHash: [ContentKey: Int] = [:]
            byContentHash.reserveCapacity(StoreIndex.roomToGrow(hashes.count))
            for (key, owner) in zip(hashes, owners) {
                guard owner >= 0, Int(owner) < articles else { throw SnapshotDamage("article of a content hash \(owner) is not below \(articles)") }
                byContentHash[key] = Int(owner)
            }
            var indexedVersions: [Int] = []
            indexedVersions.reserveCapacity(StoreIndex.roomToGrow(articles))
            indexedVersions.append(contentsOf: try reader.i32Array(atMost: articles, "indexed versions").lazy.map(Int.init))
            guard indexedVersions.count == articles else {
                throw SnapshotDamage("\(indexedVersions.count) version counts for \(articles) articles")
            }
            let current = try reader.contentKeys("current content hashes")
            guard current.count == articles else { throw SnapshotDamage("\(current.count) current content hashes for \(articles) articles") }
            var currentHashes: [ContentKey] = []
            currentHashes.reserveCapacity(StoreIndex.roomToGrow(articles))
            currentHashes.append(contentsOf: current)
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
            let sourceCount = try reader.count(atMost: Int(Int32.max), "source count")
            var sourceList: [SourceRef] = []
            for _ in 0..<sourceCount { sourceList.append(try reader.sourceRef()) }
            let sources = try SourceNumbers(sourceList)
            func source(_ number: Int32) throws(SnapshotDamage) -> Int32 {
                guard number >= 0, Int(number) < sourceCount else { throw SnapshotDamage("source \(number) is not below \(sourceCount)") }
                return number
            }
            func position(_ number: Int32) throws(SnapshotDamage) -> Int32 {
                guard number >= 0, Int(number) < articles else { throw SnapshotDamage("article of a delivery \(number) is not below \(articles)") }
                return number
            }

            let placedPositions = try reader.i32Array(atMost: Int(Int32.max), "delivery articles")
            let placedSources = try reader.i32Array(atMost: placedPositions.count, "delivery sources")
            let placedContents = try reader.contentKeys("delivered contents")
            guard placedSources.count == placedPositions.count, placedContents.count == placedPositions.count else {
                throw SnapshotDamage("deliveries: \(placedPositions.count) articles, \(placedSources.count) sources, \(placedContents.count) contents")
            }
            var delivered = Set<PlacedDelivery>(minimumCapacity: StoreIndex.roomToGrow(placedPositions.count))
            for index in 0..<placedPositions.count {
                let key = DeliveryKey(source: try source(placedSources[index]), content: placedContents[index])
                delivered.insert(PlacedDelivery(position: try position(placedPositions[index]), delivery: key))
            }

            let firstPositions = try reader.i32Array(atMost: Int(Int32.max), "first delivery articles")
            let firstSources = try reader.i32Array(atMost: firstPositions.count, "first delivery sources")
            let firstContents = try reader.contentKeys("first delivered contents")
            guard firstSources.count == firstPositions.count, firstContents.count == firstPositions.count else {
                throw SnapshotDamage("first deliveries: \(firstPositions.count) articles, \(firstSources.count) sources, \(firstContents.count) contents")
            }
            var firstArticleOfDelivery: [DeliveryKey: Int] = [:]
            firstArticleOfDelivery.reserveCapacity(StoreIndex.roomToGrow(firstPositions.count))
            for index in 0..<firstPositions.count {
                let key = DeliveryKey(source: try source(firstSources[index]), content: firstContents[index])
                firstArticleOfDelivery[key] = Int(try position(firstPositions[index]))
            }
            return DeliveriesPart(sources: sources, delivered: delivered, firstArticleOfDelivery: firstArticleOfDelivery)
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
