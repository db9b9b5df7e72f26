import Foundation
import Testing
@testable import GleanerCore

/// `FeedReader`: each feed family, the hasFullContent rule, xml:base, ids, ttl, and that the
/// inbox path (`DocumentParser`) reads feeds into the same drafts.
@Suite struct FeedReaderTests {
    static func document(_ text: String, url: String? = "https://news.example/feed.xml", contentType: String? = nil) -> Document {
        Document(
            name: "feed.xml", bytes: Array(text.utf8), source: SourceRef(kind: .feed, name: "news"), url: url,
            contentType: contentType, receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    static func words(_ n: Int) -> String { (1...n).map { "word\($0)" }.joined(separator: " ") }

    @Test func rss2ChannelItemsIdsAndTTL() throws {
        let rss = """
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>News &amp; views</title><link>/</link><ttl>45</ttl>
              <item><title>Full</title><link>/a</link><guid isPermaLink="false">id-a</guid>
                <author>me@news.example (Mo Writer)</author>
                <pubDate>Thu, 01 Jan 2004 19:48:21 EST</pubDate>
                <enclosure url="/a.jpg" type="image/jpeg" length="1"/><enclosure url="/a.mp3" type="audio/mpeg" length="1"/>
                <description>Short.</description>
                <content:encoded><![CDATA[<p>\(Self.words(60))</p>]]></content:encoded></item>
              <item><title>Stub</title><guid>https://news.example/b</guid><description>Only a teaser.</description></item>
            </channel></rss>
            """
        let feed = try #require(try FeedReader.read(Self.document(rss)))
        #expect(feed.title == "News & views")
        #expect(feed.link == "https://news.example/")
        #expect(feed.ttlMinutes == 45)
        #expect(feed.items.count == 2)
        let full = feed.items[0]
        #expect(full.id == "id-a")
        #expect(full.link == "https://news.example/a")
        #expect(full.hasFullContent)
        #expect(full.draft.author == ["Mo Writer"])
        // 19:48:21 EST is 00:48:21 UTC the next day.
        #expect(full.draft.datePublished == Date(timeIntervalSince1970: 1_073_004_501))
        #expect(full.draft.image == [ImageRef(url: "https://news.example/a.jpg")])
        #expect(full.draft.articleBody.hasPrefix("word1 word2"))
        let stub = feed.items[1]
        #expect(stub.id == "https://news.example/b")
        #expect(stub.link == "https://news.example/b", "a permalink guid is the link")
        #expect(!stub.hasFullContent)
        #expect(stub.draft.articleBody == "Only a teaser.")
    }

    @Test func hasFullContentRule() throws {
        func item(_ inner: String) throws -> FeedItem {
            let rss = "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><item>\(inner)</item></channel></rss>"
            return try #require(try FeedReader.read(Self.document(rss))?.items.first)
        }
        let stub = try item("<description>\(Self.words(30))</description><content:encoded>Read more…</content:encoded>")
        #expect(!stub.hasFullContent, "a content stub is not the article")
        #expect(stub.draft.articleBody.hasPrefix("word1"), "the longer summary is the body")
        #expect(try item("<description>\(Self.words(149))</description>").hasFullContent == false)
        #expect(try item("<description>\(Self.words(150))</description>").hasFullContent, "a long summary is the article")
        #expect(try item("<content:encoded>\(Self.words(50))</content:encoded>").hasFullContent)
    }

    @Test func atomNestedXMLBaseAndTextConstructs() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/root/">
              <title type="html">A &lt;b&gt;bold&lt;/b&gt; blog</title>
              <link rel="self" href="feed.atom"/><link rel="alternate" type="text/html" href="./"/>
              <entry xml:base="posts/">
                <media:title xmlns:media="http://search.yahoo.com/mrss/">Not the title</media:title>
                <id>tag:blog.example,2024:1</id><title type="text">1 &lt; 2</title>
                <link rel="enclosure" type="image/png" href="pic.png"/>
                <link rel="alternate" href="one.html" xml:base="/other/"/>
                <author><name>Ann</name><email>ann@blog.example</email></author>
                <updated>2024-02-04T01:00:00+01:00</updated>
                <summary>Sum.</summary>
                <content type="xhtml" xml:base="https://cdn.example/"><div xmlns="http://www.w3.org/1999/xhtml"><p>\(Self.words(80))</p></div></content>
              </entry>
            </feed>
            """
        let feed = try #require(try FeedReader.read(Self.document(atom, url: "https://blog.example/feed")))
        #expect(feed.title == "A bold blog")
        #expect(feed.link == "https://blog.example/root/")
        let entry = try #require(feed.items.first)
        #expect(entry.id == "tag:blog.example,2024:1")
        #expect(entry.draft.headline == "1 < 2")
        #expect(entry.link == "https://blog.example/other/one.html")
        #expect(entry.draft.image == [ImageRef(url: "https://blog.example/root/posts/pic.png")])
        #expect(entry.draft.author == ["Ann"])
        #expect(entry.draft.dateModified == Date(timeIntervalSince1970: 1_707_004_800))
        #expect(entry.hasFullContent)
    }

    @Test func rdfAndAtom03() throws {
        let rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
              xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link></channel>
              <item rdf:about="https://rdf.example/1"><title>One</title><dc:date>2003-12-31T10:14:55Z</dc:date>
                <dc:subject>Topic</dc:subject></item>
            </rdf:RDF>
            """
        let feed = try #require(try FeedReader.read(Self.document(rdf)))
        #expect(feed.title == "RDF")
        #expect(feed.items.first?.link == "https://rdf.example/1")
        #expect(feed.items.first?.draft.datePublished == Date(timeIntervalSince1970: 1_072_865_695))
        #expect(feed.items.first?.draft.keywords == ["Topic"])
        let atom03 = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
              <entry><title mode="escaped" type="text/html">&lt;i&gt;Old&lt;/i&gt; entry</title>
                <link rel="alternate" type="text/html" href="https://old.example/1"/>
                <issued>2003-12-31T10:14:55Z</issued><modified>2004-01-01T00:00:00Z</modified>
                <content type="text/html" mode="escaped">&lt;p&gt;Hello.&lt;/p&gt;</content></entry>
            </feed>
            """
        let old = try #require(try FeedReader.read(Self.document(atom03))?.items.first)
        #expect(old.draft.headline == "Old entry")
        #expect(old.link == "https://old.example/1")
        #expect(old.draft.datePublished == Date(timeIntervalSince1970: 1_072_865_695))
        #expect(old.draft.dateModified == Date(timeIntervalSince1970: 1_072_915_200))
        #expect(old.draft.articleBody == "Hello.")
    }

    @Test func jsonFeed() throws {
        let json = """
            {"version":"https://jsonfeed.org/version/1.1","title":"JF","home_page_url":"https://jf.example/",
             "items":[{"id":7,"url":"/p/7","title":"Seven","content_text":"\(Self.words(55))"},
                      {"id":"8","url":"https://jf.example/p/8","summary":"Just a summary."}]}
            """
        let feed = try #require(try FeedReader.read(Self.document(json, url: "https://jf.example/feed.json")))
        #expect(feed.title == "JF")
        #expect(feed.link == "https://jf.example/")
        #expect(feed.items.map(\.id) == ["7", "8"])
        #expect(feed.items[0].link == "https://jf.example/p/7")
        #expect(feed.items[0].hasFullContent)
        #expect(!feed.items[1].hasFullContent)
    }

    @Test func inboxFeedsAndFetchedFeedsAgree() throws {
        let rss = "<rss><channel><title>T</title><item><title>A</title><link>https://x.example/a</link>"
            + "<description>&lt;p&gt;Caf&eacute; &amp; bar&lt;/p&gt;</description></item></channel></rss>"
        let document = Self.document(rss)
        let feed = try #require(try FeedReader.read(document))
        #expect(try DocumentParser().parse(document) == feed.items.map(\.draft))
        #expect(feed.items.first?.draft.articleBody == "Café & bar")
    }

    @Test func aPageIsNotAFeed() throws {
        let page = "<!doctype html><html><body><p>Just a page about feeds.</p></body></html>"
        #expect(try FeedReader.read(Self.document(page)) == nil)
        #expect(try FeedReader.read(Self.document("Plain words.")) == nil)
        #expect(try FeedReader.read(Self.document("{\"title\": \"not a feed\"}")) == nil)
    }
}
