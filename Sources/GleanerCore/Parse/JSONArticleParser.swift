import Foundation

/// Reads JSON inputs: `gleanerctl export` output (Article JSON format 1, one per line or an
/// array), schema.org NewsArticle objects (also in arrays and `@graph`), and JSON Feed.
/// Stateless apart from the input's name and address.
struct JSONArticleParser {
    let input: String
    let baseURL: String?

    /// The drafts in a JSON input; nil when the text is not JSON at all (plain text that
    /// happens to start with a bracket, such as "[Updated] …").
    func parse(_ text: String) throws(ParseError) -> [ArticleDraft]? {
        let data = Data(text.utf8)
        if let whole = try? JSONSerialization.jsonObject(with: data) {
            return try drafts(from: whole, line: nil)
        }
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        guard let firstLine, (try? JSONSerialization.jsonObject(with: Data(firstLine.utf8))) != nil else {
            return nil
        }
        // JSON Lines, as `gleanerctl export` writes: every non-empty line one document.
        var result: [ArticleDraft] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let value: Any
            do {
                value = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
            } catch {
                throw .parse(input, "line \(number + 1) is not valid JSON")
            }
            result += try drafts(from: value, line: number + 1)
        }
        guard !result.isEmpty else { throw .parse(input, "no JSON document found") }
        return result
    }

    private func drafts(from value: Any, line: Int?) throws(ParseError) -> [ArticleDraft] {
        let place = line.map { " (line \($0))" } ?? ""
        if let object = value as? [String: Any], let version = object["version"] as? String,
            version.contains("jsonfeed.org")
        {
            return FeedJSONReader(baseURL: baseURL.flatMap { URL(string: $0) }).feed(from: object).items.map(\.draft)
        }
        let values = value as? [Any] ?? [value]
        if values.allSatisfy({ ($0 as? [String: Any]).map(isExportedArticle) ?? false }) {
            return try values.map { value throws(ParseError) in try exported(value, place: place) }
        }
        let base = baseURL.flatMap { URL(string: $0) }
        let drafts = SchemaOrgArticle.articles(in: value).map { object in
            var draft = ArticleDraft(articleBody: "")
            SchemaOrgArticle.fill(&draft, from: object, base: base, takeBody: true)
            return draft
        }
        guard !drafts.isEmpty else {
            throw .parse(input, "JSON\(place) is neither a Gleaner article, a schema.org article nor a JSON Feed")
        }
        return drafts
    }

    private func isExportedArticle(_ object: [String: Any]) -> Bool {
        object["format"] != nil && object["articleBody"] != nil && object["id"] != nil
    }

    /// An article document as `gleanerctl export` writes it, read back as its current draft.
    private func exported(_ value: Any, place: String) throws(ParseError) -> ArticleDraft {
        let article: Article
        do {
            let data = try JSONSerialization.data(withJSONObject: value)
            article = try ArticleJSON.decoder().decode(Article.self, from: data)
        } catch let error as DecodingError {
            throw .parse(input, "Gleaner article\(place) cannot be read: \(Self.describe(error))")
        } catch {
            throw .parse(input, "Gleaner article\(place) cannot be read: \(error)")
        }
        var draft = ArticleDraft(articleBody: article.articleBody)
        draft.url = article.url
        draft.sameAs = article.sameAs
        draft.headline = article.headline
        draft.alternativeHeadline = article.alternativeHeadline
        draft.author = article.author
        draft.datePublished = article.datePublished
        draft.dateModified = article.dateModified
        draft.articleSection = article.articleSection
        draft.keywords = article.keywords
        draft.inLanguage = article.inLanguage
        draft.publisher = article.publisher
        draft.image = article.image
        return draft
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        case .keyNotFound(let key, _):
            return "missing key \(key.stringValue)"
        @unknown default:
            return "\(error)"
        }
    }
}
