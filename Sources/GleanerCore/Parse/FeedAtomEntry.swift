import Foundation

/// Turns one Atom 0.3/1.0 `<entry>` into a `FeedItem`: title (text construct), the alternate
/// link, id, authors, published/updated (0.3: issued/created/modified), categories, image
/// enclosures, and the text of `<content>` (full) or `<summary>`. URLs resolve against the
/// `xml:base` in effect where they appear.
struct FeedAtomEntry {
    let document: URL?

    static let atom10: StaticString = "http://www.w3.org/2005/Atom"
    static let atom03: StaticString = "http://purl.org/atom/ns#"

    /// The first Atom child called `name`: unqualified, in an Atom namespace, or in its parent's
    /// namespace (pre-0.3 drafts used others), so a module's `media:title` is not the title.
    static func core(_ node: FeedNode, _ name: StaticString) -> FeedNode? {
        node.elements.first { child in
            child.isNamed(name)
                && (child.hasNoNamespace || child.sharesNamespace(with: node) || child.isIn(atom10) || child.isIn(atom03))
        }
    }

    func item(_ entry: FeedNode) -> FeedItem {
        var draft = ArticleDraft(articleBody: "")
        draft.headline = Self.core(entry, "title").map(FeedText.atomTitle).flatMap(FeedText.nonEmpty)
        let link = Self.alternateLink(of: entry, document: document)
        draft.url = link
        for author in entry.children("author") {
            if let name = Self.personName(author), !draft.author.contains(name) { draft.author.append(name) }
        }
        draft.datePublished = FeedText.firstDate(entry, ["published", "issued", "created"])
        draft.dateModified = FeedText.firstDate(entry, ["updated", "modified"])
        draft.keywords = FeedText.unique(entry.children("category").compactMap { $0.attribute("term") ?? $0.attribute("label") }
            + entry.children("subject").map(FeedText.clean))
        draft.inLanguage = FeedText.language(of: entry)
        for enclosure in entry.children("link") where enclosure.attribute("rel")?.lowercased() == "enclosure"
            && (enclosure.attribute("type") ?? "").lowercased().hasPrefix("image/")
        {
            if let url = enclosure.attribute("href").flatMap({ FeedBase.resolve($0, at: enclosure, document: document) }) {
                draft.image.append(ImageRef(url: url))
            }
        }
        // Content given by reference (`src`) is not in the feed: only the summary is.
        let content = Self.core(entry, "content").flatMap { $0.attribute("src") == nil ? $0 : nil }
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
    static func alternateLink(of node: FeedNode, document: URL?) -> String? {
        var firstAlternate: (node: FeedNode, href: String)?
        for link in node.children("link") {
            guard let href = href(link), (link.attribute("rel") ?? "alternate").lowercased() == "alternate" else { continue }
            if FeedText.has((link.attribute("type") ?? "text/html").lowercased(), "html") {
                return FeedBase.resolve(href, at: link, document: document)
            }
            if firstAlternate == nil { firstAlternate = (link, href) }
        }
        guard let chosen = firstAlternate else { return nil }
        return FeedBase.resolve(chosen.href, at: chosen.node, document: document)
    }

    private static func href(_ link: FeedNode) -> String? {
        link.attribute("href") ?? FeedText.nonEmpty(FeedText.clean(link))
    }

    /// An Atom person's name (its email when it has no name); RSS-style text when it has neither.
    static func personName(_ person: FeedNode) -> String? {
        if let name = person.firstChild("name").map(FeedText.clean).flatMap(FeedText.nonEmpty) { return name }
        if !person.hasElements { return FeedText.personName(person.cleanText) }
        return person.firstChild("email").map(\.cleanText).flatMap(FeedText.nonEmpty)
    }
}
