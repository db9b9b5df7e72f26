import Foundation
import Testing
@testable import GleanerCore

/// Small pages, written for this project, for the kinds of furniture that cost main-text
/// precision: teaser cards inside the article's container, captions written as paragraphs,
/// date stamps, the rest of the page around a short post, and a layout wrapper whose compound
/// class names furniture.
@Suite struct PageBodyPrecisionTests {
    let parser = DocumentParser()

    func body(_ body: String, title: String = "Harbour news") throws -> String {
        let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>"
            + body + "</body></html>"
        let doc = ParseTestSupport.document(html, name: "case.html", url: "https://harbour.example/case")
        return try #require(try parser.parse(doc).first).articleBody
    }

    static let prose = PageBodyCaseTests.prose
    static let filler = "The harbour master added that the crews would work in shifts, so that boats can still moor at the southern end."

    func paragraphs(_ lines: [String] = prose) -> String { lines.map { "<p>\($0)</p>" }.joined() }

    @Test func teaserCardsInsideTheArticleContainer() throws {
        // Each teaser is a link around a heading and a lead: every word of it is link text.
        let text = try body("""
            <div class="content">\(paragraphs())
            <a href="/ferry"><div class="card"><h3>Ferry timetable changes</h3>
            <p>Later crossings on Fridays and Saturdays, the ferry company announced on Tuesday.</p></div></a>
            <a href="/market"><div class="card"><h3>New fish market</h3>
            <p>Twelve stalls and a small café by the water open on the quay next week.</p></div></a></div>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("Later crossings"))
        #expect(!text.contains("Twelve stalls"))
    }

    @Test func pageWhoseOnlyTextIsInsideALink() throws {
        // No teaser beside an article: the link's blocks are the page's text.
        let text = try body("<a href=\"javascript:\"><p>\(Self.prose[0])</p><p>\(Self.prose[1])</p></a>")
        #expect(text.contains(Self.prose[0]))
        #expect(text.contains(Self.prose[1]))
    }

    @Test func captionsWrittenAsParagraphs() throws {
        let mention = "A photo: that is what the fishermen sent the board every winter. It showed the cracked stones."
        let text = try body("""
            <article><p>\(Self.prose[0])</p>
            <p>The old pier at low tide, seen from the lighthouse (Photo: J. Smith/Harbour Times)</p>
            <p>\(Self.prose[1])</p><p>Fishermen unloading their catch on the northern steps.Bild: AFP/SID</p>
            <p>Cracked stones on the pier (Symbolbild)</p><p>\(mention)</p><p>Abbildung 4: die alte Mole bei Ebbe.</p>
            <p>Fig. 2. Cross-section of the northern half</p><p>\(Self.prose[2])</p></article>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(text.contains(mention))
        #expect(!text.contains("low tide, seen"))
        #expect(!text.contains("unloading"))
        #expect(!text.contains("Symbolbild"))
        #expect(!text.contains("Abbildung"))
        #expect(!text.contains("Cross-section"))
    }

    @Test func disclosuresPromptsAndLongRightsNotices() throws {
        let text = try body("""
            <article><p>For links on this page the Harbour Times may receive a commission from the retailer.</p>
            \(paragraphs())<p>Was this article helpful?</p>
            <p>© 2024, Harbour Times. This article is the copyrighted property of the Harbour Times. Written permission must be obtained before reprint in online or print media.</p></article>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func signOffBeforeTheLabelsStays() throws {
        let text = try body("""
            <div class="post">\(paragraphs(Self.prose + [Self.filler]))<p>Liebe Grüße</p><p>x Franzi</p><p>Filed under:</p>
            <p>Harbour, Pier</p></div>
            """)
        #expect(text.hasSuffix(Self.filler + "\n\nLiebe Grüße\n\nx Franzi"))
    }

    @Test func bylineAfterTheStandfirst() throws {
        let text = try body("""
            <article><p>\(Self.prose[0])</p><p>By Ana Lima</p><p>5 March 2024</p><p>\(Self.prose[1])</p><p>\(Self.prose[2])</p></article>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func downloadLinksGoButATableOfSizesStays() throws {
        let text = try body("""
            <article>\(paragraphs())<p>Dieses Skript als PDF herunterladen</p><p>Jahresbericht 2023 PDF | 38 KB | Datei</p>
            <table><tr><td>Old pier survey</td><td>71.1 MB</td></tr><tr><td>New pier plans</td><td>13.4 MB (-81%)</td></tr></table></article>
            """)
        #expect(!text.contains("herunterladen"))
        #expect(!text.contains("Jahresbericht"))
        #expect(text.contains("71.1 MB"))
        #expect(text.contains("13.4 MB (-81%)"))
    }

    @Test func paywallNoticeWhereTheTextStops() throws {
        let text = try body("""
            <article>\(paragraphs())<p>To view the full story, please subscribe to the Harbour Times.</p>
            <p>If you are seeing this message but you are already a subscriber, log in for immediate access.</p>
            <p>Pour lire la suite et accéder à tous nos articles, abonnez-vous.</p></article>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func dateStampsBetweenParagraphs() throws {
        let text = try body("""
            <article><p>\(Self.prose[0])</p><p>Aktualisiert: 11.04.2020, 10:27</p><p>\(Self.prose[1])</p>
            <p>Updated March 3, 2021</p><p>\(Self.prose[2])</p></article>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func shortPostAmongSharePromptsAndLabels() throws {
        // A post of two sentences: the rest of the page (share prompts, tags, categories) is
        // longer than the post but is not its text.
        let post = "The pier reopens on Saturday. Walkers are welcome again from nine in the morning."
        let text = try body("""
            <div class="post"><div class="post-body"><p>\(post)</p></div>
            <div class="after"><p>Teilen Sie dies mit:</p><p>Gefällt mir:</p><p>Schlagwörter Hafen, Mole</p>
            <p>Kategorien Allgemein</p><p>Keine Kommentare</p></div></div>
            """)
        #expect(text == post)
    }

    @Test func layoutWrapperWithFurnitureInItsClass() throws {
        // "above-footer" names where the wrapper sits, not what it is: it holds the article.
        let more = [
            "Crews will close the northern half first, fencing it off from the promenade while divers inspect the piles.",
            "The southern half follows in May, once the northern stones are set and the new railings are in place.",
        ]
        let text = try body("""
            <div class="above-footer"><div class="post-content"><section class="article-content">
            \(paragraphs(Self.prose + more))</section></div></div>
            <div class="sidebar"><p>Most read: tides, ferries and storms this week in the bay, and the new lighthouse lamp.</p></div>
            """)
        for line in Self.prose + more { #expect(text.contains(line)) }
        #expect(!text.contains("Most read"))
    }
}
