/// How much the store holds, as `gleanerctl status` shows it.
public struct StoreCounts: Codable, Sendable, Hashable {
    public var articles: Int
    public var versions: Int
    public var sightings: Int

    public init(articles: Int = 0, versions: Int = 0, sightings: Int = 0) {
        self.articles = articles
        self.versions = versions
        self.sightings = sightings
    }
}
