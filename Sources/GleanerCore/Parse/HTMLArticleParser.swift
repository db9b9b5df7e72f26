import Foundation

/// Reads one HTML page into one article draft: metadata from `HTMLMetadata`, text from
/// `HTMLContentExtractor`. Stateless apart from the input's name and address.
struct HTMLArticleParser {
    let input: String
    let documentURL: String?

    func parse(_ text: String) throws(ParseError) -> ArticleDraft {
        guard let root = MarkupReader.html(text, url: documentURL) else {
            throw .parse(input, "libxml2 could not parse the HTML")
        }
        let base = documentURL.flatMap { URL(string: $0) }
        var draft = ArticleDraft(articleBody: "")
        HTMLMetadata(root: root, base: base).fill(&draft)
        var paragraphs = HTMLContentExtractor.paragraphs(ofPage: root)
        if paragraphs.reduce(0, { $0 + $1.count }) < 500, let again = MarkupReader.html(text, url: documentURL) {
            let lenient = HTMLContentExtractor.paragraphs(ofPage: again, strict: false)
            if lenient.reduce(0, { $0 + $1.count }) > paragraphs.reduce(0, { $0 + $1.count }) { paragraphs = lenient }
        }
        if let headline = draft.headline, let first = paragraphs.first, first == headline {
            paragraphs.removeFirst()
        }
        draft.articleBody = TextNormalizer.body(paragraphs)
        guard !draft.articleBody.isEmpty else { throw .parse(input, "no article text found in the HTML page") }
        return draft
    }
}
