import Foundation
import Testing
@testable import GleanerCore

@Suite struct StoreCheckTests {
    /// A store with two articles, one of them with a second version and a sighting.
    func populatedStore() async throws -> (StoreTestDirectory, [String]) {
        let directory = try StoreTestDirectory()
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)
        let url = "https://news.example.org/harbour"
        _ = try await ingestor.ingest(StoreTestFixture.document([StoreTestDraft(url: url, headline: "Harbour", body: "The harbour plan passed on Tuesday.")], name: "a.json"))
        clock.advance(60)
        _ = try await ingestor.ingest(StoreTestFixture.document([StoreTestDraft(url: url, headline: "Harbour", body: "The harbour plan passed on Tuesday night.")], name: "b.json"))
        _ = try await ingestor.ingest(StoreTestFixture.document([StoreTestDraft(headline: "Ferries", body: "Ferries resumed their timetable.")], name: "c.json"))
        _ = try await ingestor.ingest(StoreTestFixture.document([StoreTestDraft(headline: "Ferries", body: "Ferries resumed their timetable.")], name: "d.json"))
        let ids = await ingestor.exportOrder(since: nil)
        return (directory, ids)
    }

    func file(of id: String, in directory: StoreTestDirectory) -> URL {
        directory.url.appendingPathComponent("articles/\(id.prefix(2))/\(id).json")
    }

    @Test func aSoundStoreHasNoProblemsAndTheRightCounts() async throws {
        let (directory, _) = try await populatedStore()
        defer { directory.remove() }
        let report = try StoreCheck.run(storeDirectory: directory.url)
        #expect(report.problems == [])
        #expect(report.counts == StoreCounts(articles: 2, versions: 3, sightings: 1))
    }

    @Test func reportsDamageEachWithItsFile() async throws {
        let (directory, ids) = try await populatedStore()
        defer { directory.remove() }
        // A document whose text no longer matches its recorded hash.
        let edited = file(of: ids[0], in: directory)
        var article = try ArticleJSON.decoder().decode(Article.self, from: Data(contentsOf: edited))
        article.versions[0].articleBody += " Tampered."
        try ArticleJSON.encoder(pretty: true).encode(article).write(to: edited)
        // A truncated document, and a temporary file a crash left behind.
        let truncated = file(of: ids[1], in: directory)
        let bytes = try Data(contentsOf: truncated)
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let leftover = truncated.deletingLastPathComponent().appendingPathComponent(".\(ids[1]).json.0123456789abcdef.tmp")
        try Data("{".utf8).write(to: leftover)

        let report = try StoreCheck.run(storeDirectory: directory.url)
        let byPath = Dictionary(grouping: report.problems, by: \.path)
        #expect(byPath[edited.path]?.contains { $0.message.contains("contentHash") } == true)
        #expect(byPath[truncated.path]?.contains { $0.message.contains("not a valid article document") } == true)
        #expect(byPath[leftover.path]?.contains { $0.message.contains("temporary file") } == true)
        #expect(report.counts.articles == 1)
    }

    @Test func findsInconsistentVersionsAndIdsInsideADocument() throws {
        var draft = ArticleDraft(articleBody: "Body.")
        draft.headline = "H"
        let first = ArticleVersion(
            version: 1, capturedAt: Date(), source: SourceRef(kind: .inbox, name: "x"),
            contentHash: PreparedDraft(draft).contentHash, headline: "H", articleBody: "Body.")
        var article = Article(id: "abcd", draft: draft, firstVersion: first)
        #expect(StoreCheck.inconsistencies(of: article, id: "abcd", shard: "ab") == [])
        article.versions[0].version = 2
        article.articleBody = "Other."
        let messages = StoreCheck.inconsistencies(of: article, id: "abce", shard: "cd")
        #expect(messages.contains { $0.contains("holds article abcd") })
        #expect(messages.contains { $0.contains("shard cd") })
        #expect(messages.contains { $0.contains("numbered [2]") })
        #expect(messages.contains { $0.contains("current version 1 is not among its versions") })

        article.versions[0].version = 1
        #expect(StoreCheck.inconsistencies(of: article, id: "abcd", shard: "ab") == ["the top-level articleBody differs from version 1's"])
    }

    @Test func refusesADirectoryThatIsNotAStore() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        #expect(throws: StoreError.self) { try StoreCheck.run(storeDirectory: directory.url) }
    }
}
