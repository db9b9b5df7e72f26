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
        if let href = root.descendants(where: { $0.name == "base" }).first?["href"],
            let resolved = URLResolution.resolve(href, against: base)
        {
            base = URL(string: resolved)
        }
        var draft = ArticleDraft(articleBody: "")
        HTMLMetadata(root: root, base: base, now: receivedAt).fill(&draft)
        // A fetched page that names no address of its own (no canonical link, no og:url) is the
        // article at the address it was fetched from: that is what makes a watched page's
        // changes versions of one article rather than new articles.
        if draft.url == nil, let documentURL { draft.url = documentURL }
        var paragraphs = HTMLContentExtractor.paragraphs(ofPage: root)
        // Little text: the article may sit in an element whose class or id looks like page
        // furniture: the page is read again leniently (the strict pass left the tree as it was).
        // The lenient pass keeps footers and the like too, so it wins only when it finds much
        // more text, not a copyright line more.
        if let strictLength = Self.length(of: paragraphs, below: 500) {
            let lenient = HTMLContentExtractor.paragraphs(ofPage: root, strict: false)
            if Double(lenient.reduce(0, { $0 + $1.count })) > Double(strictLength) * 1.5 + 100 { paragraphs = lenient }
        }
        // The page's own heading repeats the headline just above the text.
        if let headline = draft.headline, let at = paragraphs.prefix(3).firstIndex(of: headline) {
            paragraphs.remove(at: at)
        }
        draft.articleBody = TextNormalizer.body(paragraphs)
        guard !draft.articleBody.isEmpty else { throw .parse(input, "no article text found in the HTML page") }
        return draft
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
