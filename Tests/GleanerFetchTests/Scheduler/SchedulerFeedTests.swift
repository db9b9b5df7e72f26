import Foundation
import GleanerCore
import Testing

@testable import GleanerFetch

/// Feeds and pages through the real pipeline: items with full text, summary-only items whose
/// pages are fetched once, page sources whose changes become versions.
@Suite struct SchedulerFeedTests {
    static let feedURL = "https://example.test/feed"

    @Test func itemsWithFullContentBecomeArticles() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.declareFeed(
            "feed-full",
            Feed(title: "News", items: [
                Fixture.item("1", link: "https://example.test/a/1", body: "The council approved the harbour plan.", full: true),
                Fixture.item("2", link: "https://example.test/a/2", body: "The bridge will close for repairs in May.", full: true),
            ]))
        harness.transport.script(Self.feedURL, .ok("feed-full", ["content-type": "application/rss+xml"]))
        let scheduler = try harness.scheduler([.feed("news", Self.feedURL)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            #expect(await scheduler.statuses().first?.articlesFound == 2)
            // The same items again are replays: nothing new found, no second copy.
            harness.clock.advance(by: 60)
            try await eventually("the second cycle") { harness.transport.requests.count == 2 }
            try await harness.settled(scheduler)
        }
        #expect(harness.transport.requests.map(\.url) == [Self.feedURL, Self.feedURL])
        #expect(await scheduler.statuses().first?.articlesFound == 2)
        #expect(await harness.ingestor.counts() == StoreCounts(articles: 2, versions: 2, sightings: 0))
        let summaries = await harness.ingestor.list(ListQuery())
        #expect(Set(summaries.compactMap(\.url)) == ["https://example.test/a/1", "https://example.test/a/2"])
    }

    @Test func summaryOnlyItemsHaveTheirPagesFetchedOnce() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let links = ["https://example.test/a/1", "https://example.test/a/2"]
        harness.declareFeed(
            "feed-summaries",
            Feed(title: "News", items: [
                Fixture.item("g1", link: links[0], body: "A short teaser.", full: false),
                Fixture.item("g2", link: links[1], body: "Another teaser.", full: false),
            ]))
        harness.transport.script(Self.feedURL, .ok("feed-summaries"))
        harness.transport.script(links[0], .ok(Fixture.page("Harbour", "The council approved the harbour plan on Monday.")))
        // The second page fails once, then works.
        harness.transport.script(
            links[1], .status(502), .ok(Fixture.page("Bridge", "The bridge will close for repairs in May.")))
        let scheduler = try harness.scheduler([.feed("news", Self.feedURL)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            let first = try #require(await scheduler.statuses().first)
            #expect(first.articlesFound == 1)
            #expect(first.consecutiveFailures == 0)
            #expect(first.lastError == "item page \(links[1]): HTTP 502")

            for cycle in 2...3 {
                harness.clock.advance(by: 60)
                try await eventually("cycle \(cycle)") { harness.transport.requests(to: Self.feedURL).count == cycle }
                try await harness.settled(scheduler)
            }
        }
        // Page 1 once, page 2 twice (failed, then fetched), nothing in the third cycle.
        #expect(harness.transport.requests(to: links[0]).count == 1)
        #expect(harness.transport.requests(to: links[1]).count == 2)
        let status = try #require(await scheduler.statuses().first)
        #expect(status.articlesFound == 2)
        #expect(status.lastError == nil)
        // The pages are the articles; the teasers were never stored.
        let articles = await harness.ingestor.list(ListQuery())
        #expect(Set(articles.compactMap(\.url)) == Set(links))
        for summary in articles {
            let article = try #require(try await harness.ingestor.article(id: summary.id))
            #expect(!article.content.articleBody.contains("teaser"))
            #expect(article.versions.first?.source == SourceRef(kind: .feed, name: "news"))
        }
        // The handled keys are kept in the state file.
        #expect(try harness.states().loadState(named: "news")?.handledItems == ["g1", "g2"])
    }

    @Test func withoutFollowingLinksSummariesAreTheArticles() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.declareFeed(
            "feed-summaries",
            Feed(items: [Fixture.item("g1", link: "https://example.test/a/1", body: "A short teaser.", full: false)]))
        harness.transport.script(Self.feedURL, .ok("feed-summaries"))
        let scheduler = try harness.scheduler([.feed("news", Self.feedURL)], followArticleLinks: false)
        try await harness.running(scheduler) { try await harness.settled(scheduler) }
        #expect(harness.transport.requests.count == 1)
        let summary = try #require(await harness.ingestor.list(ListQuery()).first)
        #expect(try await harness.ingestor.article(id: summary.id)?.content.articleBody == "A short teaser.")
    }

    @Test func aBodyThatIsNotAFeedIsAFailure() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.feedURL, .ok("<html>moved</html>", ["content-type": "text/html"]))
        let scheduler = try harness.scheduler([.feed("news", Self.feedURL)])
        try await harness.running(scheduler) { try await harness.settled(scheduler) }
        let status = try #require(await scheduler.statuses().first)
        #expect(status.consecutiveFailures == 1)
        #expect(status.httpStatus == 200)
        #expect(status.lastError == "\(Self.feedURL): the body is not a feed (Content-Type text/html)")
    }

    @Test func aChangedPageIsANewVersionOfTheSameArticle() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let url = "https://example.test/watched"
        let original = Fixture.page("Opening hours", "The library opens at nine on weekdays and at ten on Saturdays.")
        let changed = Fixture.page("Opening hours", "The library opens at eight on weekdays and at ten on Saturdays.")
        harness.transport.script(url, .ok(original), .ok(original), .ok(changed))
        let scheduler = try harness.scheduler([.page("hours", url)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            for cycle in 2...3 {
                harness.clock.advance(by: 60)
                try await eventually("cycle \(cycle)") { harness.transport.requests.count == cycle }
                try await harness.settled(scheduler)
                if cycle == 2 {
                    // Unchanged: no new version, nothing found.
                    #expect(await harness.ingestor.counts().versions == 1)
                    #expect(await scheduler.statuses().first?.articlesFound == 1)
                }
            }
        }
        #expect(await harness.ingestor.counts() == StoreCounts(articles: 1, versions: 2, sightings: 0))
        let summary = try #require(await harness.ingestor.list(ListQuery()).first)
        let article = try #require(try await harness.ingestor.article(id: summary.id))
        #expect(article.version == 2)
        #expect(article.content.url == url)
        #expect(article.content.articleBody.contains("eight"))
        #expect(await scheduler.statuses().first?.articlesFound == 2)
    }

    @Test func anItemWhosePageIsGoneKeepsItsSummary() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let link = "https://example.test/a/gone"
        harness.declareFeed(
            "feed-gone", Feed(items: [Fixture.item("g1", link: link, body: "The teaser is all there is.", full: false)]))
        harness.transport.script(Self.feedURL, .ok("feed-gone"))
        harness.transport.script(link, .status(404))
        let scheduler = try harness.scheduler([.feed("news", Self.feedURL)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            harness.clock.advance(by: 60)
            try await eventually("the second cycle") { harness.transport.requests(to: Self.feedURL).count == 2 }
            try await harness.settled(scheduler)
        }
        #expect(harness.transport.requests(to: link).count == 1)
        let status = try #require(await scheduler.statuses().first)
        #expect(status.articlesFound == 1 && status.lastError == nil)
        let summary = try #require(await harness.ingestor.list(ListQuery()).first)
        #expect(try await harness.ingestor.article(id: summary.id)?.content.articleBody == "The teaser is all there is.")
    }
}
