import Foundation

/// Reads the XML feed families — RSS 0.9x/2.0, RSS 1.0 and 0.90 (RDF), Atom 0.3/1.0 — through
/// libxml2 (RECOVER for ill-formed feeds, NONET, no external entities) into a `Feed`: the
/// channel's title, link and ttl, and every item or entry as a `FeedItem`. Stateless apart
/// from the input's name and address.
struct FeedXMLReader {
    let input: String
    let baseURL: String?

    /// The feed, or nil when the XML's root element is not a feed's.
    func read(_ text: String) throws(ParseError) -> Feed? {
        let document = baseURL.flatMap { URL(string: $0) }
        let feed: Feed?? = FeedEntities.withRepairedBytes(of: text) { utf8 in
            FeedDocument.read(utf8, url: baseURL) { root in
                if root.isNamed("rss") || root.isNamed("rdf") || root.isNamed("channel") { return rss(root, document: document) }
                if root.isNamed("feed") { return atom(root, document: document) }
                return nil
            }
        }
        guard let feed else { throw .parse(input, "the feed is not well-formed XML and could not be recovered") }
        return feed
    }

    private func rss(_ root: FeedNode, document: URL?) -> Feed {
        let rootIsChannel = root.isNamed("channel")
        let channel = rootIsChannel ? root : root.firstChild("channel")
        var feed = Feed()
        if let channel {
            feed.title = (FeedRSSItem.core(channel, "title") ?? FeedRSSItem.dublinCore(channel, "title")).map { FeedText.title(html: $0) }.flatMap(FeedText.nonEmpty)
            feed.link = FeedRSSItem.link(of: channel, document: document)
            feed.ttlMinutes = channel.firstChild("ttl").flatMap { Int($0.cleanText) }.flatMap { $0 > 0 ? $0 : nil }
        }
        let language = channel?.firstChild("language")?.cleanText ?? root.attribute("lang", prefix: "xml")
        // RSS 1.0 and 0.90 put items beside the channel, RSS 2.0 inside it.
        var items = (channel?.children("item") ?? []) + (rootIsChannel ? [] : root.children("item"))
        if items.isEmpty { items = recovered("item", in: root) }
        feed.items = items.map { FeedRSSItem(document: document, language: language).item($0) }
        return feed
    }

    private func atom(_ root: FeedNode, document: URL?) -> Feed {
        var feed = Feed()
        feed.title = FeedAtomEntry.core(root, "title").map(FeedText.atomTitle).flatMap(FeedText.nonEmpty)
        feed.link = FeedAtomEntry.alternateLink(of: root, document: document)
        let reader = FeedAtomEntry(document: document)
        var entries = root.children("entry")
        if entries.isEmpty { entries = recovered("entry", in: root) }
        feed.items = entries.map { reader.item($0) }
        return feed
    }

    /// Items that an unclosed element swallowed (libxml2's recovery nests what follows an
    /// unclosed tag inside it): every outermost element of that name, wherever it is.
    private func recovered(_ name: StaticString, in root: FeedNode) -> [FeedNode] {
        root.descendants { $0.isNamed(name) }.filter { node in
            var ancestor = node.parent
            while let a = ancestor, a.pointer != root.pointer {
                if a.isNamed(name) { return false }
                ancestor = a.parent
            }
            return true
        }
    }
}

/// Where relative URLs in a feed point: the document's address, overridden by every
/// `xml:base` on the element and its ancestors, innermost last (XML Base). Stateless.
enum FeedBase {
    static func url(of node: FeedNode, document: URL?) -> URL? {
        var chain: [String] = []
        var current: FeedNode? = node
        while let element = current {
            if let base = element.attribute("base", prefix: "xml") { chain.append(base) }
            current = element.parent
        }
        var base = document
        for value in chain.reversed() {
            if let resolved = URLResolution.resolve(value, against: base), let url = URL(string: resolved) {
                base = url
            }
        }
        return base
    }

    /// `raw` resolved against the base in effect at `node`.
    static func resolve(_ raw: String, at node: FeedNode, document: URL?) -> String? {
        // An absolute reference ignores every base; most links need no resolving at all.
        if FeedAbsoluteURL.isUnchanged(raw) { return raw }
        return URLResolution.resolve(raw, against: url(of: node, document: document))
    }
}
