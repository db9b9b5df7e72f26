import Foundation

/// One line of `gleanerctl list`: enough to pick an article without reading its document.
public struct ArticleSummary: Codable, Sendable, Hashable {
    public var id: String
    public var headline: String?
    public var url: String?
    public var version: Int
    public var sightings: Int
    public var firstSeen: Date
    public var lastSeen: Date
    /// Every source that delivered a version or a sighting, in order of first arrival.
    public var sources: [SourceRef]
    /// When the current version was captured: the last time the content changed (`lastSeen`
    /// moves with sightings too). Nil only in a reply from a gleanerd older than this field.
    public var lastChanged: Date?

    public init(
        id: String, headline: String?, url: String?, version: Int, sightings: Int, firstSeen: Date,
        lastSeen: Date, sources: [SourceRef], lastChanged: Date? = nil
    ) {
        self.id = id
        self.headline = headline
        self.url = url
        self.version = version
        self.sightings = sightings
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sources = sources
        self.lastChanged = lastChanged
    }
}

extension ArticleSummary {
    public init(_ article: Article) {
        var sources: [SourceRef] = []
        for source in article.versions.map(\.source) + article.sightings.map(\.source)
        where !sources.contains(source) {
            sources.append(source)
        }
        self.init(
            id: article.id, headline: article.headline, url: article.url, version: article.version,
            sightings: article.sightings.count, firstSeen: article.firstSeen,
            lastSeen: article.lastSeen, sources: sources,
            lastChanged: Self.lastChanged(article))
    }

    /// When the current content became current: its version's capture, or the later return
    /// to that version.
    static func lastChanged(_ article: Article) -> Date? {
        let captured = article.currentVersion?.capturedAt
        guard let returned = article.sightings.last(where: { $0.returnedTo == article.version })?.at else { return captured }
        return max(returned, captured ?? returned)
    }
}
