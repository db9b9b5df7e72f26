import Foundation
import Testing
@testable import GleanerCore

@Suite struct ArticleCodingTests {
    func sample() -> Article {
        var draft = ArticleDraft(articleBody: "One.\n\nTwo.")
        draft.headline = "A headline"
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let first = ArticleVersion(
            version: 1, capturedAt: at, source: SourceRef(kind: .inbox, name: "a.txt"),
            contentHash: "sha256:00", headline: draft.headline, articleBody: draft.articleBody)
        return Article(id: "abc", draft: draft, firstVersion: first)
    }

    @Test func roundTripsAndLeavesOutWhatTheInputDidNotCarry() throws {
        let data = try ArticleJSON.encoder().encode(sample())
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["author"] == nil)
        #expect(object["keywords"] == nil)
        #expect(object["datePublished"] == nil)
        #expect(object["url"] is NSNull)
        #expect(object["firstSeen"] as? String == "2023-11-14T22:13:20Z")
        let back = try ArticleJSON.decoder().decode(Article.self, from: data)
        #expect(back == sample())
    }

    @Test func refusesAnUnknownFormatNumber() throws {
        var json = String(decoding: try ArticleJSON.encoder().encode(sample()), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"format\":1", with: "\"format\":7")
        #expect(throws: DecodingError.self) {
            try ArticleJSON.decoder().decode(Article.self, from: Data(json.utf8))
        }
    }
}

@Suite struct TimestampTests {
    @Test func writesMillisecondsOnlyWhenThereAreAnyAndReadsThemBack() throws {
        let whole = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(Timestamp.format(whole) == "2023-11-14T22:13:20Z")
        let fractional = Date(timeIntervalSince1970: 1_700_000_000.2509)
        #expect(Timestamp.format(fractional) == "2023-11-14T22:13:20.250Z")
        #expect(Timestamp.parse("2023-11-14T22:13:20.250Z") == Timestamp.truncated(fractional))
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
    }
}
