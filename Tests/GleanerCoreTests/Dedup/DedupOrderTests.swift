import Foundation
import Testing
@testable import GleanerCore

/// SPEC 6: the result does not depend on the order inputs arrive in. Renderings of three
/// articles — two of them from one site — ingested in several orders give the same articles.
@Suite struct DedupOrderTests {
    typealias Draft = StoreTestDraft

    /// Name → text of every rendering: the extracted article, the raw page (its site's furniture
    /// around it), the article framed by another site's header and footer, and the article with
    /// three words edited.
    static func renderings() -> [(name: String, story: Int, text: String)] {
        let home = DedupTestText.Site(seed: 1000)
        let elsewhere = DedupTestText.Site(seed: 2000)
        let other = DedupTestText.Site(seed: 3000, navigation: 80, teasers: 0, footer: 80)
        let stories = [(home, 160), (home, 240), (elsewhere, 200)].enumerated().map { index, entry in
            (site: entry.0, article: DedupTestText.words(entry.1, seed: UInt64(10 + index)))
        }
        return stories.enumerated().flatMap { index, story in
            [
                ("s\(index)-extracted", index, story.article), ("s\(index)-raw", index, story.site.page(story.article)),
                ("s\(index)-framed", index, other.page(story.article)), ("s\(index)-edited", index, DedupTestText.edited(story.article)),
            ]
        }
    }

    @Test func theSameRenderingsInAnyOrderGiveTheSameArticles() async throws {
        let renderings = Self.renderings()
        let truth = Set(Dictionary(grouping: renderings, by: \.story).values.map { Set($0.map(\.name)) })
        var generator = SplitMix(seed: 0x0de0)
        var orders = [renderings, renderings.reversed()]
        for _ in 0..<6 { orders.append(renderings.shuffled(using: &generator)) }
        for order in orders {
            let directory = try StoreTestDirectory()
            defer { directory.remove() }
            let ingestor = try StoreTestFixture.open(directory)
            var articleOf: [String: String] = [:]
            for rendering in order {
                let outcome = try await ingestor.ingest(StoreTestFixture.document([Draft(body: rendering.text)], name: rendering.name + ".txt"))
                articleOf[rendering.name] = try #require(outcome.first).id
            }
            let articles = Set(Dictionary(grouping: articleOf.keys, by: { articleOf[$0]! }).values.map(Set.init))
            #expect(articles == truth, "order \(order.map(\.name))")
        }
    }
}

extension IngestOutcome {
    /// The article the outcome concerns.
    var id: String {
        switch self {
        case .created(let id), .versioned(let id, _), .returned(let id, _), .sighted(let id, _, _), .unchanged(let id): id
        }
    }
}
