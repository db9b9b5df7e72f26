import Foundation
import Testing
@testable import GleanerCore

/// The store on disk: format marker, layout, restart, damaged and leftover files.
@Suite struct ArticleStoreTests {
    typealias Draft = StoreTestDraft

    @Test func aRestartKeepsTheCountsAndDedupsAgainstStoredArticles() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        var ingestor = try StoreTestFixture.open(directory)
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: StoreTestTexts.longStory)], name: "a.txt"))
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(url: "https://example.org/x", body: "Short one.")], name: "b.txt"))
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Short one.")], name: "c.txt"))
        let counts = await ingestor.counts()
        #expect(counts == StoreCounts(articles: 2, versions: 2, sightings: 1))

        ingestor = try StoreTestFixture.open(directory)
        #expect(await ingestor.counts() == counts)
        let exact = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "short ONE.")], name: "d.txt"))
        let near = try await ingestor.ingest(StoreTestFixture.document([Draft(body: StoreTestTexts.longStoryEdited)], name: "e.txt"))
        let byURL = try await ingestor.ingest(
            StoreTestFixture.document([Draft(url: "https://example.org/x", body: "Short one, longer now.")], name: "f.txt"))
        let replay = try await ingestor.ingest(StoreTestFixture.document([Draft(body: StoreTestTexts.longStory)], name: "a.txt"))
        guard case .sighted(_, .exact, _) = exact.first, case .sighted(_, .near, _) = near.first,
            case .versioned(_, 2) = byURL.first, case .unchanged = replay.first
        else {
            Issue.record("\(exact) \(near) \(byURL) \(replay)"); return
        }
        #expect(await ingestor.counts() == StoreCounts(articles: 2, versions: 3, sightings: 3))
    }

    @Test func theLayoutIsAMarkerAndOneFilePerArticle() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Layout.")], name: "l.txt"))
        guard case .created(let id) = outcomes.first else { Issue.record("\(outcomes)"); return }
        #expect(StoreTestFixture.files(under: directory) == [
            "articles", "articles/\(id.prefix(2))", "articles/\(id.prefix(2))/\(id).json", "gleaner-store.json",
        ])
        let marker = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.url.appendingPathComponent("gleaner-store.json")))
        #expect((marker as? [String: Any])?["format"] as? Int == 1)
    }

    @Test func theWrittenJSONDecodesAndIsComplete() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)
        let outcomes = try await ingestor.ingest(
            StoreTestFixture.document(
                [Draft(url: "https://example.org/full", headline: "Full", body: "Para one.\n\nPara two.")], name: "full.json",
                source: SourceRef(kind: .feed, name: "news")))
        clock.advance(5)
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "para one. para two.")], name: "again.txt"))
        guard case .created(let id) = outcomes.first else { Issue.record("\(outcomes)"); return }

        let file = directory.url.appendingPathComponent("articles/\(id.prefix(2))/\(id).json")
        let data = try Data(contentsOf: file)
        let article = try ArticleJSON.decoder().decode(Article.self, from: data)
        #expect(article.id == id)
        #expect(article.format == 1)
        #expect(article.url == "https://example.org/full")
        #expect(article.headline == "Full")
        #expect(article.articleBody == "Para one.\n\nPara two.")
        #expect(article.version == 1)
        #expect(article.versions.count == 1)
        #expect(article.versions[0].source == SourceRef(kind: .feed, name: "news"))
        #expect(article.versions[0].contentHash == ContentNormalizer.contentHash("Para one.\n\nPara two."))
        #expect(article.sightings.count == 1)
        #expect(article.sightings[0].match == .exact)
        #expect(article.sameAs == ["again.txt"])
        #expect(article.lastSeen == article.firstSeen.addingTimeInterval(5))
        #expect(try await ingestor.article(id: id) == article)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["format", "id", "url", "headline", "articleBody", "version", "firstSeen", "lastSeen", "versions", "sightings", "sameAs"] {
            #expect(object[key] != nil, "missing \(key)")
        }
    }

    @Test func anUnknownFormatNumberIsRefused() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try Data(#"{"format": 7}"#.utf8).write(to: directory.url.appendingPathComponent("gleaner-store.json"))
        do {
            _ = try StoreTestFixture.open(directory)
            Issue.record("a store in format 7 was opened")
        } catch let error as StoreError {
            #expect(error.description.contains("store format 7 is not known"))
            #expect(error.description.contains("gleaner-store.json"))
            #expect(error.stage == "store")
            #expect(!error.blamesInput)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("articles").path))
    }

    @Test func leftoverTemporaryFilesAreRemovedAtOpen() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Temp.")], name: "t.txt"))
        guard case .created(let id) = outcomes.first else { Issue.record("\(outcomes)"); return }
        let shard = directory.url.appendingPathComponent("articles/\(id.prefix(2))")
        let leftover = shard.appendingPathComponent(".\(id).json.0123456789abcdef.tmp")
        let rootLeftover = directory.url.appendingPathComponent(".gleaner-store.json.fedcba9876543210.tmp")
        try Data("{\"half".utf8).write(to: leftover)
        try Data("{".utf8).write(to: rootLeftover)

        let reopened = try StoreTestFixture.open(directory)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(!FileManager.default.fileExists(atPath: rootLeftover.path))
        #expect(await reopened.counts() == StoreCounts(articles: 1, versions: 1, sightings: 0))
    }

    @Test func aDamagedArticleFileIsSkippedAndNeverOverwritten() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let draft = Draft(url: "https://example.org/damaged", body: "Will be damaged.")
        var ingestor = try StoreTestFixture.open(directory)
        let outcomes = try await ingestor.ingest(StoreTestFixture.document([draft], name: "d.txt"))
        guard case .created(let id) = outcomes.first else { Issue.record("\(outcomes)"); return }
        let file = directory.url.appendingPathComponent("articles/\(id.prefix(2))/\(id).json")
        try Data("{ not json".utf8).write(to: file)
        // A document in a format this build does not know is not read either.
        let future = directory.url.appendingPathComponent("articles/ff/ff00000000000000.json")
        try FileManager.default.createDirectory(at: future.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"format": 2, "id": "ff00000000000000"}"#.utf8).write(to: future)

        ingestor = try StoreTestFixture.open(directory)
        #expect(await ingestor.counts() == StoreCounts())
        #expect(FileManager.default.fileExists(atPath: future.path))
        let again = try await ingestor.ingest(StoreTestFixture.document([draft], name: "d.txt"))
        guard case .created(let newID) = again.first else { Issue.record("\(again)"); return }
        #expect(newID != id)
        #expect(try Data(contentsOf: file) == Data("{ not json".utf8))
    }

    @Test func listShowsNewestFirstAndArticleTakesAPrefixAndExportStreamsOldestFirst() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let clock = StoreTestClock()
        let ingestor = try StoreTestFixture.open(directory, clock: clock)
        var ids: [String] = []
        for (index, name) in ["one", "two", "three"].enumerated() {
            clock.advance(10)
            let source = SourceRef(kind: .feed, name: index == 1 ? "special" : "general")
            let outcome = try await ingestor.ingest(
                StoreTestFixture.document([Draft(headline: name, body: "Body \(name).")], name: name, source: source))
            guard case .created(let id) = outcome.first else { Issue.record("\(outcome)"); return }
            ids.append(id)
        }
        let start = clock.now()
        #expect(await ingestor.list(ListQuery()).map(\.id) == ids.reversed())
        #expect(await ingestor.list(ListQuery(limit: 1)).map(\.id) == [ids[2]])
        #expect(await ingestor.list(ListQuery(source: "special")).map(\.id) == [ids[1]])
        #expect(await ingestor.list(ListQuery(since: start.addingTimeInterval(-10))).map(\.id) == [ids[2], ids[1]])

        #expect(try await ingestor.article(id: ids[0])?.headline == "one")
        #expect(try await ingestor.article(id: String(ids[0].prefix(12)))?.id == ids[0])
        #expect(try await ingestor.article(id: "0000000000000000") == nil)
        #expect(try await ingestor.article(id: "../../etc/passwd") == nil)

        #expect(await ingestor.exportOrder(since: nil) == ids)
        #expect(await ingestor.exportOrder(since: start) == [ids[2]])
    }

    @Test func anAmbiguousPrefixIsAnErrorThatSaysSo() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let ingestor = try StoreTestFixture.open(directory)
        // Ids are hex: by the 17th article at the latest, two share their first digit.
        var byFirstDigit: [Character: String] = [:]
        var shared: Character?
        for index in 0..<17 where shared == nil {
            let outcome = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Item \(index).")], name: "i\(index)"))
            guard case .created(let id) = outcome.first, let first = id.first else { Issue.record("\(outcome)"); return }
            if byFirstDigit[first] != nil { shared = first }
            byFirstDigit[first] = id
        }
        let prefix = String(try #require(shared))
        do {
            _ = try await ingestor.article(id: prefix)
            Issue.record("an ambiguous prefix found one article")
        } catch let error as StoreError {
            #expect(error.description.contains("ambiguous"))
        }
    }
}
