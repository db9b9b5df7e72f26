import Foundation
import Testing

@testable import GleanerCore

/// The article's own pictures with their captions and credits (`HTMLFigures`): small pages
/// written for each way pages mark them up.
@Suite struct HTMLFiguresTests {
    let parser = DocumentParser()

    private func images(_ body: String, head: String = "") throws -> [ImageRef] {
        let html = """
            <html><head>\(head)</head><body>\(body)</body></html>
            """
        let document = ParseTestSupport.document(html, name: "figures.html", url: "https://paper.example/news/story.html")
        return try #require(try parser.parse(document).first).image
    }

    private static let paragraphs = """
        <p>The harbour reopened on Monday after a week of repairs to the sea wall, the port authority said in a statement.</p>
        <p>Fishing boats were the first to leave, followed by the morning ferry, which had waited at anchor since Sunday night.</p>
        """

    @Test func aLazyLoadedFiguresCaptionAndItsMarkedCreditAreSplit() throws {
        let found = try images("""
            <article><h1>Harbour reopens</h1>\(Self.paragraphs)
            <figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/harbour.jpg" alt="">
            <figcaption>Boats leave the harbour at dawn. <span class="image-credit">Photograph: Jo Lee/AP</span></figcaption></figure>
            </article>
            """)
        #expect(found == [ImageRef(url: "https://paper.example/img/harbour.jpg", caption: "Boats leave the harbour at dawn.", credit: "Jo Lee/AP")])
    }

    @Test func aCreditWrittenIntoTheCaptionAfterALabelIsSplitOff() throws {
        let found = try images("""
            <article>\(Self.paragraphs)
            <figure><img src="/a.jpg"><figcaption>The repaired sea wall (Photo: Sam Ortiz)</figcaption></figure>
            <figure><img src="/b.jpg"><figcaption>Der Hafen am Morgen. Foto: Lena Maier/dpa</figcaption></figure>
            <figure><img src="/c.jpg"><figcaption>Reuters/Pat Kim</figcaption></figure>
            </article>
            """)
        #expect(found.map(\.caption) == ["The repaired sea wall", "Der Hafen am Morgen.", nil])
        #expect(found.map(\.credit) == ["Sam Ortiz", "Lena Maier/dpa", "Reuters/Pat Kim"])
    }

    @Test func theLargestSrcsetCandidateAndANoscriptPictureBeatAThumbnail() throws {
        let found = try images("""
            <article>\(Self.paragraphs)
            <figure><img srcset="/s-320.jpg 320w, /s-1280.jpg 1280w, /s-640.jpg 640w"><figcaption>Wide view</figcaption></figure>
            <figure><img src="/thumb.jpg?w=60"><noscript><img src="/full.jpg"></noscript><figcaption>Close up</figcaption></figure>
            </article>
            """)
        #expect(found.map(\.url) == ["https://paper.example/s-1280.jpg", "https://paper.example/full.jpg"])
    }

    @Test func figuresOutsideTheArticleInFurnitureOrInLinksAreNotTheArticles() throws {
        let found = try images("""
            <header><figure><img src="/logo.png"><figcaption>Paper logo</figcaption></figure></header>
            <article>\(Self.paragraphs)
            <figure><img src="/own.jpg"><figcaption>The article's own picture</figcaption></figure>
            <div class="related-stories"><figure><img src="/other.jpg"><figcaption>Another story</figcaption></figure></div>
            <a href="/news/teaser.html"><figure><img src="/teaser.jpg"><figcaption>Read next</figcaption></figure></a>
            </article>
            <figure><img src="/outside.jpg"><figcaption>Below the article</figcaption></figure>
            """)
        #expect(found == [ImageRef(url: "https://paper.example/own.jpg", caption: "The article's own picture")])
    }

    @Test func theLeadImageComesFirstAndGainsTheCaptionOfItsFigure() throws {
        let found = try images(
            """
            <main>\(Self.paragraphs)
            <figure><img src="https://paper.example/lead.jpg"><figcaption>The harbour from the air <small>Drone: Port authority</small></figcaption></figure>
            <figure><img src="/second.jpg"></figure>
            </main>
            """, head: #"<meta property="og:image" content="https://paper.example/lead.jpg">"#)
        #expect(
            found == [
                ImageRef(url: "https://paper.example/lead.jpg", caption: "The harbour from the air", credit: "Drone: Port authority"),
                ImageRef(url: "https://paper.example/second.jpg"),
            ])
    }

    @Test func aPageWithoutFiguresHasOnlyWhatItsMetadataStates() throws {
        #expect(try images("<div>\(Self.paragraphs)</div>").isEmpty)
    }
}
