import Foundation
import Testing
@testable import GleanerCore

/// The feed parse's shortcuts give what the general path gives, on varied and malformed
/// inputs: item HTML written as text in one pass, ASCII dates, absolute links kept as they
/// are, text bodies split on bytes, paragraphs appended in place.
extension FastPathParseTests {
    /// What `FeedText.htmlText` did before the one-pass writer.
    private func general(_ html: String) -> String {
        HTMLContentExtractor.text(ofFragment: FeedEntities.numericHTMLEntities(in: html), keepingEveryParagraph: true)
    }

    private var fragments: [String] { [
        "<p>One.</p>\n<p>Two <a href=\"/x?a=1&b=2\">More</a>.</p>", "<p>fish & chips &amp; peas &eacute; &nosuch; &#146; &#x41;</p>",
        "a<br>b<br><br>c<br> <br>d", "<div><p>in div</p>tail</div>", "<ul><li>one</li><li>two</li></ul>",
        "<p>x<img src=\"a.png\">y</p>", "<p>a</p><figure><p>caption</p></figure><p>b</p>",
        "<p class=\"share-bar\">Share this</p><p class=\"entry-content\">kept</p>", "<p style=\"display: none\">hidden</p>shown",
        "<p hidden>gone</p><p aria-hidden=\"true\">gone too</p><span role=\"navigation\">nav</span>end",
        "<h2>Head</h2><blockquote>Quote</blockquote><pre>  code\n  block</pre>", "<p>a<!-- note -->b</p>", "<P CLASS=Lead>Upper</P>",
        "<p>a</p >b", "a < b and 3<4", "<p>unclosed <b>bold", "<p>one<p>two", "<b><p>x</p></b>", "<p><div>x</div></p>",
        "<a href=x>a<a href=y>b</a></a>", "<li>a<li>b", "<p>a</b>", "<script>var x = '<p>';</script>after", "<table><tr><td>c</td></tr></table>",
        "<p>&apos;quoted&apos;</p>", "<p>&#0; &#xD800; &#1114112;</p>", "<!--> abrupt", "<!DOCTYPE html><p>x</p>", "<p>x</p><![CDATA[y]]>",
        "<p title=\"a > b\">attr with gt</p>", "<p data-x='single'>quotes</p>", "<p/>self<br/>closed", "<hr>rule<hr/>",
        "<p>\u{00A0}\u{2003}spaces\u{3000}</p>", "<p>e\u{0301} \u{0301}</p><br>\u{0301}<br>x", "<p>tab\tand\nnewline</p>",
        "<em>a</em> <strong>b</strong>", "<span>a</span><span>b</span>", "<p>c1 \u{0092} control</p>", "text &", "&#x", "<",
        "<p>&lt;b&gt;escaped&lt;/b&gt; &quot;q&quot;</p>", "<section><article>deep</article></section>", "<dl><dt>t</dt><dd>d</dd></dl>",
        "<p id=\"comments\">c</p><p itemprop=\"articleBody\" class=\"share\">body</p>", "<p class=\"a\" class=\"b\">dup</p>",
        "<table><tbody><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></tbody></table>", "<table><tr><td><p>x</td></tr></table>",
        "<td>stray</td>", "<div style=\"text-align: center;\"><span style=\"color: red\">a</span><span style=\"color: red\">b</span></div>",
        "<time datetime=\"2024\">now</time> <mark>m</mark>", "<center><b>x</b></center>", "<h1>a<p>b</p></h1>", "<p>x</p></div>",
    ] }

    @Test func oneHTMLPassMatchesTheExtractor() {
        var accepted = 0
        for fragment in fragments {
            guard let fast = FeedFragmentText.text(fragment) else { continue }
            accepted += 1
            #expect(fast == general(fragment), "\(fragment.debugDescription)")
        }
        #expect(accepted >= 30)
        // The generated feeds' shape and malformed fragments: read, or left to libxml2.
        #expect(FeedFragmentText.text("<p>One.</p>\n<p>Two.</p>") == "One.\n\nTwo.")
        #expect(FeedFragmentText.text("<p>one<p>two") == nil)
        #expect(FeedFragmentText.text("<b><p>x</p></b>") == nil)
        #expect(FeedFragmentText.text("<p>a</b>") == nil)
        #expect(FeedFragmentText.text("<script>x</script>") == nil)
    }

    /// Every element the writer knows, as a block or inline element and void or not, as the
    /// extractor's own lists make it.
    @Test func everyKnownElementMatchesTheExtractor() {
        for name in FeedFragmentTags.table.keys.sorted() {
            let fragment = FeedFragmentTags.table[name]!.isVoid ? "a<\(name)>b<\(name)>c" : "a<\(name)>b</\(name)>c <\(name)>d</\(name)>"
            let fast = FeedFragmentText.text(fragment)
            #expect(fast != nil, "\(fragment)")
            #expect(fast == general(fragment), "\(fragment)")
        }
    }

    /// Seeded random fragments from markup pieces, malformed ones included.
    @Test func randomFragmentsMatchTheExtractor() {
        let pieces = [
            "<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<i>", "</i>", "<a href=\"/r?a=1&amp;b\">", "</a>", "<br>", "<br/>",
            "<ul>", "</ul>", "<li>", "</li>", "<span class=\"share\">", "</span>", "<span>", "<h3>", "</h3>", "<img src=x>",
            "<!-- c -->", "<figure>", "</figure>", "<blockquote>", "</blockquote>", "<hr>", "word", "two words", " ", "\n", "\t",
            "&amp;", "&", "&nbsp;", "&#8217;", "&#150;", "&copy;", "&bogus;", "<", ">", "Zürich", "\u{00A0}", "e\u{0301}", ".",
            "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<tbody>", "</tbody>", "<caption>",
            "<div style=\"display:none\">", "<p class=\"related\">", "<font>", "</font>", "<u>", "</u>", "<dl>", "<dt>", "<dd>",
        ]
        var random = SplitMix(seed: 42)
        var accepted = 0
        for _ in 0..<6000 {
            var fragment = ""
            for _ in 0..<(1 + Int(random.next() % 14)) { fragment += pieces[Int(random.next() % UInt64(pieces.count))] }
            guard let fast = FeedFragmentText.text(fragment) else { continue }
            accepted += 1
            #expect(fast == general(fragment), "\(fragment.debugDescription)")
        }
        #expect(accepted > 300)
    }

    /// The date rule before the ASCII shortcut.
    private func generalDate(_ raw: String) -> Date? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 64 else { return nil }
        if let first = text.unicodeScalars.first, CharacterSet.decimalDigits.contains(first), let date = DateParsing.iso8601(text) {
            return date
        }
        return DateParsing.rfc822(text)
    }

    @Test func asciiDatesMatchTheGeneralParser() {
        let dates = [
            "Tue, 22 Oct 2024 10:00:00 GMT", "Tue, 22 Oct 2024 10:00:00 +0200", "22 Oct 2024 10:00 -0500", "Sun, 1 Jan 2023 00:00:00 UT",
            "tue, 22 oct 2024 10:00:00 utc", "Tue, 22 Oct 2024 10:00:00 Z", "Tue, 22 Oct 2024 10:00:00 EST", "Tue, 22 Oct 24 10:00:00 GMT",
            "Tuesday, 22 Oct 2024 10:00:00 GMT", "Tue 22 Oct 2024 10:00:00 GMT", "Tue, 22 October 2024 10:00:00 GMT",
            "Tue, 32 Oct 2024 10:00:00 GMT", "Tue, 22 Oct 2024 25:00:00 GMT", "Tue, 22 Oct 2024 10:61:00 GMT", "Tue, 22 Foo 2024 10:00 GMT",
            "Tue, 22 Oct 2024 10:00:00", "Tue, 22 Oct 2024", "Tue, 22 Oct 2024 10:00:00 +02:00", "Tue, 22 Oct 2024 10:00:00 +020",
            "  Tue, 22 Oct 2024 10:00:00 GMT \n", "\tTue, 22 Oct 2024 10:00:00 GMT", "Tue,  22 Oct 2024 10:00:00 GMT",
            "Oct 22, 2024 10:00:00 EST", "2024-10-22T10:00:00Z", "2024-10-22T10:00:00.5+02:00", "20241022T100000Z", "2024-10-22",
            "2024-13-01", "2024-10-22 10:00", " 2024-10-22T10:00:00Z", "", "   ", "x", "Tue, 22 Oct 2024 10:00:00 GMT\r\n",
            "Tue, 22 Oct 2024 10:00:00 GMT\u{00A0}", "٢٠٢٤-10-22", String(repeating: "9", count: 70), "Mon, 29 Feb 2023 10:00:00 GMT",
            "Mon, 05 Jun 0999 10:00:00 GMT", "Wed, 02 Oct 2002 08:00:00 -0000",
        ]
        for raw in dates {
            #expect(DateParsing.parse(raw) == generalDate(raw), "\(raw.debugDescription)")
            var bytes = Array(raw.utf8)
            let common = bytes.withUnsafeMutableBufferPointer { DateParsing.rfc822Common(UnsafeBufferPointer($0)) }
            if let common { #expect(common == DateParsing.rfc822(raw), "\(raw.debugDescription)") }
        }
        #expect(DateParsing.parse("Tue, 22 Oct 2024 10:00:00 GMT") == Date(timeIntervalSince1970: 1_729_591_200))
    }

    @Test func absoluteLinksAreWhatResolutionGives() throws {
        let bases: [URL?] = [nil, URL(string: "http://127.0.0.1:8097/tests/x.xml"), URL(string: "https://example.org/a/b/")]
        let links = [
            "https://news.example.com/2026/11/1/story-1.html", "http://example.com", "http://example.com/", "https://a.b/c?d=e&f=g#h",
            "https://example.com:8080/x", "https://example.com/%20x", "https://example.com/a(b)c;d=e,f+g!h$i'j*k~l@m",
            "HTTPS://example.com/", "https://Example.com/", "https://example.com/a/../b", "https://example.com/./b",
            "https://example.com/a b", " https://example.com/", "https://example.com/%zz", "https://example.com/#a#b", "https:///x",
            "https://.example.com/", "https://example..com/", "https://example.com:/x", "https://example.com:0080/",
            "https://[::1]/", "https://example.com/ü", "/relative/path", "relative", "javascript:alert(1)", "ftp://example.com/",
            "https://user@example.com/", "https://example.com?q", "https://example.com#f", "https://example.com/a%2Fb",
        ]
        var kept = 0
        for link in links where FeedAbsoluteURL.isUnchanged(link) {
            kept += 1
            for base in bases { #expect(URLResolution.resolve(link, against: base) == link, "\(link) against \(String(describing: base))") }
        }
        #expect(kept >= 10)
        #expect(!FeedAbsoluteURL.isUnchanged("https://example.com/a/../b"))
        #expect(!FeedAbsoluteURL.isUnchanged("/relative/path"))
    }

    /// `bodyFromText`'s line rule, as it was written on `Character`s.
    private func generalBody(_ text: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            let clean = TextNormalizer.inline(line)
            if clean.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = "" }
            } else {
                current += current.isEmpty ? clean : " " + clean
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.joined(separator: "\n\n")
    }

    @Test func textBodiesSplitOnBytesAsOnCharacters() {
        let texts = [
            "", "one line", "a\nb", "a\n\nb", "a\n \n\tb\n", "\n\nlead", "a\u{0B}b\u{0C}\u{0C}c", "a\r\nb", "a\r\n\r\nb", "a\rb",
            "a\u{85}b", "a\u{2028}b\u{2029}c", "Zürich\n\n  “quoted”  \n", "e\u{0301}\n\u{0301}x", "x\u{00A0}\n\u{3000}\ny",
            "ctl\u{01}\n\u{7F}\nz",
        ]
        for text in texts { #expect(TextNormalizer.bodyFromText(text) == generalBody(text), "\(text.debugDescription)") }
    }

    @Test func paragraphsAppendedInPlaceAsInline() {
        let samples = ["", "  ", "plain", " lead  and\ttrail ", "zero\u{200B}width", "中文\u{3000}x", "\u{7F}\u{85}a\u{A0}b"]
        for sample in samples {
            var out: [UInt8] = []
            var bytes = Array(sample.utf8)
            bytes.withUnsafeMutableBufferPointer { TextNormalizer.appendInline(UnsafeBufferPointer($0), to: &out, separator: true) }
            #expect(String(decoding: out, as: UTF8.self) == TextNormalizer.inline(sample), "\(sample.debugDescription)")
            var joined = Array("first".utf8)
            bytes.withUnsafeMutableBufferPointer { TextNormalizer.appendInline(UnsafeBufferPointer($0), to: &joined, separator: true) }
            let expected = TextNormalizer.inline(sample).isEmpty ? "first" : "first\n\n" + TextNormalizer.inline(sample)
            #expect(String(decoding: joined, as: UTF8.self) == expected)
        }
    }

    /// The full text's words counted only up to what the rule compares them with.
    @Test func cappedWordCountDecidesAsTheFullCount() {
        func draft(_ full: String?, _ summary: String?) -> (String, Bool) {
            var draft = ArticleDraft(articleBody: "")
            let hasFull = FeedContentRule.apply(full: full, summary: summary, to: &draft)
            return (draft.articleBody, hasFull)
        }
        func words(_ n: Int) -> String { (0..<n).map { "w\($0)" }.joined(separator: " ") }
        for (fullWords, summaryWords) in [(0, 0), (1, 0), (49, 0), (50, 0), (51, 10), (60, 60), (60, 61), (200, 150), (10, 160), (160, 161)] {
            let full = fullWords == 0 ? "" : words(fullWords)
            let summary = summaryWords == 0 ? nil : "s " + words(summaryWords - 1)
            let (body, hasFull) = draft(full, summary)
            let expectedFull = fullWords > 0 && fullWords >= summaryWords
            #expect(body == (expectedFull ? full : (summaryWords > 0 ? summary! : full)), "\(fullWords)/\(summaryWords)")
            #expect(hasFull == (fullWords >= 50 || summaryWords >= 150), "\(fullWords)/\(summaryWords)")
        }
        #expect(FeedContentRule.words(words(500), upTo: 60) == 60)
        #expect(FeedContentRule.words(words(500)) == 500)
    }

    @Test func entityRepairAsBytesMatchesTheString() {
        let xml = "<!DOCTYPE rss [<!ENTITY who \"Ann\">]><rss>&who; &eacute; a&b <![CDATA[&nbsp; x]]> &#X41;</rss>"
        for text in [xml, "no ampersand", "a & b", "<p>&#146;</p>", "", "<a><![CDATA[Q&A]]></a> Q&amp;A", "<![CDATA[&x", "<![CDATA[]]>&"] {
            #expect(String(decoding: FeedEntities.numericHTMLEntityBytes(in: text), as: UTF8.self) == FeedEntities.numericHTMLEntities(in: text))
            let handed = FeedEntities.withRepairedBytes(of: text) { String(decoding: $0, as: UTF8.self) }
            #expect(handed == FeedEntities.numericHTMLEntities(in: text), "\(text.debugDescription)")
        }
        // Text needing no repair is handed over as it is; an `&` that starts no XML reference is not.
        var clean = "<rss>fish &amp; chips &lt;b&gt; &quot;x&quot; &apos;y&apos;</rss>"
        #expect(clean.withUTF8 { FeedEntities.needsRepair($0) } == false)
        var bare = "<rss>fish & chips</rss>"
        #expect(bare.withUTF8 { FeedEntities.needsRepair($0) })
        var inCDATA = "<rss><a><![CDATA[Q&A &nbsp;]]></a> &lt; <b><![CDATA[x]]></b></rss>"
        #expect(inCDATA.withUTF8 { FeedEntities.needsRepair($0) } == false)
        var afterCDATA = "<rss><a><![CDATA[Q&A]]></a> Q&A</rss>"
        #expect(afterCDATA.withUTF8 { FeedEntities.needsRepair($0) })
        var unclosedCDATA = "<rss><a><![CDATA[Q&A"
        #expect(unclosedCDATA.withUTF8 { FeedEntities.needsRepair($0) } == false)
        var declared = "<!DOCTYPE rss [<!ENTITY amp \"x\">]><rss>&amp;</rss>"
        #expect(declared.withUTF8 { FeedEntities.needsRepair($0) })
    }
}
