import Foundation
import Testing
@testable import GleanerCore

/// The extraction's speed paths give what the plain ways gave: the page tree built from
/// libxml2's parse events has the shape libxml2's own tree had (checked against it on every
/// benchmark page when the builder was written; the hard cases are pinned here), and the
/// byte-level helpers agree with the Foundation and Character calls they replace.
@Suite struct MarkupSpeedPathTests {
    /// The tree as names and texts: `name(child child)`, text in quotes.
    private func shape(_ node: MarkupNode) -> String {
        if node.kind == .text { return node.text.debugDescription }
        let inner = node.children.map(shape).joined(separator: " ")
        return inner.isEmpty ? node.name : "\(node.name)(\(inner))"
    }

    private func tree(_ html: String) throws -> MarkupNode {
        try #require(MarkupReader.html(html, url: nil))
    }

    @Test func anElementAfterTheClosedRootNestsIntoItWhenTheRootComesFirst() throws {
        #expect(shape(try tree("<html><body><p>a</p></body></html><script>x</script>"))
            == #"html(body(p("a")) html(script("x")))"#)
        // After a doctype or a comment the second element is the root's sibling: not in the tree.
        #expect(shape(try tree("<!DOCTYPE html><html><body><p>a</p></body></html><p>z</p>")) == #"html(body(p("a")))"#)
        #expect(shape(try tree("<!-- c --><html><body><p>a</p></body></html><p>z</p>")) == #"html(body(p("a")))"#)
    }

    @Test func textRunsJoinUntilACommentOrAnElementComesBetween() throws {
        let root = try tree("<p>a &amp; b<!--c--> c<?pi x?>d<b>e</b>f</p>")
        #expect(shape(root) == #"html(body(p("a & b" " c" "d" b("e") "f")))"#)
        let parent = try #require(root.descendants { $0.name == "b" }.first?.parent)
        #expect(parent.name == "p")
        #expect(parent.children.allSatisfy { $0.parent === parent })
    }

    @Test func aScriptBodyIsOneNodeHoweverLong() throws {
        let long = String(repeating: "x", count: 5000)
        let script = try #require(try tree("<script>\(long)</script><p>t</p>").descendants { $0.name == "script" }.first)
        #expect(script.children.count == 1)
        #expect(script.textContent == long)
    }

    @Test func prefixedElementsAreNamedByTheirLocalPart() throws {
        #expect(shape(try tree("<o:p>q</o:p><fb:like>r</fb:like><a:b:c>d</a:b:c>"))
            == #"html(body(p("q") like("r") b:c("d")))"#)
    }

    @Test func valuelessBooleanAttributesTakeTheirName() throws {
        let input = try #require(try tree("<input checked foo disabled=x>").descendants { $0.name == "input" }.first)
        #expect(input["checked"] == "checked")
        #expect(input["foo"] == "")
        #expect(input["disabled"] == "x")
    }

    @Test func aStartTagCutShortClosesItsElement() throws {
        #expect(shape(try tree("<p>a<b>x</p> y<div")) == #"html(body(p("a" b("x")) " y" div))"#)
    }

    @Test func nestingStopsTheParseWhereLibxml2DoesAt256OpenElements() throws {
        let html = String(repeating: "<div>", count: 300) + "deep" + String(repeating: "</div>", count: 300)
        var depth = 0
        var node: MarkupNode? = try tree(html)
        while let current = node, let next = current.children.first(where: { $0.kind == .element }) {
            depth += 1
            node = next
        }
        // html, body and 255 divs: 257 elements open at most.
        #expect(depth == 256)
        #expect(try tree(html).textContent.isEmpty)
    }

    @Test func trimmedTrimsWhatFoundationTrims() {
        for text in ["", " ", "\n\t x y \r\n", "\u{00A0}\u{2003}word\u{3000}", "\u{0085}a\u{2028}", "no-trim", "\u{FEFF}bom\u{FEFF}", " é "] {
            #expect(TextNormalizer.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func visibleTextIsWhatInlineKeeps() {
        for text in ["", "  \n\t", "\u{200B}\u{FEFF}", "\u{00A0}x", "a", "\u{0301}", "\u{0007}", "é"] {
            #expect(TextNormalizer.hasVisibleText(text) == !TextNormalizer.inline(text).isEmpty)
        }
    }

    @Test func asciiFoldedEqualityIsLowercasedEquality() {
        for value in [nil, "", "author", "Author", "AUTHOR", "authors", "autho", "Äuthor", "\u{212A}name", "NAME", "name"] {
            #expect(MarkupReader.equalsLowercased(value, "author") == ((value ?? "").lowercased() == "author"))
            #expect(MarkupReader.equalsLowercased(value, "name") == ((value ?? "").lowercased() == "name"))
        }
    }

    @Test func jsonLDLineBreaksBecomeOneSpaceEach() {
        let raw = "\n <!-- {\"a\":\r\n\"b\tc\",\r\"d\":\"e\nf\"} -->\n"
        // The Character-by-Character form this replaces.
        var expected = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        expected.removeFirst(4)
        expected.removeLast(3)
        expected = String(expected.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
        #expect(HTMLMetadata.jsonLDText(raw) == expected)
    }

    @Test func theElementIndexAnswersAsTheWalkDoes() throws {
        let root = try tree("<head><title>t</title><meta name=a content=b></head><body><div><p>x</p><p>y<b>z</b></p></div></body>")
        let walked = root.descendants { $0.name == "p" || $0.name == "b" || $0.name == "meta" }
        let indexed = root.withElementIndex { root.descendants { $0.name == "p" || $0.name == "b" || $0.name == "meta" } }
        #expect(walked.map(ObjectIdentifier.init) == indexed.map(ObjectIdentifier.init))
        #expect(walked.map(\.name) == ["meta", "p", "p", "b"])
    }

    @Test func keywordsMatchAsTheOneByOneSearchDid() {
        let keywords = ["ad", "advert", "share", "", "sharing", "x"]
        let withEmpty = KeywordMatcher(keywords), without = KeywordMatcher(keywords.filter { !$0.isEmpty })
        for text in ["", "a", "ad", "share-bar", "the advert", "sharing x", "nothing", "xx", "sha"] {
            let bytes = Array(text.utf8)
            let naive = keywords.filter { !$0.isEmpty }.map { key in text.contains(key) }
            #expect(without.matchesAny(bytes) == naive.contains(true))
            #expect(withEmpty.matchesAny(bytes))
            #expect(without.count(in: bytes) == naive.filter { $0 }.count)
            #expect(withEmpty.count(in: bytes) == naive.filter { $0 }.count + 1)
        }
    }

    @Test func characterLimitsAndScalarCountsAgreeWithCounting() {
        for line in ["short", String(repeating: "a", count: 70), String(repeating: "\r\n", count: 40),
                     String(repeating: "é", count: 50), String(repeating: "e\u{0301}", count: 45) + String(repeating: "b", count: 20)] {
            #expect(PlainTextShapes.hasAtMost(60, characters: line) == (line.count <= 60))
            #expect(line.scalarCount == line.unicodeScalars.count)
        }
    }

    @Test func onlyPagesWithAFeedRootInAnyCaseAreCheckedAsFeeds() {
        #expect(DocumentParser.mayHoldFeedRoot("<!DOCTYPE html><RSS version=2.0>"))
        #expect(DocumentParser.mayHoldFeedRoot("<?xml?><Feed xmlns=x>"))
        #expect(DocumentParser.mayHoldFeedRoot("<rdf:RDF>"))
        #expect(!DocumentParser.mayHoldFeedRoot("<html><link type=application/rss+xml><p>feed me</p></html>"))
        #expect(!DocumentParser.mayHoldFeedRoot("<rs"))
    }

    @Test func windows1252DecodesAsScalarByScalar() {
        let bytes: [UInt8] = Array(0...255)
        var expected = String.UnicodeScalarView()
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
                              0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
                              0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        for byte in bytes {
            expected.append(Unicode.Scalar((0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte))!)
        }
        #expect(TextDecoding.windows1252(bytes[...]) == String(expected))
    }
}
