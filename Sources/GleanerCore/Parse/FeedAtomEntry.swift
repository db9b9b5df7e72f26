import Foundation

/// Turns one Atom 0.3/1.0 `<entry>` into a `FeedItem`: title (text construct), the alternate
/// link, id, authors, published/updated (0.3: issued/created/modified), categories, image
/// enclosures, and the text of `<content>` (full) or `<summary>`. URLs resolve against the
/// `xml:base` in effect where they appear.
struct FeedAtomEntry {
    let document: URL?

    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"

    /// The first Atom child called `name`: unqualified, in an Atom namespace, or in its parent's
    /// namespace (pre-0.3 drafts used others), so a module's `media:title` is not the title.
    static func core(_ node: MarkupNode, _ name: String) -> MarkupNode? {
        node.children.first { child in
            child.kind == .element && child.name == name
                && (child.namespace == nil || child.namespace == node.namespace || child.namespace == atom10
                    || child.namespace == atom03)
        }
    }

    func item(_ entry: MarkupNode) -> FeedItem {
        var draft = ArticleDraft(articleBody: "")
        draft.headline = Self.core(entry, "title").map(FeedText.atomTitle).flatMap(FeedText.nonEmpty)
        let link = Self.alternateLink(of: entry, document: document)
        draft.url = link
        for author in entry.children("author") {
            if let name = Self.personName(author), !draft.author.contains(name) { draft.author.append(name) }
        }
        draft.datePublished = FeedText.firstDate(entry, ["published", "issued", "created"])
        draft.dateModified = FeedText.firstDate(entry, ["updated", "modified"])
        draft.keywords = FeedText.unique(entry.children("category").compactMap { $0["term"] ?? $0["label"] }
            + entry.children("subject").map(FeedText.clean))
        draft.inLanguage = FeedText.language(of: entry)
        for enclosure in entry.children("link") where enclosure["rel"]?.lowercased() == "enclosure"
            && (enclosure["type"] ?? "").lowercased().hasPrefix("image/")
        {
            if let url = enclosure["href"].flatMap({ FeedBase.resolve($0, at: enclosure, document: document) }) {
                draft.image.append(ImageRef(url: url))
            }
        }
        // Content given by reference (`src`) is not in the feed: only the summary is.
        let content = Self.core(entry, "content").flatMap { $0["src"] == nil ? $0 : nil }
        let full = content.map(FeedText.atomBody)
        let summary = Self.core(entry, "summary").map(FeedText.atomBody)
        let hasFull = FeedContentRule.apply(full: full, summary: summary, to: &draft)
        let idNode = Self.core(entry, "id")
        var id = idNode.map(FeedText.clean)
        if let raw = id, FeedText.has(raw, "/"), !FeedText.has(raw, ":"), let idNode {
            // A path without a scheme is an IRI reference relative to the base in effect.
            id = FeedBase.resolve(raw, at: idNode, document: document) ?? raw
        }
        return FeedItem(id: id.flatMap(FeedText.nonEmpty), link: link, draft: draft, hasFullContent: hasFull)
    }

    /// The `rel="alternate"` link (no rel means alternate), an HTML one first, resolved. Its
    /// address is `href`, or the element's text in Atom 0.3 feeds that write it so.
    static func alternateLink(of node: MarkupNode, document: URL?) -> String? {
        let links = node.children("link").filter { href($0) != nil }
        let alternates = links.filter { ($0["rel"] ?? "alternate").lowercased() == "alternate" }
        let chosen = alternates.first { FeedText.has(($0["type"] ?? "text/html").lowercased(), "html") } ?? alternates.first
        guard let chosen, let href = href(chosen) else { return nil }
        return FeedBase.resolve(href, at: chosen, document: document)
    }

    private static func href(_ link: MarkupNode) -> String? {
        link["href"] ?? FeedText.nonEmpty(FeedText.clean(link))
    }

    /// An Atom person's name (its email when it has no name); RSS-style text when it has neither.
    static func personName(_ person: MarkupNode) -> String? {
        if let name = person.firstChild("name").map(FeedText.clean).flatMap(FeedText.nonEmpty) { return name }
        if person.elements.isEmpty { return FeedText.personName(person.cleanText) }
        return person.firstChild("email").map(\.cleanText).flatMap(FeedText.nonEmpty)
    }
}
