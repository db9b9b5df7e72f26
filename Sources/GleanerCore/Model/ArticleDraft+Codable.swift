import Foundation

/// The JSON form of a draft, as `gleanerctl extract` prints it: the same keys as an article
/// document, with absent and empty fields left out (dates through `ArticleJSON`).
extension ArticleDraft: Codable {
    enum CodingKeys: String, CodingKey {
        case url, sameAs, headline, alternativeHeadline, author, datePublished, dateModified
        case articleSection, keywords, inLanguage, publisher, image, articleBody
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(articleBody: try c.decode(String.self, forKey: .articleBody))
        url = try c.decodeIfPresent(String.self, forKey: .url)
        sameAs = try c.decodeIfPresent([String].self, forKey: .sameAs) ?? []
        headline = try c.decodeIfPresent(String.self, forKey: .headline)
        alternativeHeadline = try c.decodeIfPresent(String.self, forKey: .alternativeHeadline)
        author = try c.decodeIfPresent([String].self, forKey: .author) ?? []
        datePublished = try c.decodeIfPresent(Date.self, forKey: .datePublished)
        dateModified = try c.decodeIfPresent(Date.self, forKey: .dateModified)
        articleSection = try c.decodeIfPresent(String.self, forKey: .articleSection)
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        inLanguage = try c.decodeIfPresent(String.self, forKey: .inLanguage)
        publisher = try c.decodeIfPresent(String.self, forKey: .publisher)
        image = try c.decodeIfPresent([ImageRef].self, forKey: .image) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encodeUnlessEmpty(sameAs, forKey: .sameAs)
        try c.encodeIfPresent(headline, forKey: .headline)
        try c.encodeIfPresent(alternativeHeadline, forKey: .alternativeHeadline)
        try c.encodeUnlessEmpty(author, forKey: .author)
        try c.encodeIfPresent(datePublished, forKey: .datePublished)
        try c.encodeIfPresent(dateModified, forKey: .dateModified)
        try c.encodeIfPresent(articleSection, forKey: .articleSection)
        try c.encodeUnlessEmpty(keywords, forKey: .keywords)
        try c.encodeIfPresent(inLanguage, forKey: .inLanguage)
        try c.encodeIfPresent(publisher, forKey: .publisher)
        try c.encodeUnlessEmpty(image, forKey: .image)
        try c.encode(articleBody, forKey: .articleBody)
    }
}
