import Foundation

/// The JSON form of an article. Absent and empty fields are left out, so a field in the
/// document always means the input carried it.
extension Article: Codable {
    enum CodingKeys: String, CodingKey {
        case format, id, url, sameAs, headline, alternativeHeadline, author, datePublished
        case dateModified, articleSection, keywords, inLanguage, publisher, image, articleBody
        case version, firstSeen, lastSeen, versions, sightings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(Int.self, forKey: .format)
        guard format == Article.currentFormat else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: c,
                debugDescription: "article format \(format) is not known to this version of Gleaner (it reads format \(Article.currentFormat))")
        }
        id = try c.decode(String.self, forKey: .id)
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
        articleBody = try c.decode(String.self, forKey: .articleBody)
        version = try c.decode(Int.self, forKey: .version)
        firstSeen = try c.decode(Date.self, forKey: .firstSeen)
        lastSeen = try c.decode(Date.self, forKey: .lastSeen)
        versions = try c.decode([ArticleVersion].self, forKey: .versions)
        sightings = try c.decodeIfPresent([Sighting].self, forKey: .sightings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(id, forKey: .id)
        // `url` is always present: null says the input had no canonical address.
        try c.encode(url, forKey: .url)
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
        try c.encode(version, forKey: .version)
        try c.encode(firstSeen, forKey: .firstSeen)
        try c.encode(lastSeen, forKey: .lastSeen)
        try c.encode(versions, forKey: .versions)
        try c.encode(sightings, forKey: .sightings)
    }
}

extension KeyedEncodingContainer {
    mutating func encodeUnlessEmpty<T: Encodable & Collection>(_ value: T, forKey key: Key) throws {
        if !value.isEmpty { try encode(value, forKey: key) }
    }
}
