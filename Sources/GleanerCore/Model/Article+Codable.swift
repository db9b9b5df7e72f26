import Foundation

/// The JSON form of an article: the current fields as a draft writes them (absent and empty
/// ones left out), `url` always (null says the input had no canonical address), then the
/// store's own fields. Both parts share one JSON object.
extension Article: Codable {
    enum CodingKeys: String, CodingKey {
        case format, id, url, version, firstSeen, lastSeen, versions, sightings
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
        content = try ArticleDraft(from: decoder)
        version = try c.decode(Int.self, forKey: .version)
        firstSeen = try c.decode(Date.self, forKey: .firstSeen)
        lastSeen = try c.decode(Date.self, forKey: .lastSeen)
        versions = try c.decode([ArticleVersion].self, forKey: .versions)
        sightings = try c.decodeIfPresent([Sighting].self, forKey: .sightings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(id, forKey: .id)
        try c.encode(content.url, forKey: .url)
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
