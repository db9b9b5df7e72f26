import Foundation
import GleanerControl
import GleanerCore
import Testing

@Suite("gleanerctl text output and times")
struct PresentationTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("TIME takes ISO 8601 times and dates", arguments: [
        ("2026-11-23T10:00:00Z", 1_795_428_000.0),
        ("2026-11-23T12:00:00+02:00", 1_795_428_000.0),
        ("2026-11-23T10:00:00.500Z", 1_795_428_000.5),
        ("2026-11-23", 1_795_392_000.0),
    ])
    func isoTimes(text: String, seconds: Double) throws {
        #expect(try TimeSpecification.parse(text, now: Self.now).timeIntervalSince1970 == seconds)
    }

    @Test("TIME takes ages counted back from now", arguments: [
        ("90s", 90.0), ("15m", 900.0), ("2h", 7_200.0), ("3d", 259_200.0), ("1w", 604_800.0),
    ])
    func ages(text: String, seconds: Double) throws {
        #expect(try TimeSpecification.parse(text, now: Self.now) == Self.now.addingTimeInterval(-seconds))
    }

    @Test("TIME refuses anything else", arguments: ["", "m", "15x", "-5m", "yesterday", "2026-13-01", "1.5h"])
    func invalidTimes(text: String) {
        #expect(throws: TimeSpecification.Invalid.self) { try TimeSpecification.parse(text, now: Self.now) }
    }

    @Test("a list line has id, last seen, version and a cut headline")
    func listLine() {
        var summary = ArticleSummary(ControlFixtures.article(7, versions: 2))
        #expect(summary.line() == "a7  2026-11-18T11:13:42Z  v2  Headline 7 v2")
        summary.headline = String(repeating: "word ", count: 30)
        let line = summary.line(headlineWidth: 20)
        #expect(line.hasSuffix("word word word word…"))
        #expect(line.count == "a7  2026-11-18T11:13:42Z  v2  ".count + 20)
    }

    @Test("show's text has the fields and the chosen version's body")
    func showText() throws {
        let article = ControlFixtures.article(3, versions: 2)
        let current = try #require(article.text())
        #expect(current.contains("headline: Headline 3 v2"))
        #expect(current.contains("version: 2 of 2, captured 2026-11-18T11:09:42Z from feed example-feed"))
        #expect(current.hasSuffix("\n\nBody of article 3, version 2."))
        let first = try #require(article.text(version: 1))
        #expect(first.contains("headline: Headline 3\n"))
        #expect(first.hasSuffix("\n\nBody of article 3.\n\nSecond paragraph."))
        #expect(article.text(version: 9) == nil)
    }

    @Test("list's query filters, orders newest first and limits")
    func listQuery() {
        let summaries = (1...10).map { ArticleSummary(ControlFixtures.article($0, source: $0 % 2 == 0 ? "even" : "odd")) }
        let since = ControlFixtures.base.addingTimeInterval(4 * 60)
        #expect(ListQuery(since: since).select(from: summaries).map(\.id) == ["a10", "a9", "a8", "a7", "a6", "a5", "a4"])
        #expect(ListQuery(limit: 2, source: "even").select(from: summaries).map(\.id) == ["a10", "a8"])
        #expect(ListQuery(source: "none").select(from: summaries).isEmpty)
    }
}
