import Foundation
import Testing
@testable import GleanerCore

/// The exact near-duplicate check (`ContainmentCheck`) on renderings of one article and on
/// different articles of one site, directly and through the real `Ingestor`.
@Suite struct DedupContainmentTests {
    typealias Draft = StoreTestDraft

    func shingles(_ text: String) -> Shingles { Shingles(words: ContentNormalizer.words(text)) }

    /// Issue 5.1: two different articles from the same site, sharing all of its navigation and
    /// teasers, stay two articles — even when the furniture is most of each page, so that one
    /// page contains 85% of the other.
    @Test func twoArticlesOfOneSiteSharingItsFurnitureStayTwo() async throws {
        let site = DedupTestText.Site(seed: 100)
        let first = site.page(DedupTestText.words(110, seed: 1))
        let second = site.page(DedupTestText.words(110, seed: 2))
        let (a, b) = (shingles(first), shingles(second))
        let plainContainment = Double(a.sharedCount(with: b)) / Double(min(a.hashes.count, b.hashes.count))
        #expect(plainContainment >= 0.8, "the furniture must dominate for this test to mean anything")
        #expect(ContainmentCheck.similarity(a, b, others: []) == 0)

        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await ingestor.ingest(StoreTestFixture.document([Draft(body: first)], name: "one.txt"))
            + ingestor.ingest(StoreTestFixture.document([Draft(body: second)], name: "two.txt"))
            + ingestor.ingest(StoreTestFixture.document([Draft(body: site.page(DedupTestText.words(90, seed: 3)))], name: "three.txt"))
        #expect(outcomes.allSatisfy { if case .created = $0 { true } else { false } }, "\(outcomes)")
        #expect(await ingestor.counts().articles == 3)
    }

    /// A page's raw text (its own site's furniture around the article) and the article framed
    /// by another site's furniture contain each other only in part; cut to the span they share,
    /// they are the same article, and both are sightings of the extracted article.
    @Test func anArticleInsideTwoSitesFurnitureIsOneArticle() async throws {
        let article = DedupTestText.words(180, seed: 7)
        let raw = DedupTestText.Site(seed: 200).page(article)
        let framed = DedupTestText.Site(seed: 300, navigation: 80, teasers: 0, footer: 80).page(article)
        let (r, f) = (shingles(raw), shingles(framed))
        #expect(Double(r.sharedCount(with: f)) / Double(min(r.hashes.count, f.hashes.count)) < 0.6)
        #expect(ContainmentCheck.similarity(r, f, others: []) >= 0.95)

        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let created = try await ingestor.ingest(StoreTestFixture.document([Draft(body: raw)], name: "raw.txt"))
        guard case .created(let id) = created.first else { Issue.record("\(created)"); return }
        for (name, text) in [("framed.txt", framed), ("article.txt", article), ("edited.txt", DedupTestText.edited(article))] {
            let outcome = try await ingestor.ingest(StoreTestFixture.document([Draft(body: text)], name: name))
            guard case .sighted(id, .near, let similarity) = outcome.first else { Issue.record("\(name): \(outcome)"); continue }
            #expect(similarity >= 0.8)
        }
        #expect(await ingestor.counts().articles == 1)
    }

    /// Shared text that other stored articles hold as well is a site's furniture, not evidence:
    /// two pages sharing only furniture and short stories of their own match without that
    /// knowledge and do not match with it.
    @Test func furnitureOfOtherStoredArticlesIsDiscounted() {
        let site = DedupTestText.Site(seed: 400)
        let pages = (1...4).map { shingles(site.page(DedupTestText.words(40, seed: 500 + $0))) }
        #expect(ContainmentCheck.similarity(pages[0], pages[1], others: []) >= 0.8)
        #expect(ContainmentCheck.similarity(pages[0], pages[1], others: [pages[2].hashes, pages[3].hashes]) == 0)
    }

    @Test func htmlReferencesInADumpAreReadAsTheirCharacters() {
        let decoded = shingles("La operadora de la red de transmisión de gas anunció «causas de fuerza mayor» ayer")
        let dumped = shingles("La operadora de la red de transmisi&oacute;n de gas anunci&#243; &laquo;causas de fuerza mayor&raquo; ayer")
        #expect(decoded == dumped)
        #expect(EntityText.decoded("a&b&amp;c&unknown;") == "a&b&c&unknown;")
    }
}
