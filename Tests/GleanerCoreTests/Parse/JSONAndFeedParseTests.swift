import Foundation
import Testing
@testable import GleanerCore

/// JSON inputs (export lines, schema.org articles, JSON Feed) and RSS/Atom feeds.
@Suite struct JSONAndFeedParseTests {
    let parser = DocumentParser()

    func exportedArticle(id: String, headline: String, body: String) -> Article {
        var draft = ArticleDraft(articleBody: body)
        draft.headline = headline
        draft.url = "https://example.org/\(id)"
        draft.author = ["Ada Byline"]
        draft.keywords = ["one", "two"]
        draft.datePublished = Date(timeIntervalSince1970: 1_700_000_000)
        draft.image = [ImageRef(url: "https://example.org/\(id).jpg", caption: "Cap", credit: "Cred")]
        let version = ArticleVersion(
            version: 1, capturedAt: Date(timeIntervalSince1970: 1_700_000_100), source: SourceRef(kind: .inbox, name: "x"),
            contentHash: "sha256:00", headline: headline, articleBody: body)
        return Article(id: id, draft: draft, firstVersion: version)
    }

    @Test func exportLinesRoundTrip() throws {
        let first = exportedArticle(id: "a1", headline: "First", body: "Para one.\n\nPara two.")
        let second = exportedArticle(id: "b2", headline: "Second", body: "Other text.")
        let encoder = ArticleJSON.encoder()
        var lines = ""
        for article in [first, second] { lines += String(decoding: try encoder.encode(article), as: UTF8.self) + "\n" }
        let drafts = try parser.parse(ParseTestSupport.document(lines, name: "export.jsonl"))
        #expect(drafts.count == 2)
        var expected = ArticleDraft(articleBody: first.articleBody)
        expected.url = first.url
        expected.headline = first.headline
        expected.author = first.author
        expected.keywords = first.keywords
        expected.datePublished = first.datePublished
        expected.image = first.image
        #expect(drafts.first == expected)
        #expect(drafts.last?.headline == "Second")

        // The draft's own JSON form leaves out what is absent and reads back the same.
        let data = try encoder.encode(expected)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["sameAs"] == nil && object["alternativeHeadline"] == nil)
        #expect(object["datePublished"] as? String == "2023-11-14T22:13:20Z")
        #expect(try ArticleJSON.decoder().decode(ArticleDraft.self, from: data) == expected)
    }

    @Test func unknownExportFormatIsRefused() throws {
        let line = String(decoding: try ArticleJSON.encoder().encode(exportedArticle(id: "a", headline: "H", body: "B.")), as: UTF8.self)
            .replacingOccurrences(of: "\"format\":1", with: "\"format\":9")
        #expect {
            try parser.parse(ParseTestSupport.document(line, name: "old.json"))
        } throws: { error in
            let error = error as? ParseError
            return error?.stage == "parse" && error?.description.contains("format 9") == true
        }
    }

    @Test func schemaOrgNewsArticleJSON() throws {
        let json = """
            [{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harvest record",
              "articleBody":"Farmers brought in a record harvest.\\n\\nPrices fell.","author":{"name":"Jo Field"},
              "datePublished":"2023-09-01T06:00:00Z","url":"https://farm.example/harvest"},
             {"@type":"Person","name":"Not an article"}]
            """
        let drafts = try parser.parse(ParseTestSupport.document(json, name: "harvest.json"))
        #expect(drafts.count == 1)
        let draft = try #require(drafts.first)
        #expect(draft.headline == "Harvest record")
        #expect(draft.articleBody == "Farmers brought in a record harvest.\n\nPrices fell.")
        #expect(draft.author == ["Jo Field"])
        #expect(draft.url == "https://farm.example/harvest")
        #expect(draft.datePublished == Date(timeIntervalSince1970: 1_693_548_000))
    }

    @Test func jsonFeedItems() throws {
        let json = """
            {"version":"https://jsonfeed.org/version/1.1","title":"Feed","home_page_url":"https://jf.example/",
             "items":[{"id":"1","url":"/posts/1","title":"Hello","content_html":"<p>First <b>post</b>.</p><p>Second.</p>",
                       "date_published":"2024-01-02T03:04:05Z","tags":["intro"],"authors":[{"name":"Mo"}]}]}
            """
        let drafts = try parser.parse(ParseTestSupport.document(json, name: "feed.json"))
        let draft = try #require(drafts.first)
        #expect(draft.url == "https://jf.example/posts/1")
        #expect(draft.headline == "Hello")
        #expect(draft.articleBody == "First post.\n\nSecond.")
        #expect(draft.keywords == ["intro"])
        #expect(draft.author == ["Mo"])
    }

    @Test func rssItems() throws {
        let rss = """
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>News</title><link>https://rss.example/</link><language>fr</language>
              <item><title>Caf\u{E9} opens</title><link>/cafe</link><dc:creator>Luc</dc:creator>
                <pubDate>Mon, 01 Jan 2024 10:00:00 +0000</pubDate><category>Food</category><category>City</category>
                <description>Short summary.</description>
                <content:encoded><![CDATA[<p>The caf\u{E9} opened.</p><p>Queues formed &amp; grew.</p>]]></content:encoded></item>
              <item><title>Second</title><link>https://rss.example/second</link><description>&lt;p&gt;Escaped &lt;i&gt;html&lt;/i&gt;.&lt;/p&gt;</description></item>
            </channel></rss>
            """
        let bytes = Array(rss.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let drafts = try parser.parse(ParseTestSupport.document(bytes, name: "news.xml", url: "https://rss.example/feed.xml"))
        #expect(drafts.count == 2)
        let first = try #require(drafts.first)
        #expect(first.headline == "Café opens")
        #expect(first.url == "https://rss.example/cafe")
        #expect(first.author == ["Luc"])
        #expect(first.datePublished == Date(timeIntervalSince1970: 1_704_103_200))
        #expect(first.keywords == ["Food", "City"])
        #expect(first.inLanguage == "fr")
        #expect(first.articleBody == "The café opened.\n\nQueues formed & grew.")
        #expect(drafts.last?.articleBody == "Escaped html.")
    }

    @Test func atomEntries() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://atom.example/blog/">
              <title>Blog</title>
              <entry><title>Entry one</title><link rel="alternate" href="one"/><author><name>Ann</name></author>
                <published>2024-02-03T04:05:06Z</published><updated>2024-02-04T00:00:00Z</updated>
                <category term="notes"/>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Body one.</p><p>Body two.</p></div></content></entry>
              <entry><title type="html">Entry &lt;b&gt;two&lt;/b&gt;</title><link href="https://atom.example/two"/>
                <summary>Plain summary.</summary></entry>
            </feed>
            """
        let drafts = try parser.parse(ParseTestSupport.document(atom, name: "blog.atom"))
        #expect(drafts.count == 2)
        let first = try #require(drafts.first)
        #expect(first.headline == "Entry one")
        #expect(first.url == "https://atom.example/blog/one")
        #expect(first.author == ["Ann"])
        #expect(first.datePublished == Date(timeIntervalSince1970: 1_706_933_106))
        #expect(first.dateModified == Date(timeIntervalSince1970: 1_707_004_800))
        #expect(first.keywords == ["notes"])
        #expect(first.inLanguage == "en")
        #expect(first.articleBody == "Body one.\n\nBody two.")
        #expect(drafts.last?.headline == "Entry two")
        #expect(drafts.last?.articleBody == "Plain summary.")
    }

    @Test func textStartingWithABracketIsNotJSON() throws {
        let drafts = try parser.parse(ParseTestSupport.document("[Updated] The bridge reopened on Monday.", name: "b.json"))
        #expect(drafts.first?.articleBody == "[Updated] The bridge reopened on Monday.")
        #expect(throws: ParseError.parse("bad.jsonl", "line 2 is not valid JSON")) {
            try parser.parse(ParseTestSupport.document("{\"@type\": \"NewsArticle\", \"articleBody\": \"B.\"}\n{oops", name: "bad.jsonl"))
        }
    }

    @Test func formatIsSniffedFromContentNotName() throws {
        let html = "<!doctype html><html><body><p>This page was saved with the wrong extension by someone.</p></body></html>"
        let drafts = try parser.parse(ParseTestSupport.document(html, name: "page.txt"))
        #expect(drafts.first?.articleBody == "This page was saved with the wrong extension by someone.")
        #expect(InputFormat.sniff("<?xml version=\"1.0\"?><rss><channel/></rss>", name: "x.html") == .feed)
        #expect(InputFormat.sniff("{\"a\":1}", name: "x.txt") == .json)
        #expect(InputFormat.sniff("Just words.", name: "x.html") == .text)
        #expect(InputFormat.sniff("<p>Hello</p>", name: "x.htm") == .html)
    }
}
