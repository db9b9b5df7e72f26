import Foundation
import Testing
@testable import GleanerCore

/// Pages, written for this project, whose facts sit in data rather than markup: an article
/// body rendered by script from JSON-LD (the markup an empty shell or a teaser), and `<meta>`
/// tags that state one key both by `property` and by `name`.
@Suite struct PageScriptDataTests {
    let parser = DocumentParser()

    static let prose = PageBodyCaseTests.prose

    func draft(head: String, body: String) throws -> ArticleDraft {
        let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pier to be rebuilt</title>"
            + head + "</head><body>" + body + "</body></html>"
        let doc = ParseTestSupport.document(html, name: "case.html", url: "https://harbour.example/pier")
        return try #require(try parser.parse(doc).first)
    }

    func linkedData(body: String) throws -> String {
        let object: [String: Any] = ["@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier to be rebuilt",
                                     "articleBody": body]
        let data = try JSONSerialization.data(withJSONObject: object)
        return "<script type=\"application/ld+json\">" + String(decoding: data, as: UTF8.self) + "</script>"
    }

    @Test func bodyFromLinkedDataWhenThePageShowsAStub() throws {
        let lead = "The harbour board will rebuild the old pier before winter, after years of requests from the fishermen of the town."
        let full = (Self.prose + Self.prose.map { $0.replacingOccurrences(of: "pier", with: "quay") }).joined(separator: "\n\n")
        let draft = try draft(
            head: try linkedData(body: full),
            body: "<div id=\"app\"><h1>Pier to be rebuilt</h1><p class=\"lead\">\(lead)</p><p><a href=\"/login\">Subscribe to read more</a></p></div>")
        // The page's own standfirst leads; the data's paragraphs follow as paragraphs.
        #expect(draft.articleBody.hasPrefix(lead))
        for line in Self.prose { #expect(draft.articleBody.contains(line)) }
        #expect(draft.articleBody.contains("\n\n" + Self.prose[1] + "\n\n"))
    }

    @Test func summaryInLinkedDataNeverReplacesTheBody() throws {
        let summary = "The pier will be rebuilt."
        let draft = try draft(head: try linkedData(body: summary), body: "<article>" + Self.prose.map { "<p>\($0)</p>" }.joined() + "</article>")
        #expect(draft.articleBody == Self.prose.joined(separator: "\n\n"))
    }

    @Test func metaStatedByPropertyWinsOverName() throws {
        let draft = try draft(
            head: """
                <meta name="og:title" content="Harbour Times: the pier"><meta property="og:title" content="Pier to be rebuilt before winter">
                """,
            body: "<article>" + Self.prose.map { "<p>\($0)</p>" }.joined() + "</article>")
        #expect(draft.headline == "Pier to be rebuilt before winter")
    }
}
