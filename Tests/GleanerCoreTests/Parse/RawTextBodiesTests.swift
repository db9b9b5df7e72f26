import Foundation
import Testing
@testable import GleanerCore

/// Cutting long script and style bodies out of what libxml2 reads (`RawTextBodies`) gives
/// the tree libxml2 gives the whole page: the bodies come back as the elements' text, and a
/// `<script>` the search mistook (in a comment, an attribute, another script) makes the
/// builder read the whole page instead.
@Suite struct RawTextBodiesTests {
    /// The tree as names, attributes and texts.
    private func shape(_ node: MarkupNode) -> String {
        if node.kind == .text { return node.text.debugDescription }
        let attributes = node.attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value.debugDescription)" }.joined()
        return "\(node.name)\(attributes)(\(node.children.map(shape).joined(separator: " ")))"
    }

    /// Both trees' shapes ("no tree" for a page without an element).
    private func bothWays(_ html: String) -> (cut: String, whole: String) {
        let cut = MarkupReader.html(html, url: nil).map(shape) ?? "no tree"
        let whole = MarkupReader.html(html, url: nil, cuttingRawText: false).map(shape) ?? "no tree"
        return (cut, whole)
    }

    private let long = String(repeating: "var x = 1; ", count: 40)

    private func cuts(_ html: String) -> Int {
        var copy = html
        return copy.withUTF8 { RawTextBodies($0).cuts.count }
    }

    @Test func aLongScriptOrStyleBodyIsCutAndComesBackAsTheElementsText() {
        let html = "<html><head><style>\(long)</style><script type=\"text/javascript\">\(long)</script></head><body><p>a</p></body></html>"
        #expect(cuts(html) == 2)
        let (cut, whole) = bothWays(html)
        #expect(cut == whole)
        #expect(cut.contains(long.debugDescription))
    }

    @Test func charactersLibxml2DropsAreDroppedFromACutBody() {
        let html = "<script>\(long)\u{1}\u{B}\u{FFFE}\u{FFFF}\t\r\n\u{7F}é</script><p>t</p>"
        #expect(cuts(html) == 1)
        let (cut, whole) = bothWays(html)
        #expect(cut == whole)
    }

    @Test func aBodyEndsAtTheFirstEndTagStartingWithTheName() {
        // "</SCRIPTX" ends the body; libxml2 ignores that end tag and reads the rest as script.
        let html = "<script>\(long)</b>\(long)</SCRIPTX>\(long)</scrip></script><p>after</p>"
        #expect(cuts(html) == 1)
        let (cut, whole) = bothWays(html)
        #expect(cut == whole)
    }

    @Test func mistakenScriptsMakeTheWholePageBeRead() {
        for html in [
            "<!-- <script>\(long)</script> --><p>a</p>",
            "<p title=\"<script>\(long)</script>\">a</p>",
            "<p title=<script>\(long)</script>a</p>",
            "<script src=\"x\"/>\(long)</script><p>b</p>",
            "<script src=a/>\(long)</script><p>b</p>",
            "<script>\(long)<script>\(long)</script></script><p>c</p>",
            "<style><\(long)</style><p>d</p>",
            "<script type='a>b'>\(long)</script><p>e</p>",
            "<x:script>\(long)</x:script><p>f</p>",
            "<div><script>\(long)",
            "<!-- unclosed <script>\(long)</script>",
        ] {
            let (cut, whole) = bothWays(html)
            #expect(cut == whole, "\(html.prefix(40))")
        }
    }

    @Test func shortBodiesAndBodiesStartingWithMarkupAreLeftToLibxml2() {
        #expect(cuts("<script>var a = 1;</script>") == 0)
        #expect(cuts("<script></div>\(long)</script>") == 0)
        #expect(cuts("<script/><p>\(long)</p>") == 0)
    }
}
