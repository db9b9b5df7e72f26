import Foundation

/// Turns one RSS 0.9x/1.0/2.0 `<item>` into a `FeedItem`: title, link (or permalink guid or
/// `rdf:about`), guid, authors (`author`, `dc:creator` in their name/email forms), dates
/// (`pubDate`, `dc:date`, `dcterms:*`), categories and `dc:subject`, image enclosures, and
/// the text of `content:encoded` / `xhtml:body` (full) or `description` (summary).
struct FeedRSSItem {
    let document: URL?
    let language: String?

    static let contentNamespace: StaticString = "http://purl.org/rss/1.0/modules/content/"
    static let xhtmlNamespace: StaticString = "http://www.w3.org/1999/xhtml"
    /// RSS's core elements are unqualified (0.9x/2.0) or in one of these namespaces; a module's
    /// element with the same local name (`szf:description`) is not the item's description.
    static let coreNamespaces: [StaticString] = [
        "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
        "http://backend.userland.com/rss", "http://purl.org/net/rss1.1#",
    ]

    static let dublinCoreNamespace: StaticString = "http://purl.org/dc/elements/1.1/"

    /// The Dublin Core child called `name` (`dc:title`, `dc:description`), RSS's fallback.
    static func dublinCore(_ node: FeedNode, _ name: StaticString) -> FeedNode? {
        node.elements.first { $0.isNamed(name) && $0.isIn(dublinCoreNamespace) }
    }

    /// The first core RSS child called `name`.
    static func core(_ node: FeedNode, _ name: StaticString) -> FeedNode? {
        node.elements.first { $0.isNamed(name) && isCore($0) }
    }

    static func isCore(_ node: FeedNode) -> Bool { node.hasNoNamespace || coreNamespaces.contains { node.isIn($0) } }

    func item(_ item: FeedNode) -> FeedItem {
        var draft = ArticleDraft(articleBody: "")
        draft.headline = (Self.core(item, "title") ?? Self.dublinCore(item, "title")).map { FeedText.title(html: $0) }
            .flatMap(FeedText.nonEmpty)
        let guid = Self.core(item, "guid")
        let guidText = guid.map(FeedText.clean) ?? ""
        var link = Self.link(of: item, document: document)
        if link == nil, let guid, (guid.attribute("ispermalink") ?? "true").lowercased() != "false",
            guidText.hasPrefix("http://") || guidText.hasPrefix("https://")
        {
            link = FeedBase.resolve(guidText, at: guid, document: document)
        }
        // RSS 1.0 names each item by its address in rdf:about.
        let about = item.attribute("about", prefix: "rdf")
        if link == nil, let about { link = FeedBase.resolve(about, at: item, document: document) }
        draft.url = link
        for child in item.elements where (child.isNamed("author") || child.isNamed("creator")) && !child.isIn(FeedAtomEntry.atom10) {
            if let name = FeedText.personName(FeedText.clean(child)), !draft.author.contains(name) { draft.author.append(name) }
        }
        for author in item.children("author") where author.isIn(FeedAtomEntry.atom10) {
            if let name = FeedAtomEntry.personName(author), !draft.author.contains(name) { draft.author.append(name) }
        }
        draft.datePublished = FeedText.firstDate(item, ["pubdate", "issued", "published", "created", "date"])
        draft.dateModified = FeedText.firstDate(item, ["modified", "updated"])
        draft.keywords = FeedText.unique(item.children("category").map(FeedText.clean) + item.children("subject").map(FeedText.clean))
        draft.inLanguage = (item.attribute("lang", prefix: "xml") ?? language).flatMap(FeedText.nonEmpty)
        for enclosure in item.children("enclosure") where (enclosure.attribute("type") ?? "").lowercased().hasPrefix("image/") {
            if let url = enclosure.attribute("url").flatMap({ FeedBase.resolve($0, at: enclosure, document: document) }) {
                draft.image.append(ImageRef(url: url))
            }
        }
        let full = item.elements.first { $0.isNamed("encoded") && $0.isIn(Self.contentNamespace) }
            .map { FeedText.html($0) }
            ?? item.elements.first { $0.isNamed("body") && ($0.hasNoNamespace || $0.isIn(Self.xhtmlNamespace)) }
            .map { FeedText.htmlText(node: $0) }
            ?? Self.core(item, "fullitem").map { FeedText.html($0) }
        let summary = (Self.core(item, "description") ?? item.firstChild("summary") ?? Self.dublinCore(item, "description"))
            .map { FeedText.html($0) }
        let hasFull = FeedContentRule.apply(full: full, summary: summary, to: &draft)
        var id = guidText.isEmpty ? nil : guidText
        if id == nil { id = item.firstChild("id").map(\.cleanText).flatMap(FeedText.nonEmpty) ?? about }
        return FeedItem(id: id, link: link, draft: draft, hasFullContent: hasFull)
    }

    /// The first non-empty RSS `<link>` of a channel or item, else an Atom alternate link.
    static func link(of node: FeedNode, document: URL?) -> String? {
        for link in node.children("link") where isCore(link) {
            let text = FeedText.clean(link)
            if !text.isEmpty, let url = FeedBase.resolve(text, at: link, document: document) { return url }
        }
        return FeedAtomEntry.alternateLink(of: node, document: document)
    }
}
