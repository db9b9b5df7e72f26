import Foundation
import Testing
@testable import GleanerCore

/// HTML pages: metadata from JSON-LD and `<meta>`, and the main text without page furniture.
@Suite struct HTMLParseTests {
    let parser = DocumentParser()

    static let page = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
          <meta charset="utf-8">
          <title>Ferry strike ends after talks | Harbour Times</title>
          <meta property="og:title" content="Ferry strike ends after talks">
          <meta property="og:site_name" content="Harbour Times">
          <meta property="og:image" content="/img/ferry.jpg">
          <meta property="article:published_time" content="2024-03-05T08:30:00+01:00">
          <meta property="article:modified_time" content="Tue, 05 Mar 2024 10:00:00 GMT">
          <meta property="article:section" content="Local">
          <meta property="article:tag" content="Transport">
          <meta property="article:tag" content="Labour">
          <meta name="author" content="By Ana Lima">
          <link rel="canonical" href="/news/ferry-strike-ends?utm_source=x">
        </head>
        <body>
          <header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
          <div id="cookie-banner">We use cookies to improve your experience, please accept them all now.</div>
          <main>
            <article class="story">
              <h1>Ferry strike ends after talks</h1>
              <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
              <div class="article-body">
                <p>The ferry strike that stranded commuters for three days ended on Monday, after unions and the operator agreed on a new pay deal.</p>
                <p>Services resume on Tuesday morning, with the first crossing at 6am,   the operator said in a statement.</p>
                <h2>What the deal says</h2>
                <p>Crews will get a 6% rise this year and another 3% next year, and overtime rules change.</p>
                <ul><li>Night crossings keep two crews.</li><li>Ticket prices stay the same.</li></ul>
                <blockquote>We are glad to be back at work, a union spokesperson said on the quay.</blockquote>
                <script>var tracking = "should never show";</script>
              </div>
              <aside class="related"><h3>Related</h3><p><a href="/a">Bridge closes for repairs, traffic diverted all week</a></p></aside>
            </article>
            <section id="comments"><p>Comment by reader: I waited four hours in the rain, terrible service indeed.</p></section>
          </main>
          <footer><p>© Harbour Times 2024. All rights reserved. Contact us for licensing.</p></footer>
        </body>
        </html>
        """

    @Test func theInputsArrivalTimeBoundsItsDatesSoTheSameInputGivesTheSameArticle() throws {
        // The page says it was published on 2024-03-05; an input that arrived three days before
        // (beyond the day of slack for time zones) cannot be that article's, whatever the clock says.
        let before = Document(
            name: "ferry.html", bytes: Array(Self.page.utf8), source: SourceRef(kind: .inbox, name: "ferry.html"),
            url: "https://harbour.example/news/ferry", receivedAt: Date(timeIntervalSince1970: 1_709_623_800 - 3 * 86_400))
        let early = try #require(try parser.parse(before).first)
        #expect(early.datePublished == nil)
        let after = Document(
            name: "ferry.html", bytes: Array(Self.page.utf8), source: SourceRef(kind: .inbox, name: "ferry.html"),
            url: "https://harbour.example/news/ferry", receivedAt: Date(timeIntervalSince1970: 1_709_623_800 + 3_600))
        #expect(try parser.parse(after).first?.datePublished == Date(timeIntervalSince1970: 1_709_623_800))
    }

    @Test func readsMetadata() throws {
        let doc = ParseTestSupport.document(Self.page, name: "ferry.html", url: "https://harbour.example/news/ferry")
        let draft = try #require(try parser.parse(doc).first)
        #expect(draft.headline == "Ferry strike ends after talks")
        #expect(draft.url == "https://harbour.example/news/ferry-strike-ends?utm_source=x")
        #expect(draft.sameAs == ["https://harbour.example/news/ferry"])
        #expect(draft.inLanguage == "en-GB")
        #expect(draft.author == ["Ana Lima"])
        #expect(draft.datePublished == Date(timeIntervalSince1970: 1_709_623_800))
        #expect(draft.dateModified == Date(timeIntervalSince1970: 1_709_632_800))
        #expect(draft.articleSection == "Local")
        #expect(draft.keywords == ["Transport", "Labour"])
        #expect(draft.publisher == "Harbour Times")
        #expect(draft.image == [ImageRef(url: "https://harbour.example/img/ferry.jpg")])
    }

    @Test func extractsTheMainTextAsParagraphs() throws {
        let draft = try #require(try parser.parse(ParseTestSupport.document(Self.page, name: "ferry.html")).first)
        #expect(draft.articleBody == """
            The ferry strike that stranded commuters for three days ended on Monday, after unions and the operator agreed on a new pay deal.

            Services resume on Tuesday morning, with the first crossing at 6am, the operator said in a statement.

            What the deal says

            Crews will get a 6% rise this year and another 3% next year, and overtime rules change.

            Night crossings keep two crews.

            Ticket prices stay the same.

            We are glad to be back at work, a union spokesperson said on the quay.
            """)
    }

    @Test func readsJSONLDArticleInAGraph() throws {
        let html = """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":["NewsArticle"],"headline":"Dam opens early","alternativeHeadline":"Water for the dry valley",
               "author":[{"@type":"Person","name":"Kim Ode"},"Lu Wei"],"datePublished":"2024-06-01T12:00:00Z",
               "dateModified":"2024-06-02","publisher":{"@type":"Organization","name":"Valley Post"},
               "image":{"@type":"ImageObject","url":"https://valley.example/dam.jpg","caption":"The dam at dawn"},
               "keywords":"water, dams","articleSection":["Environment"],"inLanguage":"en",
               "mainEntityOfPage":{"@id":"https://valley.example/dam"}}]}
            </script></head>
            <body><div><p>The new dam opened two weeks early, engineers said, bringing water to the dry valley below.</p></div></body></html>
            """
        let draft = try #require(try parser.parse(ParseTestSupport.document(html, name: "dam.html")).first)
        #expect(draft.headline == "Dam opens early")
        #expect(draft.alternativeHeadline == "Water for the dry valley")
        #expect(draft.author == ["Kim Ode", "Lu Wei"])
        #expect(draft.datePublished == Date(timeIntervalSince1970: 1_717_243_200))
        #expect(draft.dateModified == Date(timeIntervalSince1970: 1_717_286_400))
        #expect(draft.publisher == "Valley Post")
        #expect(draft.image == [ImageRef(url: "https://valley.example/dam.jpg", caption: "The dam at dawn")])
        #expect(draft.keywords == ["water", "dams"])
        #expect(draft.articleSection == "Environment")
        #expect(draft.inLanguage == "en")
        #expect(draft.url == "https://valley.example/dam")
        #expect(draft.articleBody.hasPrefix("The new dam opened two weeks early"))
    }

    @Test func aLoneArticleTagHoldingCommasIsTheListAndSeveralTagsKeepTheirCommas() throws {
        func keywords(_ metas: String) throws -> [String] {
            let html = "<html><head>\(metas)</head><body><p>A paragraph of text long enough to be the article's whole body here.</p></body></html>"
            return try #require(try parser.parse(ParseTestSupport.document(html, name: "tags.html")).first).keywords
        }
        #expect(try keywords(#"<meta property="article:tag" content="Oceans,New Zealand, Whales">"#) == ["Oceans", "New Zealand", "Whales"])
        #expect(
            try keywords(#"<meta property="article:tag" content="Mergers, Acquisitions and Divestitures"><meta property="article:tag" content="Yahoo">"#)
                == ["Mergers, Acquisitions and Divestitures", "Yahoo"])
    }

    @Test func absentFactsStayAbsent() throws {
        let html = "<html><body><p>Only a paragraph of text here, nothing else is known about it at all.</p></body></html>"
        let draft = try #require(try parser.parse(ParseTestSupport.document(html, name: "bare.html")).first)
        #expect(draft.headline == nil && draft.author.isEmpty && draft.datePublished == nil && draft.url == nil)
        #expect(draft.inLanguage == nil && draft.image.isEmpty && draft.keywords.isEmpty)
        #expect(draft.articleBody == "Only a paragraph of text here, nothing else is known about it at all.")
    }

    @Test func pageWithoutTextIsAParseError() {
        let html = "<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>"
        #expect(throws: ParseError.parse("empty.html", "no article text found in the HTML page")) {
            try parser.parse(ParseTestSupport.document(html, name: "empty.html"))
        }
    }

    @Test func parsesPagesConcurrently() async throws {
        let parser = self.parser
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let name = "page\(index).html"
                    return try parser.parse(ParseTestSupport.document(Self.page, name: name)).first?.articleBody ?? ""
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(bodies.count == 1)
        #expect(bodies.first?.hasPrefix("The ferry strike") == true)
    }

    @Test func httpCharsetBeatsTheMetaOne() throws {
        let bytes: [UInt8] = Array("<html><head><meta charset=\"koi8-r\"></head><body><p>Caf".utf8) + [0xE9]
            + Array(" is open today and tomorrow.</p></body></html>".utf8)
        let doc = ParseTestSupport.document(bytes, name: "c.html", contentType: "text/html; charset=iso-8859-1")
        #expect(try parser.parse(doc).first?.articleBody == "Café is open today and tomorrow.")
    }

    @Test func datesInCommonShapes() {
        let expected = Date(timeIntervalSince1970: 1_709_632_800)  // 2024-03-05T10:00:00Z
        for text in ["2024-03-05T10:00:00Z", "2024-03-05T11:00:00+01:00", "2024-03-05T10:00:00.000+0000",
                     "2024-03-05 10:00:00", "Tue, 05 Mar 2024 10:00:00 GMT", "05 Mar 2024 05:00:00 EST",
                     "Tue, 5 Mar 24 12:00 +0200", "2024-03-05T10:00Z"] {
            #expect(DateParsing.parse(text) == expected, "\(text)")
        }
        #expect(DateParsing.parse("2024-03-05") == Date(timeIntervalSince1970: 1_709_596_800))
        #expect(DateParsing.parse("yesterday") == nil)
        #expect(DateParsing.parse("2024-13-45") == nil)
    }
}
