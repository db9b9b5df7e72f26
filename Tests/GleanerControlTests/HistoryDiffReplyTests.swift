import Foundation
import GleanerControl
import GleanerCore
import Testing

/// The replies to `history` and `diff`, `list --changed-since`: how they are built from an
/// article, how they travel and how `gleanerctl` prints them.
@Suite("History and diff replies")
struct HistoryDiffReplyTests {
    @Test("history has one entry per version with the words each changed")
    func historyEntries() throws {
        var article = ControlFixtures.article(1, versions: 3)
        article.sightings = [
            Sighting(
                at: ControlFixtures.base, source: SourceRef(kind: .inbox, name: "copy.txt"), match: .exact,
                similarity: 1, contentHash: "sha256:x"),
        ]
        let history = HistoryReply(article)
        #expect(history.id == "a1")
        #expect(history.version == 3)
        #expect(history.sightings == 1)
        #expect(history.versions.map(\.version) == [1, 2, 3])
        // v1 "Body of article 1.\n\nSecond paragraph." against nothing; v2 "Body of article 1,
        // version 2." replaces three words with three; v3 changes "2." into "3.".
        #expect(history.versions.map(\.wordsAdded) == [6, 3, 1])
        #expect(history.versions.map(\.wordsRemoved) == [0, 3, 1])
        #expect(history.versions.map(\.headline) == ["Headline 1", "Headline 1 v2", "Headline 1 v3"])
        #expect(history.versions[1].capturedAt == article.versions[1].capturedAt)
        #expect(history.versions[0].source == SourceRef(kind: .feed, name: "example-feed"))
    }

    @Test("history survives JSON with its documented keys")
    func historyCoding() throws {
        let history = HistoryReply(ControlFixtures.article(2, versions: 2))
        let data = try ArticleJSON.encoder().encode(history)
        #expect(try ArticleJSON.decoder().decode(HistoryReply.self, from: data) == history)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["id", "url", "headline", "version", "sightings", "versions"])
        let first = try #require((object["versions"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["version", "capturedAt", "source", "headline", "wordsAdded", "wordsRemoved"])
        #expect(first["capturedAt"] as? String == "2026-11-18T11:08:40Z")
    }

    @Test("history's text is aligned fields and a table of versions")
    func historyText() {
        let text = HistoryReply(ControlFixtures.article(4, versions: 2)).text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("sightings: 0"))
        #expect(lines.contains(" versions: 2"))
        let header = lines.first { $0.hasPrefix("VERSION") }
        #expect(header == "VERSION  CAPTURED              SOURCE             ADDED  REMOVED  HEADLINE")
        #expect(lines.contains("      1  2026-11-18T11:10:40Z  feed example-feed     +6       -0  Headline 4"))
        #expect(lines.contains("      2  2026-11-18T11:10:42Z  feed example-feed     +3       -3  Headline 4 v2"))
        #expect(!lines.contains { $0.hasSuffix(" ") })
    }

    @Test("history lists the returns to earlier versions and names the current one")
    func historyReturns() throws {
        var article = ControlFixtures.article(6, versions: 2)
        article.version = 1
        article.sightings = [
            Sighting(
                at: ControlFixtures.base.addingTimeInterval(3600), source: SourceRef(kind: .page, name: "flip"), match: .url,
                similarity: 1, contentHash: article.versions[0].contentHash, returnedTo: 1),
        ]
        let history = HistoryReply(article)
        #expect(history.returns == [HistoryReply.Return(version: 1, at: ControlFixtures.base.addingTimeInterval(3600), source: SourceRef(kind: .page, name: "flip"))])
        let data = try ArticleJSON.encoder().encode(history)
        #expect(try ArticleJSON.decoder().decode(HistoryReply.self, from: data) == history)
        let lines = history.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("  current: version 1"))
        #expect(lines.last?.hasPrefix("returned to version 1 at ") == true)
        #expect(lines.last?.hasSuffix(" from page flip") == true)
    }

    @Test("diff picks the last two versions, A against the current one, or A against B")
    func diffVersions() throws {
        let article = ControlFixtures.article(5, versions: 3)
        let latest = try DiffReply(article, from: nil, to: nil)
        #expect(latest.from?.version == 2)
        #expect(latest.to.version == 3)
        #expect(latest.runs == [
            WordDiff.Run(kind: .equal, text: "Body of article 5, version"), WordDiff.Run(kind: .removed, text: "2."),
            WordDiff.Run(kind: .inserted, text: "3."),
        ])
        #expect((latest.wordsAdded, latest.wordsRemoved) == (1, 1))
        let againstCurrent = try DiffReply(article, from: 1, to: nil)
        #expect((againstCurrent.from?.version, againstCurrent.to.version) == (1, 3))
        let chosen = try DiffReply(article, from: 1, to: 2)
        #expect((chosen.from?.version, chosen.to.version) == (1, 2))
        #expect(chosen.from?.headline == "Headline 5")
        let beforeTwo = try DiffReply(article, from: nil, to: 2)
        #expect(beforeTwo.from?.version == 1)
        let same = try DiffReply(article, from: 3, to: nil)
        #expect(same.wordDiff.isEmpty)
    }

    @Test("a single version is compared with nothing")
    func diffOfOneVersion() throws {
        let diff = try DiffReply(ControlFixtures.article(6), from: nil, to: nil)
        #expect(diff.from == nil)
        #expect(diff.to.version == 1)
        #expect(diff.runs == [WordDiff.Run(kind: .inserted, text: "Body of article 6.\n\nSecond paragraph.")])
        #expect(diff.wordsAdded == 6)
    }

    @Test("a version the article lacks is not-found", arguments: [(Int?.some(4), Int?.none), (1, 9), (nil, 7)])
    func diffOfMissingVersion(from: Int?, to: Int?) {
        #expect(throws: ControlFailure.noSuchVersion(from == 4 ? 4 : (to ?? 0), of: "a7")) {
            try DiffReply(ControlFixtures.article(7, versions: 3), from: from, to: to)
        }
    }

    @Test("diff survives JSON; the empty side before version 1 is left out")
    func diffCoding() throws {
        for diff in [
            try DiffReply(ControlFixtures.article(8, versions: 2), from: nil, to: nil),
            try DiffReply(ControlFixtures.article(8), from: nil, to: nil),
        ] {
            let data = try ArticleJSON.encoder().encode(diff)
            #expect(try ArticleJSON.decoder().decode(DiffReply.self, from: data) == diff)
            let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect((object["from"] != nil) == (diff.from != nil))
            #expect(Set(object.keys).isSuperset(of: ["id", "to", "wordsAdded", "wordsRemoved", "runs"]))
            let kinds = (object["runs"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(!kinds.isEmpty && Set(kinds).isSubset(of: ["equal", "removed", "inserted"]))
        }
    }

    @Test("the plain diff marks changes with brackets and no escapes; colour adds red and green")
    func diffText() throws {
        let diff = WordDiff(from: "Ten people were hurt.\n\nPolice said.", to: "Twelve people were hurt.\n\nPolice said. More soon.")
        #expect(diff.text(colored: false) == "[-Ten-]{+Twelve+} people were hurt.\n\nPolice said. {+More soon.+}")
        let colored = diff.text(colored: true)
        #expect(colored == "\u{1B}[31m[-Ten-]\u{1B}[0m\u{1B}[32m{+Twelve+}\u{1B}[0m people were hurt.\n\n"
            + "Police said. \u{1B}[32m{+More soon.+}\u{1B}[0m")

        let reply = try DiffReply(ControlFixtures.article(9, versions: 2), from: nil, to: nil)
        let text = reply.text(colored: false)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("from: version 1, captured 2026-11-18T11:15:40Z from feed example-feed"))
        #expect(text.contains("  to: version 2, captured 2026-11-18T11:15:42Z from feed example-feed"))
        #expect(text.contains("words: +3 -3"))
        #expect(text.contains("headline: Headline 9 {+v2+}"))
        #expect(text.hasSuffix("\n\nBody of article [-9.¶-]\n\n[-Second paragraph.-]{+9, version 2.+}"))
    }

    @Test("breaks in a changed run stay line breaks, each line in its own markers")
    func breaksInChangedRuns() {
        let added = WordDiff(from: "Intro line.", to: "Intro line.\n\nNew paragraph here.\n\nAnd another.")
        #expect(added.text(colored: false) == "Intro line.{+¶+}\n\n{+New paragraph here.¶+}\n\n{+And another.+}")
        let merged = WordDiff(from: "First part.\n\nSecond part.", to: "First part. Second part.")
        #expect(merged.text(colored: false) == "First part.[-¶-]\n\nSecond part.")
    }

    @Test("list's changedSince travels, is absent for old clients, and selects on lastChanged")
    func changedSince() throws {
        let since = ControlFixtures.base.addingTimeInterval(300)
        let request = ControlRequest.list(ListQuery(limit: 2, changedSince: since))
        let line = try request.encodedLine()
        #expect(String(decoding: line, as: UTF8.self).contains(#""changedSince":"2026-11-18T11:11:40Z""#))
        #expect(try ControlRequest.decode(line: line.dropLast()) == request)
        let old = Array(#"{"args":{"limit":2},"command":"list","protocol":1}"#.utf8)
        #expect(try ControlRequest.decode(line: old) == .list(ListQuery(limit: 2)))

        // Article 3 (captured at +3 min) was seen again at +10 min, but its content did not change.
        var seenLater = ArticleSummary(ControlFixtures.article(3))
        seenLater.lastSeen = ControlFixtures.base.addingTimeInterval(600)
        let summaries = [seenLater] + [6, 8].map { ArticleSummary(ControlFixtures.article($0, versions: 2)) }
        #expect(summaries.map(\.lastChanged) == [
            ControlFixtures.base.addingTimeInterval(180), ControlFixtures.base.addingTimeInterval(362),
            ControlFixtures.base.addingTimeInterval(482),
        ])
        #expect(ListQuery(changedSince: since).select(from: summaries).map(\.id) == ["a8", "a6"])
        #expect(ListQuery(since: since).select(from: summaries).map(\.id) == ["a3", "a8", "a6"])
    }

    @Test("an ArticleSummary from an older daemon, without lastChanged, still decodes")
    func summaryWithoutLastChanged() throws {
        let json = #"{"firstSeen":"2026-11-18T11:06:40Z","id":"a1","lastSeen":"2026-11-18T11:06:40Z","sightings":0,"sources":[],"version":1}"#
        let summary = try ArticleJSON.decoder().decode(ArticleSummary.self, from: Data(json.utf8))
        #expect(summary.lastChanged == nil)
    }

    @Test("diff versions below 1 are refused at decoding")
    func diffVersionBounds() {
        let line = Array(#"{"args":{"from":0,"id":"a1"},"command":"diff","protocol":1}"#.utf8)
        #expect(throws: ControlFailure(.invalidArgument, "version from must be 1 or more (got 0)")) {
            try ControlRequest.decode(line: line)
        }
    }
}
