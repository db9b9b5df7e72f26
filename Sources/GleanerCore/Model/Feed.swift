/// A feed as `FeedReader` reads it (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.x): what the
/// fetcher needs to schedule it and to turn its items into articles.
public struct Feed: Sendable, Hashable {
    public var title: String?
    /// The feed's own web page.
    public var link: String?
    /// RSS `<ttl>`: how long the feed may be cached, in minutes.
    public var ttlMinutes: Int?
    public var items: [FeedItem]

    public init(title: String? = nil, link: String? = nil, ttlMinutes: Int? = nil, items: [FeedItem] = []) {
        self.title = title
        self.link = link
        self.ttlMinutes = ttlMinutes
        self.items = items
    }
}

/// One item or entry of a feed, already as an article draft (relative URLs resolved, dates in
/// UTC), and whether its text is the full article or only a summary of its page.
public struct FeedItem: Sendable, Hashable {
    /// The item's guid / Atom id / JSON Feed id, when it has one.
    public var id: String?
    /// The article's page (resolved absolute URL).
    public var link: String?
    public var draft: ArticleDraft
    /// True when the item carries the full article text; false when it carries only a summary
    /// (then, with `followArticleLinks`, the page at `link` is fetched and is the article).
    public var hasFullContent: Bool

    public init(id: String?, link: String?, draft: ArticleDraft, hasFullContent: Bool) {
        self.id = id
        self.link = link
        self.draft = draft
        self.hasFullContent = hasFullContent
    }
}
