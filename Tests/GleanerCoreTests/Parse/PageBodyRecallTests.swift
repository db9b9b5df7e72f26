import Foundation
import Testing
@testable import GleanerCore

/// Small pages, written for this project, for the hard cases where the article's own text
/// used to be lost (recall): a teaser's long blurb outscoring the article, a menu of news
/// teasers kept as a layout wrapper, a standfirst set as a subheading, content headers taken
/// for the page's header, overlays marked up as articles, a negated class ("non-paywall"),
/// text only in `<noscript>`, ruby readings, stray NUL bytes and a broken byte in a UTF-8 page.
@Suite struct PageBodyRecallTests {
    let parser = DocumentParser()

    func page(_ body: String, title: String = "Harbour news") -> String {
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>"
            + body + "</body></html>"
    }

    func text(ofPage html: String) throws -> String {
        try text(ofBytes: Array(html.utf8))
    }

    func text(ofBytes bytes: [UInt8]) throws -> String {
        let doc = ParseTestSupport.document(bytes, name: "recall.html", url: "https://harbour.example/recall")
        return try #require(try parser.parse(doc).first).articleBody
    }

    static let prose = [
        "The harbour board met on Monday evening and voted to rebuild the old pier before the winter storms arrive.",
        "Fishermen had asked for the repairs for years, since the cracked stones made landing a catch dangerous.",
        "Work starts in March, the board said, and the pier stays open to walkers while its northern half is rebuilt.",
        "The council will pay for most of the work, and a fund raised by the sailing club covers the new railings.",
        "A public meeting about the timetable is planned for next month in the hall of the old customs house.",
    ]

    func paragraphs(_ lines: [String] = prose) -> String { lines.map { "<p>\($0)</p>" }.joined() }

    /// A podcast's blurb with many commas, a card (link around a heading and one paragraph)
    /// longer than 400 characters: it is link text, not a better container than the article.
    @Test func longTeaserCardDoesNotOutscoreTheArticle() throws {
        let blurb = "Which news matter today, what do you need to know, and who is talking about it? "
            + String(repeating: "Anna, Ben, Carla, David, Emil, Frida, Georg and Hanna sort the day for you, ", count: 6)
            + "every morning at half past six."
        let text = try text(ofPage: page("""
            <article><div class="box">\(paragraphs())</div></article>
            <div class="box"><div class="teaser"><a href="/podcast"><h4>The morning podcast</h4><p>\(blurb)</p></a></div></div>
            """))
        for line in Self.prose { #expect(text.contains(line)) }
        #expect(!text.contains("morning podcast"))
        #expect(!text.contains("half past six"))
    }

    /// A mega-menu of news teasers in `<aside><nav>` holding more prose than the article:
    /// navigation is never kept as a layout wrapper.
    @Test func menuOfNewsTeasersIsNoWrapper() throws {
        let teaser = "<li><section class=\"nav-news\"><div class=\"nav-news-text\"><p>"
            + "The city library, closed since spring, reopens on Saturday with longer hours, a new children's corner, "
            + "a café on the ground floor and, for the first time, a collection of tools to borrow.</p></div></section></li>"
        let text = try text(ofPage: page("""
            <div id="wrapper"><aside><nav><ul id="nav">\(String(repeating: teaser, count: 6))</ul></nav></aside>
            <div id="content"><section class="two-columns">\(paragraphs())</section></div></div>
            """))
        #expect(text.contains(Self.prose[0]))
        #expect(!text.contains("city library"))
    }

    /// A page builder's standfirst: an `<h2>` of a whole sentence in a row of its own above
    /// the body's row.
    @Test func standfirstSetAsSubheading() throws {
        let lead = "The harbour board has decided, after years of complaints from fishermen and walkers alike, "
            + "that the old pier will be rebuilt before the winter."
        let text = try text(ofPage: page("""
            <article class="post"><div class="post-content">
            <div class="row"><div class="column"><div class="wrapper"><h2>\(lead)</h2></div></div></div>
            <div class="row"><div class="column"><figure><img src="pier.jpg"></figure></div></div>
            <div class="row"><div class="column"><div class="text-column">\(paragraphs())</div></div></div>
            </div></article>
            """))
        #expect(text.hasPrefix(lead))
        #expect(text.contains(Self.prose[4]))
    }

    /// A recipe's ingredient table (`table-header`) and an FAQ's question (`card-header`) are
    /// headers of the content, not the page's header.
    @Test func contentHeadersAreKept() throws {
        let text = try text(ofPage: page("""
            <header class="site-header"><p>Harbour Kitchen – recipes from the coast, every week, for everyone</p></header>
            <article class="recipe">\(paragraphs(Array(Self.prose.prefix(3))))
            <table class="ingredients table-header"><thead><tr><th><h3>For the dough:</h3></th></tr></thead>
            <tbody><tr><td>250 g</td><td>wheat flour</td></tr><tr><td>125 g</td><td>butter, cold</td></tr></tbody></table>
            <div class="accordion"><div class="card"><div class="card-header"><p>How long does the dough keep in the fridge?</p></div>
            <div class="card-body"><p>Wrapped in foil, the dough keeps for three days, and it can be frozen for a month.</p></div></div></div>
            \(paragraphs(Array(Self.prose.suffix(2))))</article>
            """))
        #expect(text.contains("wheat flour"))
        #expect(text.contains("For the dough:"))
        #expect(text.contains("How long does the dough keep"))
        #expect(!text.contains("Harbour Kitchen"))
    }

    /// Login and message panels marked up as `<article>` elements, and an AMP lightbox's
    /// gallery, are overlays, not the article.
    @Test func overlaysMarkedUpAsArticlesAreLeftOut() throws {
        let text = try text(ofPage: page("""
            <main><article class="post-page">\(paragraphs())</article></main>
            <amp-lightbox id="gallery-lightbox"><div class="lightbox-content"><p>Photo 1 of 12: the pier at dawn, seen from
            the lighthouse, with the fishing boats coming back in.</p></div></amp-lightbox>
            <article class="registry-message-modal"><h2>Welcome!</h2><p>You will shortly receive an e-mail from us.
            Please confirm the link in it within 24 hours to complete your registration, and then sign in again.</p></article>
            """))
        #expect(text.contains(Self.prose[0]))
        #expect(!text.contains("registration"))
        #expect(!text.contains("Photo 1 of 12"))
    }

    /// A paywalled article's free part in a wrapper whose class says what it is not
    /// ("non-paywall"), beside the paywall's own box: the negated class names no furniture.
    @Test func negatedClassNamesNoFurniture() throws {
        let text = try text(ofPage: page("""
            <main><section class="row non-paywall"><article id="article"><div class="article-text">
            \(paragraphs(Array(Self.prose.prefix(3))))</div></article></section>
            <section class="row paywall"><div class="register-form"><p>Already a subscriber? Log in to read on.</p>
            <p>Subscribe now: every article, the daily newsletter and the e-paper for 3 € a month.</p></div></section></main>
            """))
        #expect(text.contains(Self.prose[0]))
        #expect(text.contains(Self.prose[2]))
        #expect(!text.contains("Subscribe now"))
    }

    /// A page its scripts render keeps the post in `<noscript>`; and an element opened inside
    /// a `<noscript>` makes libxml2 nest the whole page in it. Either way the text is read.
    @Test func textInNoscriptIsReadWhenThePageShowsNone() throws {
        let rendered = try text(ofPage: page("""
            <div class="post"><div class="post-body"><script>render(post)</script>
            <noscript>\(paragraphs())</noscript></div></div>
            """))
        for line in Self.prose { #expect(rendered.contains(line)) }
        let nested = try text(ofPage: page("""
            <noscript><div id="nojs"></noscript><div id="main"><article>\(paragraphs())</article></div>
            <noscript></div></noscript>
            """))
        for line in Self.prose { #expect(nested.contains(line)) }
    }

    /// Japanese with furigana: the readings (`<rt>`, in `<rp>` brackets) are not the text.
    @Test func rubyReadingsAreLeftOut() throws {
        let sentence = "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい</rt><rp>)</rp></ruby>"
            + "をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。"
            + "最近、親に虐待された子どもを児童相談所が守ることができなくて、子どもが亡くなる事件が続いています。</p>"
        let text = try text(ofPage: page("<article>" + String(repeating: sentence, count: 4) + "</article>", title: "法律"))
        #expect(text.contains("子どもへの虐待をなくすための法律ができて、"))
        #expect(!text.contains("ぎゃくたい"))
        #expect(!text.contains("ほうりつ"))
    }

    /// NUL bytes in a page (padding after an ad's markup, past the first 8 KiB that the
    /// binary test reads) no longer end it for libxml2.
    @Test func nulBytesDoNotEndThePage() throws {
        let menu = String(repeating: "<li><a href=\"/section\">Section</a></li>", count: 250)
        let html = page("""
            <nav><ul>\(menu)</ul></nav>
            <div class="ad-slot"><a href="/ad"><img src="ad.gif"></a>\u{0}\u{0}\u{0}</div>
            <article>\(paragraphs())</article>
            """)
        #expect(html.utf8.firstIndex(of: 0).map { html.utf8.distance(from: html.utf8.startIndex, to: $0) > 8192 } == true)
        let text = try text(ofPage: html)
        for line in Self.prose { #expect(text.contains(line)) }
    }

    /// A UTF-8 page with one broken byte is read as UTF-8 (the byte replaced), not as
    /// Windows-1252 mojibake.
    @Test func brokenByteInUTF8PageKeepsTheText() throws {
        let lines = [
            "Die Hafenbehörde hat am Montag beschlossen, die alte Mole noch vor dem Winter zu erneuern, größer als bisher.",
            "Die Fischer hatten jahrelang darauf gedrängt, weil das Anlegen bei Niedrigwasser über die Steine gefährlich war.",
            "Die Arbeiten beginnen im März; die Mole bleibt für Spaziergänger geöffnet, während der nördliche Teil erneuert wird.",
            "Für Rückfragen steht die Behörde werktags zur Verfügung, die Sprechzeiten stehen auf der Seite der Gemeinde.",
        ]
        var bytes = Array(page("<article>" + paragraphs(lines) + "</article><footer>Grüße aus dem Hafen</footer>",
            title: "Hafen").utf8)
        // A stray Latin-1 byte in the footer, far from the article.
        let footer = try #require(bytes.indices.last { bytes[$0] == UInt8(ascii: "G") })
        bytes.insert(0xE9, at: footer)
        let text = try text(ofBytes: bytes)
        #expect(text.contains(lines[0]))
        #expect(!text.contains("Ã"))
    }
}
