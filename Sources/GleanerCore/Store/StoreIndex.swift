import Foundation

/// The in-memory view of the store that identity works from, rebuilt from the article files at
/// open and kept current by every commit. It holds no bodies: summaries for `list`, the maps
/// from canonical URL and from version content hash to an article, the record of which source
/// delivered which content to which article (replays), and the near-duplicate index. Owned by
/// `ArticleStore`, so by the `Ingestor` actor; saved whole in the index snapshot
/// (`StoreIndex+Snapshot.swift`) so that a restart does not read every article again.
struct StoreIndex {
    /// Who delivered what: the key that makes a replay of an input a no-op.
    struct Delivery: Hashable {
        var source: SourceRef
        var content: ContentKey
    }

    /// A delivery as the tables hold it: the source by its number in `sources`.
    struct DeliveryKey: Hashable {
        var source: Int32
        var content: ContentKey
    }

    /// A delivery and the article it was recorded in. One set of these for the whole store
    /// rather than a set per article: a million small sets were a million allocations to make
    /// at every restart.
    struct PlacedDelivery: Hashable {
        var position: Int32
        var delivery: DeliveryKey
    }

    // The stored properties are internal rather than private only so that
    // StoreIndex+Snapshot.swift can save and restore them; everything else goes through the
    // lookups and `record` below.
    var summaries: [ArticleSummary] = []
    var positions: [String: Int] = [:]
    var byURL: [String: Int] = [:]
    var byContentHash: [ContentKey: Int] = [:]
    var sources = SourceNumbers()
    /// The deliveries recorded in each article's versions and sightings.
    var delivered: Set<PlacedDelivery> = []
    /// The first article each delivery went to, for drafts that no URL leads to.
    var firstArticleOfDelivery: [DeliveryKey: Int] = [:]
    /// Per article position, how many of its versions are in `near` already (also its count
    /// of versions, for `counts`).
    var indexedVersions: [Int] = []
    /// Per article position, the content of its current version: a delivery of anything
    /// else under its URL is not a replay.
    var currentHashes: [ContentKey] = []
    var near = NearDuplicateIndex()
    var counts = StoreCounts()

    var ids: Dictionary<String, Int>.Keys { positions.keys }

    func position(of id: String) -> Int? { positions[id] }
    func id(at position: Int) -> String { summaries[position].id }
    func article(withURL url: String) -> Int? { byURL[url] }
    func article(withContent key: ContentKey) -> Int? { byContentHash[key] }

    func currentContent(at position: Int) -> ContentKey { currentHashes[position] }

    func hasDelivered(_ delivery: Delivery, to position: Int) -> Bool {
        guard let key = key(of: delivery) else { return false }
        return delivered.contains(PlacedDelivery(position: Int32(position), delivery: key))
    }

    func article(delivered delivery: Delivery) -> Int? { key(of: delivery).flatMap { firstArticleOfDelivery[$0] } }

    /// The table key of `delivery`; none when its source never delivered anything.
    private func key(of delivery: Delivery) -> DeliveryKey? {
        sources.number(of: delivery.source).map { DeliveryKey(source: $0, content: delivery.content) }
    }

    /// Stored versions that share a fingerprint with `shingles` and that `keep` accepts, best
    /// first (see `NearDuplicateIndex.candidates`).
    func nearCandidates(
        for shingles: Shingles, keeping keep: (NearDuplicateIndex.Candidate) -> Bool = { _ in true }
    ) -> [NearDuplicateIndex.Candidate] {
        near.candidates(for: shingles, keeping: keep)
    }

    /// Takes in a new or changed article. Versions already indexed are not indexed again, so
    /// recording after each commit costs only what the commit added; a version whose shingles
    /// are in `knownShingles` is not normalized and shingled again.
    mutating func record(_ article: Article, knownShingles: [Int: Shingles] = [:]) {
        let position: Int
        if let known = positions[article.id] {
            position = known
            let old = summaries[position]
            counts.versions -= indexedVersions[position]
            counts.sightings -= old.sightings
            if let oldURL = old.url, oldURL != article.url, byURL[oldURL] == position { byURL[oldURL] = nil }
        } else {
            position = summaries.count
            positions[article.id] = position
            summaries.append(ArticleSummary(article))
            indexedVersions.append(0)
            currentHashes.append(.absent)
            counts.articles += 1
        }
        let summary = ArticleSummary(article)
        summaries[position] = summary
        counts.versions += article.versions.count
        counts.sightings += summary.sightings
        currentHashes[position] = article.currentVersion.map { ContentKey($0.contentHash) } ?? .absent
        if let url = article.url, byURL[url] == nil { byURL[url] = position }

        for version in article.versions {
            let content = ContentKey(version.contentHash)
            if byContentHash[content] == nil { byContentHash[content] = position }
            remember(version.source, content, at: position)
        }
        for sighting in article.sightings {
            remember(sighting.source, ContentKey(sighting.contentHash), at: position)
        }
        for version in article.versions.dropFirst(indexedVersions[position]) {
            let shingles: Shingles
            if let known = knownShingles[version.version] {
                shingles = known
            } else {
                let words = ContentNormalizer.words(normalized: PreparedDraft.content(of: version))
                guard words.count >= Shingles.minimumWords else { continue }
                shingles = Shingles(words: words)
            }
            let member = NearDuplicateIndex.Member(article: Int32(position), version: Int32(version.version))
            near.insert(member, fingerprints: Fingerprints(shingles), shingleCount: shingles.hashes.count)
        }
        indexedVersions[position] = article.versions.count
    }

    private mutating func remember(_ source: SourceRef, _ content: ContentKey, at position: Int) {
        let key = DeliveryKey(source: sources.numbering(source), content: content)
        delivered.insert(PlacedDelivery(position: Int32(position), delivery: key))
        if firstArticleOfDelivery[key] == nil { firstArticleOfDelivery[key] = position }
    }
}
