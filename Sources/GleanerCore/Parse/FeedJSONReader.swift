import Foundation

/// Reads JSON Feed 1.0/1.1 (jsonfeed.org) into a `Feed`: title, home page, and each item's
/// id, url, title, authors (1.1 `authors`, 1.0 `author`, else the feed's), dates, tags,
/// images, and `content_html` / `content_text` (full) or `summary`.
struct FeedJSONReader {
    let baseURL: URL?

    func feed(from object: [String: Any]) -> Feed {
        // Relative item URLs are read against the feed's home page, else its own address.
        let base = ((object["home_page_url"] as? String) ?? (object["feed_url"] as? String))
            .flatMap { URLResolution.resolve($0, against: baseURL) }.flatMap { URL(string: $0) } ?? baseURL
        let feedLanguage = object["language"] as? String
        let feedAuthors = SchemaOrgArticle.names(object["authors"] ?? object["author"])
        var feed = Feed()
        feed.title = (object["title"] as? String).map { TextNormalizer.inline($0) }.flatMap(FeedText.nonEmpty)
        feed.link = (object["home_page_url"] as? String).flatMap { URLResolution.resolve($0, against: base) }
        feed.items = (object["items"] as? [[String: Any]] ?? []).map { item in
            var draft = ArticleDraft(articleBody: "")
            let link = ((item["url"] as? String) ?? (item["external_url"] as? String))
                .flatMap { URLResolution.resolve($0, against: base) }
            draft.url = link
            draft.headline = (item["title"] as? String).map { TextNormalizer.inline($0) }.flatMap(FeedText.nonEmpty)
            draft.author = SchemaOrgArticle.names(item["authors"] ?? item["author"])
            if draft.author.isEmpty { draft.author = feedAuthors }
            draft.datePublished = (item["date_published"] as? String).flatMap(DateParsing.parse)
            draft.dateModified = (item["date_modified"] as? String).flatMap(DateParsing.parse)
            draft.keywords = SchemaOrgArticle.keywordList(item["tags"])
            draft.inLanguage = (item["language"] as? String) ?? feedLanguage
            for key in ["image", "banner_image"] {
                if let url = (item[key] as? String).flatMap({ URLResolution.resolve($0, against: base) }) {
                    draft.image.append(ImageRef(url: url))
                }
            }
            let full = (item["content_html"] as? String).map { FeedText.htmlText($0) }
                ?? (item["content_text"] as? String).map(TextNormalizer.bodyFromText)
            let summary = (item["summary"] as? String).map(TextNormalizer.bodyFromText)
            let hasFull = FeedContentRule.apply(full: full, summary: summary, to: &draft)
            let id = (item["id"] as? String) ?? (item["id"] as? NSNumber).map(\.stringValue)
            return FeedItem(id: id.flatMap(FeedText.nonEmpty), link: link, draft: draft, hasFullContent: hasFull)
        }
        return feed
    }
}
