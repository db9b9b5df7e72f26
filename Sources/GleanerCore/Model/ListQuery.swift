import Foundation

/// What `list` selects: articles last seen at or after `since`, whose current version was
/// captured at or after `changedSince`, delivered by the source named `source` (in a version or
/// a sighting), at most `limit` of them, newest first.
public struct ListQuery: Codable, Sendable, Hashable {
    public var since: Date?
    public var limit: Int?
    public var source: String?
    /// Only articles that got a new version (the first one included) at or after this time;
    /// `since` is about `lastSeen`, which sightings move too.
    public var changedSince: Date?

    public init(since: Date? = nil, limit: Int? = nil, source: String? = nil, changedSince: Date? = nil) {
        self.since = since
        self.limit = limit
        self.source = source
        self.changedSince = changedSince
    }

    /// Applies the query to every summary in the store, so that the daemon and its tests agree
    /// on what `list` means: filter, then newest `lastSeen` first (ties by id), then the limit.
    public func select(from summaries: some Sequence<ArticleSummary>) -> [ArticleSummary] {
        var selected = summaries.filter { summary in
            if let since, summary.lastSeen < since { return false }
            if let changedSince, (summary.lastChanged ?? .distantPast) < changedSince { return false }
            if let source, !summary.sources.contains(where: { $0.name == source }) { return false }
            return true
        }
        selected.sort { a, b in a.lastSeen != b.lastSeen ? a.lastSeen > b.lastSeen : a.id < b.id }
        if let limit, selected.count > limit { selected.removeSubrange(limit...) }
        return selected
    }
}
