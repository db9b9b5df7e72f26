import Foundation
import Testing
@testable import GleanerCore

/// SPEC 6's identity rules through the real `Ingestor` and a store in a temporary directory.
@Suite struct IngestorIdentityTests {
    typealias Draft = StoreTestDraft

    @Test func sameTextUnderTwoNamesIsOneArticleWithOneExactSighting() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let text = Draft(headline: "Harbour plan", body: "The council approved the harbour plan.")

        let first = try await ingestor.ingest(StoreTestFixture.document([text], name: "a.txt"))
        let second = try await ingestor.ingest(StoreTestFixture.document([text], name: "b.txt"))

        guard case .created(let id) = first.first else { Issue.record("first: \(first)"); return }
        #expect(second == [.sighted(id: id, match: .exact, similarity: 1)])
        #expect(await ingestor.counts() == StoreCounts(articles: 1, versions: 1, sightings: 1))
        let article = try #require(try await ingestor.article(id: id))
        #expect(article.sightings.map(\.source) == [SourceRef(kind: .inbox, name: "b.txt")])
        #expect(article.sameAs == ["b.txt"])
    }

    @Test func whitespaceAndCurlyQuotesAreTheSameContent() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let plain = Draft(body: "He said \"we will build it\" - and they did.\n\nThe end.")
        let styled = Draft(body: "He  said “we will build it” — and they did.\nThe end.  ")

        let first = try await ingestor.ingest(StoreTestFixture.document([plain], name: "plain.txt"))
        let second = try await ingestor.ingest(StoreTestFixture.document([styled], name: "styled.txt"))
        guard case .created(let id) = first.first else { Issue.record("\(first)"); return }
        #expect(second == [.sighted(id: id, match: .exact, similarity: 1)])
    }

    @Test func aFewWordsChangedUnderAnotherNameIsANearSighting() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let first = try await ingestor.ingest(
            StoreTestFixture.document([Draft(headline: "Council approves harbour plan", body: StoreTestTexts.longStory)], name: "wire.txt"))
        let second = try await ingestor.ingest(
            StoreTestFixture.document(
                [Draft(url: "https://other.example/harbour", headline: "Harbour towers approved", body: StoreTestTexts.longStoryEdited)],
                name: "other.txt"))

        guard case .created(let id) = first.first else { Issue.record("\(first)"); return }
        guard case .sighted(let sightedID, .near, let similarity) = second.first else { Issue.record("\(second)"); return }
        #expect(sightedID == id)
        #expect(similarity >= 0.8 && similarity < 1)
        #expect(await ingestor.counts() == StoreCounts(articles: 1, versions: 1, sightings: 1))
        let article = try #require(try await ingestor.article(id: id))
        // The article had no URL: it takes the one it was seen under.
        #expect(article.url == "https://other.example/harbour")
        #expect(article.sameAs == ["other.txt"])
        #expect(article.headline == "Council approves harbour plan")
    }

    @Test func twoDifferentShortItemsAreTwoArticles() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await ingestor.ingest(
            StoreTestFixture.document(
                [
                    Draft(url: "https://example.org/a", headline: "Rates held", body: "The central bank held rates."),
                    Draft(url: "https://example.org/b", headline: "Rates cut", body: "The central bank cut rates."),
                ], name: "feed.xml", source: SourceRef(kind: .feed, name: "example-feed")))
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { if case .created = $0 { true } else { false } })
        #expect(await ingestor.counts() == StoreCounts(articles: 2, versions: 2, sightings: 0))
    }

    @Test func sameURLWithChangedBodyIsVersionTwo() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)
        let page = SourceRef(kind: .page, name: "story")
        let first = try await ingestor.ingest(
            StoreTestFixture.document(
                [Draft(url: "https://example.org/story?utm_source=rss", headline: "Old", body: "Ten people were hurt.")],
                name: "https://example.org/story", source: page))
        clock.advance(60)
        let second = try await ingestor.ingest(
            StoreTestFixture.document(
                [Draft(url: "HTTPS://example.org/story#update", headline: "New", body: "Twelve people were hurt.")],
                name: "https://example.org/story", source: page))

        guard case .created(let id) = first.first else { Issue.record("\(first)"); return }
        #expect(second == [.versioned(id: id, version: 2)])
        let article = try #require(try await ingestor.article(id: id))
        #expect(article.version == 2)
        #expect(article.headline == "New")
        #expect(article.articleBody == "Twelve people were hurt.")
        #expect(article.url == "https://example.org/story")
        #expect(article.versions.map(\.articleBody) == ["Ten people were hurt.", "Twelve people were hurt."])
        #expect(article.versions.map(\.headline) == ["Old", "New"])
        #expect(article.lastSeen == article.firstSeen.addingTimeInterval(60))
        #expect(article.sightings.isEmpty)
    }

    @Test func sameURLWithOnlyWhitespaceAndQuoteChangesIsNoVersion() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let url = "https://example.org/quote"
        let first = try await ingestor.ingest(
            StoreTestFixture.document([Draft(url: url, body: "She said 'no' - twice.")], name: "one", source: SourceRef(kind: .feed, name: "f1")))
        let second = try await ingestor.ingest(
            StoreTestFixture.document([Draft(url: url, body: "She said ‘no’ — twice.\n")], name: "two", source: SourceRef(kind: .feed, name: "f2")))
        guard case .created(let id) = first.first else { Issue.record("\(first)"); return }
        #expect(second == [.sighted(id: id, match: .url, similarity: 1)])
        #expect(await ingestor.counts() == StoreCounts(articles: 1, versions: 1, sightings: 1))
    }

    @Test func editsSmallerThanMinChangedWordsAreSightings() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory, settings: IngestSettings(nearDuplicate: 0.8, minChangedWords: 3))
        let url = "https://example.org/small-edit"
        let page = SourceRef(kind: .page, name: "p")
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(url: url, body: "one two three four five six")], name: "1", source: page))
        let small = try await ingestor.ingest(
            StoreTestFixture.document([Draft(url: url, body: "one two THREE! four five six")], name: "2", source: page))
        guard case .sighted(_, .url, let similarity) = small.first else { Issue.record("\(small)"); return }
        #expect(similarity < 1)

        await ingestor.updateSettings(IngestSettings(nearDuplicate: 0.8, minChangedWords: 1))
        let now = try await ingestor.ingest(
            StoreTestFixture.document([Draft(url: url, body: "one two three four five seven")], name: "3", source: page))
        guard case .versioned(_, 2) = now.first else { Issue.record("\(now)"); return }
    }

    @Test func aReplayOfTheSameSourceAndContentChangesNothing() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let drafts = [
            Draft(url: "https://example.org/r1", body: "First item of the feed."),
            Draft(body: StoreTestTexts.longStory),
        ]
        let inbox = SourceRef(kind: .inbox, name: "x.json")
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: StoreTestTexts.longStoryEdited)], name: "base.txt"))
        let first = try await ingestor.ingest(StoreTestFixture.document(drafts, name: "x.json", source: inbox))
        let counts = await ingestor.counts()
        let before = StoreTestFixture.files(under: directory)
        let replay = try await ingestor.ingest(StoreTestFixture.document(drafts, name: "x.json", source: inbox))

        guard case .created(let id) = first[0], case .sighted(let nearID, .near, _) = first[1] else {
            Issue.record("\(first)"); return
        }
        #expect(replay == [.unchanged(id: id), .unchanged(id: nearID)])
        #expect(await ingestor.counts() == counts)
        #expect(StoreTestFixture.files(under: directory) == before)
    }

    @Test func newIDsAreDeterministic() async throws {
        let one = try StoreTestDirectory()
        let two = try StoreTestDirectory()
        defer { one.remove(); two.remove() }
        let doc = try StoreTestFixture.document([Draft(url: "https://example.org/same", body: "Text.")], name: "n")
        let a = try await StoreTestFixture.open(one).ingest(doc)
        let b = try await StoreTestFixture.open(two).ingest(doc)
        #expect(a == b)
        guard case .created(let id) = a.first else { Issue.record("\(a)"); return }
        #expect(id.count == 16)
    }

    @Test func aParseErrorIsRethrownAsIs() async throws {
        struct Unparseable: Error, Equatable {}
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try Ingestor.open(
            storeDirectory: directory.url, settings: IngestSettings(), parse: { _ in throw Unparseable() },
            clock: { Date() }, logger: StoreTestFixture.logger)
        await #expect(throws: Unparseable.self) {
            try await ingestor.ingest(StoreTestFixture.document([], name: "bad"))
        }
    }
}
