import Foundation
import Testing
@testable import GleanerCore

/// One small page per hard case of main-text extraction (issue 4): each names what must be in
/// the body and what must stay out. Pages written for this project.
@Suite struct PageBodyCaseTests {
    let parser = DocumentParser()

    /// The body of a page whose `<body>` is `body`.
    func body(_ body: String, title: String = "Harbour news", lang: String = "en") throws -> String {
        let html = "<!DOCTYPE html><html lang=\"\(lang)\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>"
            + body + "</body></html>"
        let doc = ParseTestSupport.document(html, name: "case.html", url: "https://harbour.example/case")
        return try #require(try parser.parse(doc).first).articleBody
    }

    static let prose = [
        "The harbour board met on Monday evening, and after a long debate it voted to rebuild the old pier before winter.",
        "Fishermen had asked for the repairs for years, saying the cracked stones made landing a catch dangerous at low tide.",
        "Work starts in March, the board said, and the pier stays open to walkers while the crews rebuild its northern half.",
    ]

    func paragraphs(_ lines: [String] = prose) -> String { lines.map { "<p>\($0)</p>" }.joined() }

    @Test func nestedContainers() throws {
        let text = try body("""
            <div class="page"><div class="wrap"><div class="col"><div class="inner"><div class="story-text">
            \(paragraphs())</div></div></div></div>
            <div class="col-side"><div class="box"><p><a href="/x">Most read: tides, ferries and storms this week in the bay</a></p></div></div></div>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("Most read"))
    }

    @Test func paginationLinks() throws {
        let text = try body("""
            <article>\(paragraphs())
            <div class="pagination"><a href="?p=1">« Previous</a> <a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">Next »</a></div>
            <div class="nav-links"><a href="/older">Older post: the lighthouse gets a new lamp</a></div></article>
            """)
        #expect(text.contains(Self.prose[2]))
        #expect(!text.contains("Previous"))
        #expect(!text.contains("lighthouse"))
    }

    @Test func commentThread() throws {
        let text = try body("""
            <article><div class="entry-content">\(paragraphs())</div></article>
            <div id="comments" class="comments-area"><h3>3 comments</h3><ol class="comment-list">
            <li class="comment"><p>About time! My boat was damaged on those stones last year, and nobody paid for it.</p></li>
            <li class="comment"><p>Will the café on the pier stay open during the works, does anyone know?</p></li></ol></div>
            """)
        #expect(text.contains(Self.prose[0]))
        #expect(!text.contains("About time"))
        #expect(!text.contains("3 comments"))
    }

    @Test func teaserListOfRelatedArticles() throws {
        let text = try body("""
            <main><div class="article">\(paragraphs())</div>
            <div class="more"><h3>More from the harbour</h3><ul>
            <li><a href="/a">Ferry timetable changes for the summer season</a></li>
            <li><a href="/b">New fish market opens its doors on the quay</a></li>
            <li><a href="/c">Storm damage: what the insurers say</a></li></ul></div></main>
            """)
        #expect(text.contains(Self.prose[1]))
        #expect(!text.contains("Ferry timetable"))
        #expect(!text.contains("fish market"))
    }

    @Test func captionsAndLazyImages() throws {
        let text = try body("""
            <article><p>\(Self.prose[0])</p>
            <figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/pier.jpg" loading="lazy" alt="The old pier">
            <noscript><img src="/img/pier.jpg"></noscript><figcaption>The old pier at low tide. Photo: J. Smith</figcaption></figure>
            <p>\(Self.prose[1])</p><p>\(Self.prose[2])</p></article>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("base64"))
        #expect(!text.contains("Photo: J. Smith"))
    }

    @Test func tableCellsAsText() throws {
        let text = try body("""
            <article>\(paragraphs())
            <table><tr><th>Month</th><th>Work</th></tr><tr><td>March</td><td>Northern half rebuilt</td></tr>
            <tr><td>June</td><td>Southern half rebuilt</td></tr></table><p>The board meets again in April to review the costs.</p></article>
            """)
        #expect(text.contains("Northern half rebuilt"))
        #expect(text.contains("Southern half rebuilt"))
        #expect(text.contains("review the costs"))
    }

    @Test func nonEnglishPage() throws {
        let german = [
            "Der Hafenrat hat am Montagabend nach langer Debatte beschlossen, die alte Mole noch vor dem Winter zu erneuern.",
            "Die Fischer hatten die Reparatur seit Jahren gefordert, weil die rissigen Steine das Anlanden bei Ebbe gefährlich machen.",
        ]
        let japanese = "港湾委員会は月曜日の夜、長い議論の末、冬になる前に古い桟橋を再建することを決めた。漁師たちは何年も前から修理を求めていた。"
        let text = try body("""
            <nav><a href="/">Startseite</a> <a href="/lokal">Lokales</a></nav>
            <div class="artikel">\(paragraphs(german))<p>\(japanese)</p></div>
            <footer><p>Impressum · Datenschutz · Kontakt</p></footer>
            """, lang: "de")
        for line in german { #expect(text.contains(line)) }
        #expect(text.contains(japanese))
        #expect(!text.contains("Impressum"))
        #expect(!text.contains("Startseite"))
    }

    @Test func contentSplitOverSeveralContainers() throws {
        let text = try body("""
            <div class="layout"><section class="part"><h2>The vote</h2><p>\(Self.prose[0])</p></section>
            <div class="ad-slot"><p>Advertisement</p></div>
            <section class="part"><h2>The request</h2><p>\(Self.prose[1])</p></section>
            <section class="part"><h2>The works</h2><p>\(Self.prose[2])</p></section></div>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(text.contains("The request"))
        #expect(!text.contains("Advertisement"))
    }

    @Test func cookieBannerShareBarAndBoxes() throws {
        let text = try body("""
            <div id="cookie-consent"><p>We use cookies to give you the best experience on our site. Accept all or manage your choices.</p></div>
            <article><div class="share-buttons"><a href="#">Facebook</a><a href="#">Twitter</a><a href="#">Email</a></div>
            \(paragraphs())
            <div class="newsletter-signup"><p>Get the harbour news in your inbox every morning, free of charge.</p></div>
            <div class="support-box"><p>Donations from readers like you keep our reporting free. Support our work: donate today and become a member.</p></div>
            </article>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("cookies"))
        #expect(!text.contains("Twitter"))
        #expect(!text.contains("inbox"))
        #expect(!text.contains("Donations"))
    }

    @Test func textInDivsWithLineBreaks() throws {
        let text = try body("""
            <div class="menu-top"><a href="/">Home</a></div>
            <div class="txt">\(Self.prose[0])<br><br>\(Self.prose[1])<br><br>\(Self.prose[2])</div>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func unclosedHeaderWrappingTheArticle() throws {
        // The site's header element is never closed: libxml2 nests the whole page inside it.
        let text = try body("""
            <header class="header" role="banner"><div class="logo"><a href="/">Harbour Times</a></div>
            <main><article>\(paragraphs())</article></main>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
    }

    @Test func labelsAfterTheLastSentence() throws {
        let filler = "The harbour master added that the crews would work in shifts, so that boats can still moor at the southern end."
        let text = try body("""
            <article>\(paragraphs(Self.prose + [filler]))<p>Filed under:</p><p>Harbour, Pier, Works</p></article>
            """)
        #expect(text.hasSuffix(filler))
        #expect(!text.contains("Filed under"))
    }

    @Test func headingsListsAndQuotesInOrder() throws {
        let text = try body("""
            <article><p>\(Self.prose[0])</p><h2>What changes</h2><ul><li>The northern half closes in March.</li>
            <li>Walkers keep the southern half.</li></ul><blockquote>We waited long enough for this, said a fisherman.</blockquote>
            <p>\(Self.prose[2])</p></article>
            """)
        let order = [Self.prose[0], "What changes", "The northern half closes in March.", "Walkers keep the southern half.",
                     "We waited long enough for this, said a fisherman.", Self.prose[2]]
        #expect(text == order.joined(separator: "\n\n"))
    }

    @Test func standfirstKeptApartFromTheBody() throws {
        let lead = "The pier will be rebuilt before winter, the harbour board decided after a long and heated debate."
        let text = try body("""
            <article><div class="article-header"><h1>Pier to be rebuilt</h1><p class="intro">\(lead)</p></div>
            <div class="article-text">\(paragraphs())</div></article>
            """, title: "Pier to be rebuilt")
        #expect(text.hasPrefix(lead))
        #expect(text.contains(Self.prose[2]))
    }

    @Test func relatedHeadingEndsTheArticle() throws {
        let text = try body("""
            <div class="post">\(paragraphs())<h3>Related posts</h3>
            <p>Ferry timetable changes for the summer season, with later crossings on Fridays and Saturdays.</p>
            <p>New fish market opens its doors on the quay, with twelve stalls and a small café by the water.</p></div>
            """)
        #expect(text.hasSuffix(Self.prose[2]))
        #expect(!text.contains("Related posts"))
        #expect(!text.contains("fish market"))
    }

    @Test func readAlsoBoxInsideTheText() throws {
        let text = try body("""
            <div class="post"><p>\(Self.prose[0])</p><p>Read also:</p><p><strong>Storm damage: what the insurers say</strong></p>
            <p>\(Self.prose[1])</p><p>\(Self.prose[2])</p></div>
            """)
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("Read also"))
        #expect(!text.contains("insurers"))
    }

    @Test func datesBylinesAndCreditsAroundTheText() throws {
        let text = try body("""
            <article><p>By Ana Lima</p><p>5 March 2024, 08:30</p><p>4 min read</p><p>\(Self.prose[0])</p>
            <p>Photo: Getty Images</p><p>\(Self.prose[1])</p><p>\(Self.prose[2])</p>
            <p>© 2024 Harbour Times. All rights reserved.</p></article>
            """)
        #expect(text == Self.prose.joined(separator: "\n\n"))
    }

    @Test func containerWidensOverSplitArticle() throws {
        // Each section is its own small container; together they are the article.
        let more = [
            "Crews will close the northern half first, fencing it off from the promenade while divers inspect the piles.",
            "The southern half follows in May, once the northern stones are set and the new railings are in place.",
        ]
        let text = try body("""
            <div class="page"><div class="block"><div class="inner">\(paragraphs())</div></div>
            <div class="block"><div class="inner">\(paragraphs(more))</div></div></div>
            """)
        for line in Self.prose + more { #expect(text.contains(line)) }
    }
}
