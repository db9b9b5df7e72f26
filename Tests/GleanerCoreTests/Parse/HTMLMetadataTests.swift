import Foundation
import Testing
@testable import GleanerCore

/// HTML metadata: headline, authors and dates from each place pages state them, the site's
/// name taken off titles, and absent facts left absent. Pages written for these tests.
@Suite struct HTMLMetadataTests {
    let parser = DocumentParser()
    static let body = "<p>" + String(repeating: "The council met on Tuesday and agreed the plan after a long debate. ", count: 6) + "</p>"

    func parse(_ head: String, _ content: String = "", url: String? = nil) throws -> ArticleDraft {
        let html = "<!DOCTYPE html><html><head>\(head)</head><body>\(content)<article>\(Self.body)</article></body></html>"
        let drafts = try parser.parse(ParseTestSupport.document(html, name: "page.html", url: url))
        return try #require(drafts.first)
    }

    func day(_ date: Date?) -> String? { date.map { ExtractedDay.utc($0) } }

    // MARK: JSON-LD shapes

    @Test func jsonLDGraphWithNestedAuthorObjects() throws {
        let draft = try parse("""
            <title>Harbour reopens | Coast News</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Coast News"},
              {"@type":"NewsArticle","headline":"Harbour reopens","datePublished":"2023-05-02T09:00:00Z",
               "dateModified":"2023-05-03T10:00:00Z",
               "author":[{"@type":"Person","name":"Mia Wong"},{"@type":"Person","name":"Olu Ade"}],
               "publisher":{"@type":"Organization","name":"Coast News"}}]}</script>
            """)
        #expect(draft.headline == "Harbour reopens")
        #expect(draft.author == ["Mia Wong", "Olu Ade"])
        #expect(day(draft.datePublished) == "2023-05-02")
        #expect(day(draft.dateModified) == "2023-05-03")
        #expect(draft.publisher == "Coast News")
    }

    @Test func jsonLDArrayAndWebPageDate() throws {
        // Yoast-style: the page, not an article, carries the date; the author is elsewhere.
        let draft = try parse("""
            <script type="application/ld+json">[{"@type":"WebPage","name":"About the project",
              "datePublished":"2018-06-07T10:13:17+00:00"},{"@type":"Person","name":"Not an author field"}]</script>
            <meta property="og:title" content="About the project">
            """)
        #expect(draft.headline == "About the project")
        #expect(day(draft.datePublished) == "2018-06-07")
        #expect(draft.author.isEmpty)
    }

    @Test func jsonLDNameThatIsTheSiteLosesToHeadlineMatchingTitle() throws {
        let draft = try parse("""
            <title>Rail fares rise again | Daily Post</title>
            <script type="application/ld+json">{"@type":"NewsArticle","name":"Daily Post","headline":"Rail fares rise again"}</script>
            """)
        #expect(draft.headline == "Rail fares rise again")
    }

    // MARK: Meta tags

    @Test func openGraphAndArticleMeta() throws {
        let draft = try parse("""
            <meta property="og:title" content="Bridge closed for repairs – City Paper">
            <meta property="og:site_name" content="City Paper">
            <meta property="article:published_time" content="2021-11-04T07:00:00+00:00">
            <meta property="article:modified_time" content="2021-11-05T08:00:00+00:00">
            <meta property="article:author" content="https://citypaper.example/staff/lee">
            <meta name="author" content="By Sam Lee">
            """)
        #expect(draft.headline == "Bridge closed for repairs")
        #expect(draft.author == ["Sam Lee"])
        #expect(day(draft.datePublished) == "2021-11-04")
        #expect(day(draft.dateModified) == "2021-11-05")
    }

    @Test func dublinCoreInBothSpellings() throws {
        let colon = try parse("""
            <meta property="dc:title" content="Archive notes"><meta property="dcterms:created" content="2015-01-28">
            <meta property="dc:creator" content="Karin Ruppert">
            """)
        #expect(colon.headline == "Archive notes")
        #expect(day(colon.datePublished) == "2015-01-28")
        #expect(colon.author == ["Karin Ruppert"])
        let dotted = try parse(#"<meta name="DC.date.issued" content="2012-02-14"><meta name="DC.title" content="Notes">"#)
        #expect(day(dotted.datePublished) == "2012-02-14")
    }

    // MARK: Dates in the page

    @Test func timeElementInTheArticleHeader() throws {
        let draft = try parse("", """
            <header><h1>Laufen im Winter</h1>
            <time class="entry-date published" datetime="2019-02-10T09:30:10+01:00">10. Februar 2019</time></header>
            """)
        #expect(day(draft.datePublished) == "2019-02-10")
    }

    @Test func dateInTheAddressPath() throws {
        let draft = try parse("<title>Alles neu</title>", url: "http://blog.example.de/2014/05/18/alles-neu/")
        #expect(day(draft.datePublished) == "2014-05-18")
    }

    @Test func writtenDatesInManyLanguages() throws {
        let cases = [
            (#"<p class="postmeta">3. August 2015 · Filme</p>"#, "2015-08-03"),
            (#"<div class="date">December 29th 2019</div>"#, "2019-12-29"),
            (#"<span class="post-date">09 Oct 2018</span>"#, "2018-10-09"),
            (#"<p class="date">Erstellt von Fabian am Dienstag 6. Mai 2014</p>"#, "2014-05-06"),
            (#"<span class="fecha">29 de diciembre de 2019</span>"#, "2019-12-29"),
            (#"<span class="date">1er mars 2020</span>"#, "2020-03-01"),
            (#"<li class="content__meta__date">26.02.2020</li>"#, "2020-02-26"),
        ]
        for (markup, expected) in cases {
            let draft = try parse("<title>Page</title>", "<h1>Page</h1>" + markup)
            #expect(day(draft.datePublished) == expected, "\(markup)")
        }
    }

    @Test func dayWrittenUnderTheHeadlineNotUnderTheLogo() throws {
        let draft = try parse("<title>Verkündung des Gesetzes</title>", """
            <h1 class="aural">Zoll</h1><p>Stand der Seite 01.01.2020</p>
            <h1>Verkündung des Gesetzes</h1><div><span>Datum:</span> <span>18.10.2021</span></div>
            """)
        #expect(day(draft.datePublished) == "2021-10-18")
    }

    @Test func malformedTimestampKeepsItsDay() throws {
        let draft = try parse(#"<script type="application/ld+json">{"@type":"HowTo","datePublished":"2022-01-10T22:06:08:684Z"}</script>"#)
        #expect(day(draft.datePublished) == "2022-01-10")
    }

    @Test func implausibleAndAmbiguousDatesAreNotTaken() throws {
        let future = try parse(#"<meta property="article:published_time" content="2999-01-01T00:00:00Z">"#)
        #expect(future.datePublished == nil)
        let ancient = try parse(#"<meta name="date" content="1970-01-01">"#)
        #expect(ancient.datePublished == nil)
        // 02/03/2019 is 2 March or 3 February depending on the country: not a date to state.
        let ambiguous = try parse("", #"<span class="date">02/03/2019</span>"#)
        #expect(ambiguous.datePublished == nil)
    }

    @Test func datesOfCommentsAreNotThePublicationDate() throws {
        let draft = try parse("", """
            <div class="comments"><div class="comment"><time datetime="2020-01-05T10:00:00Z">5 Jan 2020</time>
            <span class="date">5 January 2020</span></div></div>
            """)
        #expect(draft.datePublished == nil)
    }

    // MARK: Titles

    @Test func siteNameRemovedFromTitleWithEachSeparator() throws {
        for separator in ["|", "–", "—", "-", "·", ":", "»"] {
            let draft = try parse(
                "<title>Coast News \(separator) Harbour reopens after storm</title>", url: "https://www.coastnews.example/a")
            #expect(draft.headline == "Harbour reopens after storm", "separator \(separator)")
            let suffix = try parse(
                "<title>Harbour reopens after storm \(separator) Coast News</title>", url: "https://www.coastnews.example/a")
            #expect(suffix.headline == "Harbour reopens after storm", "separator \(separator)")
        }
    }

    @Test func titleKeepsASeparatorThatIsPartOfTheHeadline() throws {
        let draft = try parse(
            "<title>Covid-19: what we know - Daily Post</title>", url: "https://www.dailypost.example/covid")
        #expect(draft.headline == "Covid-19: what we know")
    }

    @Test func h1BeginningTheTitleIsTheHeadline() throws {
        let draft = try parse("<title>Rinderleber mit Apfel | Liebe geht durch den Magen</title>", "<h1>Rinderleber mit Apfel</h1>")
        #expect(draft.headline == "Rinderleber mit Apfel")
    }

    @Test func headingBeforeAnySeparatorIsTheHeadline() throws {
        let draft = try parse(
            #"<meta property="og:title" content="Enchufla Figuren - Salsa-Figuren - Rueda in Berlin">"#,
            "<h1>Enchufla Figuren</h1>")
        #expect(draft.headline == "Enchufla Figuren")
    }

    @Test func titleAloneLosesItsLastSegment() throws {
        let long = try parse("<title>Lorem ipsum dolor sit amet – My website</title>")
        #expect(long.headline == "Lorem ipsum dolor sit amet")
        // Too little would be left: the title stays whole.
        let short = try parse("<title>Mozilla - Wikipedia</title>")
        #expect(short.headline == "Mozilla - Wikipedia")
    }

    // MARK: Authors

    @Test func bylineInThePage() throws {
        let draft = try parse("", """
            <p class="byline author vcard">Par <a rel="author" class="author url fn" href="/auteur/bs">Barbara Stiegler</a></p>
            """)
        #expect(draft.author == ["Barbara Stiegler"])
    }

    @Test func bylineLabelsAndCommentFormsAreNotNames() throws {
        let draft = try parse("", """
            <span class="byline">Posted on</span>
            <form id="commentform"><label for="author">Name *</label><input id="author"></form>
            """)
        #expect(draft.author.isEmpty)
    }

    @Test func siteNameAsAuthorOnlyWhenNothingElse() throws {
        let both = try parse(
            #"<meta property="og:site_name" content="National Geographic"><meta name="author" content="National Geographic">"#,
            #"<span class="author-name">By Michael Hingston</span>"#)
        #expect(both.author == ["Michael Hingston"])
        let only = try parse(#"<meta property="og:site_name" content="BBC News"><meta name="author" content="BBC News">"#)
        #expect(only.author == ["BBC News"])
    }

    @Test func bylineWithDateKeepsTheName() throws {
        let draft = try parse("", #"<div class="byline">By Nathan Willis March 25, 2015</div>"#)
        #expect(draft.author == ["Nathan Willis"])
    }

    @Test func bylineLineUnderTheHeading() throws {
        let draft = try parse("", "<h1>Corona: Was jetzt gilt</h1><span>von Andreas Kürten</span><p>Von Montag bis Freitag geöffnet.</p>")
        #expect(draft.author == ["Andreas Kürten"])
        let none = try parse("", "<h1>Öffnungszeiten</h1><p>Von Montag bis Freitag geöffnet.</p>")
        #expect(none.author.isEmpty)
    }

    // MARK: Absent facts

    @Test func absentFieldsStayAbsent() throws {
        let draft = try parse("", "<div class=\"sidebar\"><a href=\"/about\">About us</a></div>")
        #expect(draft.headline == nil)
        #expect(draft.author.isEmpty)
        #expect(draft.datePublished == nil)
        #expect(draft.dateModified == nil)
        #expect(draft.publisher == nil)
    }

    @Test func metaValuesEscapedTwiceAreDecoded() throws {
        let draft = try parse("""
            <meta property="og:title" content="Record of the Week: Luboku, &amp;#8216;Pale Blue Dot&amp;#8217;">
            <meta name="author" content="Redacci&amp;oacute;n Diario">
            """)
        #expect(draft.headline == "Record of the Week: Luboku, \u{2018}Pale Blue Dot\u{2019}")
        #expect(draft.author == ["Redacción Diario"])
    }

    @Test func textDatesReader() {
        #expect(TextDates.first(in: "Stand: 26. Februar 2020, 12:30 Uhr")?.iso == "2020-02-26")
        #expect(TextDates.first(in: "2019/08/02")?.iso == "2019-08-02")
        #expect(TextDates.first(in: "31.02.2020") == nil)
        #expect(TextDates.first(in: "Mai 2014") == nil)
        #expect(TextDates.first(in: "mars 12, 2020")?.iso == "2020-03-12")
    }
}

/// The UTC calendar day of an instant, as the benchmark writes it.
enum ExtractedDay {
    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// Yoast writes the article's author as a reference to a Person elsewhere in its `@graph`.
@Suite struct LinkedDataReferenceTests {
    @Test func authorReferenceIsResolvedInTheGraph() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"Article","@id":"https://ex.example/a#article","headline":"Neue Wege",
               "author":{"@id":"https://ex.example/#/schema/person/1"}},
              {"@type":"Person","@id":"https://ex.example/#/schema/person/1","name":"Helga Berger"}]}</script></head>
            <body><article>\(HTMLMetadataTests.body)</article></body></html>
            """
        let draft = try #require(try DocumentParser().parse(ParseTestSupport.document(html, name: "page.html")).first)
        #expect(draft.author == ["Helga Berger"])
        #expect(draft.headline == "Neue Wege")
    }
}
