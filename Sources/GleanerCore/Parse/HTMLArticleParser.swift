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
        guard let root = MarkupReader.html(text, url: documentURL) else {
            throw .parse(input, "libxml2 could not parse the HTML")
        }
        var base = documentURL.flatMap { URL(string: $0) }
        // `<base href>` changes what relative addresses in the page are relative to.
        // The first in document order, the search stopping there (it is in the head).
        if let href = HTMLContentExtractor.firstElement(below: root, where: { $0.name == "base" })?["href"],
            let resolved = URLResolution.resolve(href, against: base)
        {
            base = URL(string: resolved)
        }
        var draft = ArticleDraft(articleBody: "")
        let linkedBody = HTMLMetadata(root: root, base: base, now: receivedAt).fill(&draft)
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
