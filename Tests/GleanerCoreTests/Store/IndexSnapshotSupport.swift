import Foundation
import Testing
@testable import GleanerCore

/// A store index seen without its positions (which depend on the order articles were taken
/// in): every map by article id, and the near-duplicate index by the candidates it gives for
/// every stored version. Two indexes that give the same answers have equal views.
struct IndexView: Equatable {
    var summaries: [String: ArticleSummary] = [:]
    var urls: [String: String] = [:]
    var hashes: [ContentKey: String] = [:]
    var deliveries: [String: Set<StoreIndex.Delivery>] = [:]
    var firstDeliveries: [StoreIndex.Delivery: String] = [:]
    var versions: [String: Int] = [:]
    var currentHashes: [String: ContentKey] = [:]
    var counts = StoreCounts()
    var nearMembers: Set<String> = []
    var candidates: [String: [String]] = [:]

    init(_ store: ArticleStore) throws {
        let index = store.index
        let id = { (position: Int) in index.id(at: position) }
        for summary in index.summaries { summaries[summary.id] = summary }
        for (url, position) in index.byURL { urls[url] = id(position) }
        for (hash, position) in index.byContentHash { hashes[hash] = id(position) }
        let delivery = { (key: StoreIndex.DeliveryKey) in StoreIndex.Delivery(source: index.sources.source(key.source), content: key.content) }
        for placed in index.delivered { deliveries[id(Int(placed.position)), default: []].insert(delivery(placed.delivery)) }
        for (key, position) in index.firstArticleOfDelivery { firstDeliveries[delivery(key)] = id(position) }
        for (position, count) in index.indexedVersions.enumerated() { versions[id(position)] = count }
        for (position, hash) in index.currentHashes.enumerated() { currentHashes[id(position)] = hash }
        counts = index.counts
        nearMembers = Set(index.near.members.map { "\(id(Int($0.article)))/\($0.version)" })
        for summary in index.summaries {
            for version in try store.read(id: summary.id).versions {
                let words = ContentNormalizer.words(normalized: PreparedDraft.content(of: version))
                guard words.count >= Shingles.minimumWords else { continue }
                candidates["\(summary.id)/\(version.version)"] = index.nearCandidates(for: Shingles(words: words))
                    .map { "\(id(Int($0.member.article)))/\($0.member.version)" }
            }
        }
    }
}

/// The exact structures of two indexes with the same positions: what a snapshot round trip
/// must keep bit for bit.
func expectSameStructure(_ a: StoreIndex, _ b: StoreIndex, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.summaries == b.summaries, sourceLocation: sourceLocation)
    #expect(a.positions == b.positions, sourceLocation: sourceLocation)
    #expect(a.byURL == b.byURL, sourceLocation: sourceLocation)
    #expect(a.byContentHash == b.byContentHash, sourceLocation: sourceLocation)
    #expect(a.sources == b.sources, sourceLocation: sourceLocation)
    #expect(a.delivered == b.delivered, sourceLocation: sourceLocation)
    #expect(a.firstArticleOfDelivery == b.firstArticleOfDelivery, sourceLocation: sourceLocation)
    #expect(a.indexedVersions == b.indexedVersions, sourceLocation: sourceLocation)
    #expect(a.currentHashes == b.currentHashes, sourceLocation: sourceLocation)
    #expect(a.counts == b.counts, sourceLocation: sourceLocation)
    #expect(a.near.members == b.near.members, sourceLocation: sourceLocation)
    #expect(a.near.allHeads == b.near.allHeads, sourceLocation: sourceLocation)
    #expect(a.near.allChains == b.near.allChains, sourceLocation: sourceLocation)
    #expect(a.near.allEntryMembers == b.near.allEntryMembers, sourceLocation: sourceLocation)
    #expect(a.near.fingerprintCounts == b.near.fingerprintCounts, sourceLocation: sourceLocation)
    #expect(a.near.shingleCounts == b.near.shingleCounts, sourceLocation: sourceLocation)
}

enum IndexSnapshotFixture {
    typealias Draft = StoreTestDraft

    /// A store with every kind of thing the index holds: articles with and without URL,
    /// versions, exact, near and URL sightings, a return, inbox and feed sources.
    static func populate(_ directory: StoreTestDirectory) async throws {
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)
        let feed = SourceRef(kind: .feed, name: "news")
        let inputs: [([Draft], String, SourceRef?)] = [
            ([Draft(url: "https://example.org/a", headline: "A", body: StoreTestTexts.longStory)], "a.json", feed),
            ([Draft(body: "Short item one.")], "b.txt", nil),
            ([Draft(body: StoreTestTexts.longStoryEdited)], "c.txt", nil),
            ([Draft(body: "short item ONE.")], "d.txt", nil),
            ([Draft(url: "https://example.org/a", headline: "A2", body: StoreTestTexts.longStory + "\n\nA correction was added to the end of this story with several new words in it.")], "e.json", feed),
            ([Draft(url: "https://example.org/a", headline: "A", body: StoreTestTexts.longStory)], "f.json", feed),
            ([Draft(url: "https://example.org/z", body: "A different story about the weather, which was fine.")], "g.json", feed),
        ]
        for (drafts, name, source) in inputs {
            clock.advance(60)
            _ = try await ingestor.ingest(StoreTestFixture.document(drafts, name: name, source: source))
        }
    }

    static func open(_ directory: StoreTestDirectory, snapshotEvery: Int = ArticleStore.defaultSnapshotEvery) throws -> ArticleStore {
        try ArticleStore(directory: directory.url, logger: StoreTestFixture.logger, snapshotEvery: snapshotEvery)
    }

    /// An `Ingestor` over `store` with the default settings and the test drafts' parser.
    static func ingestor(_ store: sending ArticleStore) -> Ingestor {
        Ingestor(store: store, settings: IngestSettings(), parse: StoreTestDraft.parse, clock: { Date() }, logger: StoreTestFixture.logger)
    }

    static func snapshotPath(_ directory: StoreTestDirectory) -> String {
        directory.path + "/index/snapshot"
    }

    /// The index as a full rebuild makes it: the snapshot moved away, the store opened, the
    /// snapshot put back.
    static func rebuiltView(_ directory: StoreTestDirectory) throws -> IndexView {
        let path = snapshotPath(directory)
        let aside = path + ".aside"
        try? FileManager.default.removeItem(atPath: aside)
        let had = FileManager.default.fileExists(atPath: path)
        if had { try FileManager.default.moveItem(atPath: path, toPath: aside) }
        defer {
            try? FileManager.default.removeItem(atPath: path)
            if had { try? FileManager.default.moveItem(atPath: aside, toPath: path) }
        }
        let store = try open(directory)
        guard case .rebuilt = store.indexOrigin else {
            Issue.record("expected a rebuild, got \(store.indexOrigin)")
            return try IndexView(store)
        }
        return try IndexView(store)
    }
}
