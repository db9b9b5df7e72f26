import Foundation

/// Reads one HTML page into one article draft: metadata from `HTMLMetadata`, text from
/// `HTMLContentExtractor`. Stateless apart from the input's name and address.
struct HTMLArticleParser {
    let input: String
    let documentURL: String?
    /// When the input arrived: dates later than this are not the article's. The input's own
    /// time rather than the clock's, so parsing the same input always gives the same article.
    var receivedAt = Date()

    func parse(_ text: String) throws(ParseError) -> ArticleDraft {
        // libxml2 ends the document at a NUL character, and pages do hold stray ones (padding
        // after an ad's markup); browsers ignore them, and so does this reading.
        let text = Self.holdsNUL(text) ? text.replacingOccurrences(of: "\u{0}", with: "") : text
        guard let (root, elements) = MarkupReader.htmlPage(text, url: documentURL) else {
            throw .parse(input, "libxml2 could not parse the HTML")
        }
        var draft = ArticleDraft(articleBody: "")
        // The metadata finders and the `<base>` search read the page's elements from the
        // list the parse made (the tree is unchanged until the text is extracted).
        let linkedBody = root.withElementIndex(elements) {
            var base = documentURL.flatMap { URL(string: $0) }
            // `<base href>` changes what relative addresses in the page are relative to.
            // The first in document order.
            if let href = elements.first(where: { $0.name == "base" })?["href"],
                let resolved = URLResolution.resolve(href, against: base)
            {
                base = URL(string: resolved)
            }
            return HTMLMetadata(root: root, base: base, now: receivedAt).fill(&draft)
        }
        // A fetched page that names no address of its own (no canonical link, no og:url) is the
        // article at the address it was fetched from: that is what makes a watched page's
        // changes versions of one article rather than new articles.
        if draft.url == nil, let documentURL { draft.url = documentURL }
        var paragraphs = HTMLContentExtractor.paragraphs(ofPage: root)
        // Little text: the article may sit in an element whose class or id looks like page
        // furniture: the page is read again leniently (the strict pass left the tree as it was).
        // The lenient pass keeps footers and the like too, so it wins only when it finds much
        // more text (twice as much and 250 characters more), not a copyright line and a share
        // bar more — or when the strict pass found none at all.
        if let strictLength = Self.length(of: paragraphs, below: 500) {
            let lenient = HTMLContentExtractor.paragraphs(ofPage: root, strict: false)
            let lenientLength = Double(lenient.reduce(0, { $0 + $1.count }))
            if strictLength == 0 || lenientLength > Double(strictLength) * 2 + 250 { paragraphs = lenient }
        }
        // Still little text: it may sit in `<noscript>`, the fallback of a page its scripts
        // render (a blog's posts), or the whole page when an element opened inside a
        // `<noscript>` kept libxml2 from closing it. Read as ordinary blocks, it wins on the
        // same terms as the lenient pass.
        if let shownLength = Self.length(of: paragraphs, below: 500), Self.unwrapNoscript(in: root) {
            let unwrapped = HTMLContentExtractor.paragraphs(ofPage: root)
            let unwrappedLength = Double(unwrapped.reduce(0, { $0 + $1.count }))
            if unwrappedLength > Double(shownLength) * 2 + 250 { paragraphs = unwrapped }
        }
        // The page's own heading repeats the headline just above the text.
        // A page whose only text is its heading keeps it: the article is then a headline.
        if let headline = draft.headline, paragraphs.count > 1, let at = paragraphs.prefix(3).firstIndex(of: headline) {
            paragraphs.remove(at: at)
        }
        draft.articleBody = TextNormalizer.body(paragraphs)
        if let linkedBody, let text = Self.linkedText(linkedBody, over: draft.articleBody) { draft.articleBody = text }
        guard !draft.articleBody.isEmpty else { throw .parse(input, "no article text found in the HTML page") }
        return draft
    }

    /// The JSON-LD `articleBody` as the article's text, when the page's own markup gave only a
    /// stub of it: the text rendered by script from data in the page (an empty shell, a
    /// teaser and a "load more"). Taken only when it is several times longer than what the
    /// page shows, so a JSON-LD summary never replaces a real body.
    static func linkedText(_ linked: String, over shown: String) -> String? {
        let shownLength = shown.scalarCount
        guard shownLength < 1500, linked.scalarCount >= max(500, shownLength * 3) else { return nil }
        let text = linked.contains("<") && linked.contains(">")
            ? HTMLContentExtractor.text(ofFragment: linked)
            : TextNormalizer.bodyFromText(linked)
        guard text.scalarCount >= max(500, shownLength * 3) else { return nil }
        // The page's own prose that the data leaves out (a standfirst above a paywall) leads.
        let lead = shown.components(separatedBy: "\n\n").filter { $0.scalarCount >= 100 && !text.contains($0) }
        return lead.isEmpty ? text : (lead + [text]).joined(separator: "\n\n")
    }

    /// Whether the text holds a NUL byte, by memchr: the generic `contains` on the UTF-8 view
    /// looked at every byte of every page one at a time (a twentieth of the extraction).
    static func holdsNUL(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

    /// Turns every `<noscript>` holding anything into a `<div>` with its children; returns
    /// whether there was one.
    private static func unwrapNoscript(in root: MarkupNode) -> Bool {
        let found = root.descendants { $0.name == "noscript" && !$0.children.isEmpty }
        for noscript in found {
            guard let parent = noscript.parent, let at = parent.children.firstIndex(where: { $0 === noscript }) else { continue }
            let block = MarkupNode(kind: .element, name: "div")
            block.children = noscript.children
            for child in block.children { child.parent = block }
            block.parent = parent
            parent.children[at] = block
        }
        return !found.isEmpty
    }

    /// The paragraphs' length in characters when it is below `limit`, nil otherwise; counting
    /// stops at the limit (grapheme breaking a whole article only to learn it is long is waste).
    private static func length(of paragraphs: [String], below limit: Int) -> Int? {
        var count = 0
        for paragraph in paragraphs {
            for _ in paragraph {
                count += 1
                if count >= limit { return nil }
            }
        }
        return count
    }
}
