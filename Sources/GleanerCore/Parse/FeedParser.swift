import Foundation

/// Reads RSS 0.9x/1.0/2.0 and Atom feeds through libxml2 (no network, no entity expansion):
/// each item or entry becomes a draft with its title, link, authors, dates, categories and
/// the text of its content (or description). Stateless apart from the input's name and address.
struct FeedParser {
    let input: String
    let baseURL: String?

    private static let contentNS = "http://purl.org/rss/1.0/modules/content/"

    func parse(_ text: String) throws(ParseError) -> [ArticleDraft] {
        guard let root = MarkupReader.xml(text, url: baseURL) else {
            throw .parse(input, "the feed is not well-formed XML")
        }
        let base = baseURL.flatMap { URL(string: $0) }
        switch root.name {
        case "rss", "rdf":
            let channel = root.firstChild("channel")
            let language = channel?.firstChild("language")?.cleanText
            // RSS 1.0 puts items beside the channel, RSS 2.0 inside it.
            let items = (channel?.children("item") ?? []) + root.children("item")
            return items.map { rssItem($0, base: base, language: language) }
        case "feed":
            let feedBase = xmlBase(root, base)
            let language = root["xml:lang"]
            return root.children("entry").map { atomEntry($0, base: xmlBase($0, feedBase), language: language) }
        default:
            throw .parse(input, "XML root element <\(root.name)> is not a feed (rss, rdf:RDF or feed)")
        }
    }

    private func rssItem(_ item: MarkupNode, base: URL?, language: String?) -> ArticleDraft {
        var draft = ArticleDraft(articleBody: "")
        draft.headline = item.firstChild("title").map { plainTitle($0.cleanText) }.flatMap(nonEmpty)
        var link = item.firstChild("link")?.cleanText
        if link?.isEmpty ?? true, let guid = item.firstChild("guid"),
            (guid["ispermalink"] ?? "true").lowercased() != "false"
        {
            let value = guid.cleanText
            if value.hasPrefix("http://") || value.hasPrefix("https://") { link = value }
        }
        // RSS 1.0 names each item by its address in rdf:about.
        if link?.isEmpty ?? true { link = item["rdf:about"] }
        draft.url = link.flatMap { URLResolution.resolve($0, against: base) }
        for child in item.elements where ["author", "creator"].contains(child.name) {
            let name = child.cleanText
            if !name.isEmpty, !draft.author.contains(name) { draft.author.append(name) }
        }
        draft.datePublished = firstDate(item, ["pubdate", "date", "issued", "published"])
        draft.dateModified = firstDate(item, ["modified", "updated"])
        draft.keywords = unique(item.children("category").map(\.cleanText) + item.children("subject").map(\.cleanText))
        draft.inLanguage = language.flatMap(nonEmpty)
        for enclosure in item.children("enclosure") where (enclosure["type"] ?? "").hasPrefix("image/") {
            if let url = enclosure["url"].flatMap({ URLResolution.resolve($0, against: base) }) {
                draft.image.append(ImageRef(url: url))
            }
        }
        let content = item.elements.first { $0.name == "encoded" && $0.namespace == Self.contentNS }
            ?? item.firstChild("description")
        if let content { draft.articleBody = HTMLContentExtractor.text(ofFragment: content.textContent) }
        return draft
    }

    private func atomEntry(_ entry: MarkupNode, base: URL?, language: String?) -> ArticleDraft {
        var draft = ArticleDraft(articleBody: "")
        draft.headline = entry.firstChild("title").map(atomText).flatMap(nonEmpty)
        let links = entry.children("link")
        let alternate = links.first { ($0["rel"] ?? "alternate") == "alternate" } ?? links.first
        draft.url = alternate?["href"].flatMap { URLResolution.resolve($0, against: base) }
        for author in entry.children("author") {
            let name = author.firstChild("name")?.cleanText ?? author.cleanText
            if !name.isEmpty, !draft.author.contains(name) { draft.author.append(name) }
        }
        draft.datePublished = firstDate(entry, ["published", "issued", "created"])
        draft.dateModified = firstDate(entry, ["updated", "modified"])
        draft.keywords = unique(entry.children("category").compactMap { $0["term"] ?? $0["label"] })
        draft.inLanguage = (entry["xml:lang"] ?? language).flatMap(nonEmpty)
        if let content = entry.firstChild("content") ?? entry.firstChild("summary") {
            draft.articleBody = atomBody(content)
        }
        return draft
    }

    /// Atom text constructs: `type="text"` (plain), `"html"` (escaped markup), `"xhtml"` (a div).
    private func atomBody(_ node: MarkupNode) -> String {
        switch (node["type"] ?? "text").lowercased() {
        case "html", "text/html":
            return HTMLContentExtractor.text(ofFragment: node.textContent)
        case "xhtml", "application/xhtml+xml":
            return HTMLContentExtractor.text(of: node)
        default:
            return TextNormalizer.bodyFromText(node.textContent)
        }
    }

    private func atomText(_ node: MarkupNode) -> String {
        switch (node["type"] ?? "text").lowercased() {
        case "html": return plainTitle(node.cleanText)
        case "xhtml": return HTMLContentExtractor.text(of: node).replacingOccurrences(of: "\n\n", with: " ")
        default: return node.cleanText
        }
    }

    /// RSS titles are often HTML in practice; a headline is plain text.
    private func plainTitle(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text }
        return HTMLContentExtractor.text(ofFragment: text).replacingOccurrences(of: "\n\n", with: " ")
    }

    private func xmlBase(_ node: MarkupNode, _ base: URL?) -> URL? {
        guard let value = node["xml:base"], let resolved = URLResolution.resolve(value, against: base) else { return base }
        return URL(string: resolved)
    }

    private func firstDate(_ node: MarkupNode, _ names: [String]) -> Date? {
        for name in names {
            if let date = node.firstChild(name).flatMap({ DateParsing.parse($0.cleanText) }) { return date }
        }
        return nil
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    private func unique(_ terms: [String]) -> [String] {
        terms.reduce(into: []) { list, term in if !term.isEmpty, !list.contains(term) { list.append(term) } }
    }
}

/// Reads JSON Feed 1.x (jsonfeed.org) items into drafts.
struct JSONFeedReader {
    let baseURL: URL?

    func drafts(from feed: [String: Any]) -> [ArticleDraft] {
        let base = (feed["home_page_url"] as? String).flatMap { URLResolution.resolve($0, against: baseURL) }
            .flatMap { URL(string: $0) } ?? baseURL
        let feedLanguage = feed["language"] as? String
        let feedAuthors = SchemaOrgArticle.names(feed["authors"] ?? feed["author"])
        return (feed["items"] as? [[String: Any]] ?? []).map { item in
            var draft = ArticleDraft(articleBody: "")
            draft.url = ((item["url"] as? String) ?? (item["external_url"] as? String))
                .flatMap { URLResolution.resolve($0, against: base) }
            draft.headline = (item["title"] as? String).flatMap(SchemaOrgArticle.nonEmpty)
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
            if let html = item["content_html"] as? String {
                draft.articleBody = HTMLContentExtractor.text(ofFragment: html)
            } else if let text = (item["content_text"] as? String) ?? (item["summary"] as? String) {
                draft.articleBody = TextNormalizer.bodyFromText(text)
            }
            return draft
        }
    }
}
