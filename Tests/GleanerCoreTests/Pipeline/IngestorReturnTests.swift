import Foundation
import Testing
@testable import GleanerCore

/// An article whose page flips between texts it already had does not pile up versions: the
/// content returns to the earlier version, which is current again, and a sighting records it.
@Suite struct IngestorReturnTests {
    typealias Draft = StoreTestDraft

    static let url = "https://example.org/flip"
    static let page = SourceRef(kind: .page, name: "flip")
    static let textA = "The bridge reopens on Monday after two weeks of repairs, the council said."
    static let textB = "The bridge stays closed until further notice, the council said on Friday."

    private func fetch(_ ingestor: Ingestor, _ body: String, headline: String, _ name: String) async throws -> [IngestOutcome] {
        try await ingestor.ingest(StoreTestFixture.document([Draft(url: Self.url, headline: headline, body: body)], name: name, source: Self.page))
    }

    @Test func flippingBetweenTwoTextsKeepsTwoVersionsAndTracksTheCurrentOne() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)

        let first = try await fetch(ingestor, Self.textA, headline: "Bridge reopens", "1")
        guard case .created(let id) = first.first else { Issue.record("\(first)"); return }
        clock.advance(60)
        #expect(try await fetch(ingestor, Self.textB, headline: "Bridge stays shut", "2") == [.versioned(id: id, version: 2)])
        clock.advance(60)
        #expect(try await fetch(ingestor, Self.textA, headline: "Bridge reopens", "3") == [.returned(id: id, version: 1)])
        // Polling the page again while it shows A is a replay, not another return.
        #expect(try await fetch(ingestor, Self.textA, headline: "Bridge reopens", "4") == [.unchanged(id: id)])
        clock.advance(60)
        #expect(try await fetch(ingestor, Self.textB, headline: "Bridge stays shut", "5") == [.returned(id: id, version: 2)])
        clock.advance(60)
        #expect(try await fetch(ingestor, Self.textA, headline: "Bridge reopens", "6") == [.returned(id: id, version: 1)])

        let article = try #require(try await ingestor.article(id: id))
        #expect(article.versions.count == 2)
        #expect(article.version == 1)
        #expect(article.articleBody == Self.textA)
        #expect(article.headline == "Bridge reopens")
        #expect(article.sightings.map(\.returnedTo) == [1, 2, 1])
        #expect(article.sightings.allSatisfy { $0.match == .url && $0.similarity == 1 })
        #expect(await ingestor.counts() == StoreCounts(articles: 1, versions: 2, sightings: 3))

        // The content last changed at the latest return, not when version 1 was first captured.
        let summary = try #require(await ingestor.list(ListQuery()).first)
        #expect(summary.version == 1)
        #expect(summary.lastChanged == article.firstSeen.addingTimeInterval(240))
    }

    @Test func aThirdTextAfterAReturnIsVersionThree() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        _ = try await fetch(ingestor, Self.textA, headline: "A", "1")
        _ = try await fetch(ingestor, Self.textB, headline: "B", "2")
        _ = try await fetch(ingestor, Self.textA, headline: "A", "3")
        let third = try await fetch(ingestor, "The bridge will be demolished next year, the council decided on Friday.", headline: "C", "4")
        guard case .versioned(let id, 3) = third.first else { Issue.record("\(third)"); return }
        let article = try #require(try await ingestor.article(id: id))
        #expect(article.version == 3)
        #expect(article.versions.map(\.version) == [1, 2, 3])
    }

    @Test func aReturnedStoreIsSoundAndSurvivesAReopen() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        do {
            let ingestor = try StoreTestFixture.open(directory)
            _ = try await fetch(ingestor, Self.textA, headline: "A", "1")
            _ = try await fetch(ingestor, Self.textB, headline: "B", "2")
            _ = try await fetch(ingestor, Self.textA, headline: "A", "3")
        }
        let report = try StoreCheck.run(storeDirectory: directory.url)
        #expect(report.problems == [])
        #expect(report.counts == StoreCounts(articles: 1, versions: 2, sightings: 1))

        // Reopened, the index knows A is current: A again is a replay, B is a return.
        let reopened = try StoreTestFixture.open(directory)
        let again = try await fetch(reopened, Self.textA, headline: "A", "4")
        guard case .unchanged = again.first else { Issue.record("\(again)"); return }
        let back = try await fetch(reopened, Self.textB, headline: "B", "5")
        guard case .returned(_, 2) = back.first else { Issue.record("\(back)"); return }
        #expect(await reopened.counts() == StoreCounts(articles: 1, versions: 2, sightings: 2))
    }

    @Test func aSmallEditAwayFromAnEarlierTextIsASightingNotAReturn() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory, settings: IngestSettings(nearDuplicate: 0.8, minChangedWords: 3))
        let base = "one two three four five six seven eight nine ten"
        _ = try await fetch(ingestor, base, headline: "H", "1")
        let edited = "one two three four five six seven alpha beta gamma delta epsilon"
        let second = try await fetch(ingestor, edited, headline: "H", "2")
        guard case .versioned(let id, 2) = second.first else { Issue.record("\(second)"); return }
        // One word away from version 2 (under minChangedWords) and not exactly version 1: a sighting.
        let near = try await fetch(ingestor, "one two three four five six seven alpha beta gamma delta", headline: "H", "3")
        guard case .sighted(let sightedID, .url, _) = near.first else { Issue.record("\(near)"); return }
        #expect(sightedID == id)
        let article = try #require(try await ingestor.article(id: id))
        #expect(article.version == 2)
        #expect(article.sightings.map(\.returnedTo) == [nil])
    }
}
