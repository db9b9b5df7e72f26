import Foundation

/// The article facts a page states outside its text: JSON-LD (first, as the most explicit),
/// then `<meta>` (OpenGraph, Twitter, Dublin Core, article:*), `<link rel=canonical>`,
/// `<html lang>`, `<time>`, `<h1>` and `<title>`. Reads the tree before it is pruned.
/// Nothing is guessed: a fact the page does not state stays absent.
struct HTMLMetadata {
    let root: MarkupNode
    let base: URL?

    /// The page's `<meta>` values, read when `fill` starts (with the page's other elements).
    private(set) var metas = MetaTags()
    /// Dates after this are not plausible publication dates.
    let now: Date

    init(root: MarkupNode, base: URL?, now: Date = Date()) {
        self.root = root
        self.base = base
        self.now = now
    }

    private func meta(_ keys: String...) -> String? { metas.first(keys) }

    private func metaAll(_ key: String) -> [String] { metas.all(key) }

    /// Fills `draft` with what the page states; returns the JSON-LD `articleBody` (the longest
    /// one), which the caller weighs against the text of the page itself.
    @discardableResult
    func fill(_ draft: inout ArticleDraft) -> String? {
        // The finders below each look for elements of the whole page: one list of them serves all.
        root.withElementIndex {
            var reader = self
            reader.metas = MetaTags(root: root)
            return reader.fillIndexed(&draft)
        }
    }

    private func fillIndexed(_ draft: inout ArticleDraft) -> String? {
        var linkedBody: String?
        var linkedData: [Any] = []
        var linkedHeadline: String?
        var linkedName: String?
        for script in root.descendants(where: { $0.name == "script" && ($0["type"] ?? "").lowercased().contains("ld+json") }) {
            let data = Data(Self.jsonLDText(script.textContent).utf8)
            guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            linkedData.append(json)
            for article in SchemaOrgArticle.articles(in: json) {
                if draft.headline == nil {
                    linkedHeadline = SchemaOrgArticle.string(article["headline"]).flatMap(SchemaOrgArticle.nonEmpty)
                    linkedName = SchemaOrgArticle.string(article["name"]).flatMap(SchemaOrgArticle.nonEmpty)
                }
                SchemaOrgArticle.fill(&draft, from: article, base: base, takeBody: false)
                if let body = SchemaOrgArticle.string(article["articleBody"]), body.count > linkedBody?.count ?? 0 {
                    linkedBody = body
                }
            }
        }
        let canonical = root.descendants { $0.name == "link" && ($0["rel"] ?? "").lowercased().split(separator: " ").contains("canonical") }
            .first?["href"]
        if let address = (canonical ?? meta("og:url")).flatMap({ URLResolution.resolve($0, against: base) }) {
            draft.url = address
        }
        if let fetched = base?.absoluteString, let url = draft.url, fetched != url, !draft.sameAs.contains(fetched) {
            draft.sameAs.append(fetched)
        }
        draft.publisher = draft.publisher ?? meta("og:site_name", "application-name", "publisher", "dc.publisher")
        let titles = HTMLTitle(
            root: root, metas: metas, siteNames: [meta("og:site_name"), meta("application-name"), draft.publisher].compactMap { $0 },
            address: draft.url ?? base?.absoluteString)
        draft.headline = titles.headline(linkedHeadline: linkedHeadline, linkedName: linkedName)
        let window = HeadingWindow(root: root, headline: draft.headline)
        var linkedAuthors = draft.author
        if linkedAuthors.isEmpty {
            let objects = linkedData.reduce(into: [String: [String: Any]]()) { all, json in
                all.merge(SchemaOrgArticle.objectsByID(in: json)) { first, _ in first }
            }
            linkedAuthors = linkedData.lazy.compactMap { json in
                SchemaOrgArticle.firstValue("author", in: json) { value in
                    let names = SchemaOrgArticle.names(value, objects: objects)
                    return names.isEmpty ? nil : names
                }
            }.first ?? []
        }
        draft.author = HTMLAuthors(
            root: root, metas: metas, siteNames: titles.siteNames, hostLabel: titles.hostLabel, window: window
        ).names(linked: linkedAuthors)
        var dates = HTMLDateFinder(
            root: root, metas: metas, addresses: [draft.url, base?.absoluteString].compactMap { $0 }, now: now)
        dates.linkedData = linkedData
        dates.window = window
        draft.datePublished = dates.published(linkedPublished: draft.datePublished)
        draft.dateModified = draft.dateModified ?? dates.modified()
        draft.articleSection = draft.articleSection ?? meta("article:section", "section", "parsely-section")
        if draft.keywords.isEmpty {
            var terms = metaAll("article:tag")
            // One tag holding commas is the whole list in one ("Oceans,New Zealand,Whales");
            // among several, a comma is part of a tag ("Mergers, Acquisitions and Divestitures").
            if terms.count == 1, terms[0].contains(",") { terms = SchemaOrgArticle.keywordList(terms[0]) }
            if terms.isEmpty { terms = meta("keywords", "news_keywords").map { SchemaOrgArticle.keywordList($0) } ?? [] }
            draft.keywords = terms.reduce(into: []) { list, term in if !list.contains(term) { list.append(term) } }
        }
        draft.inLanguage = draft.inLanguage ?? language()
        if draft.image.isEmpty {
            for address in metaAll("og:image") + metaAll("og:image:url") + metaAll("og:image:secure_url")
                + metaAll("twitter:image") + metaAll("twitter:image:src")
            {
                guard let url = URLResolution.resolve(address, against: base),
                    !draft.image.contains(where: { $0.url == url })
                else { continue }
                draft.image.append(ImageRef(url: url))
            }
        }
        // The article's own figures after the lead image; one already listed gains its caption.
        for figure in HTMLFigures(root: root, base: base).images() {
            if let at = draft.image.firstIndex(where: { $0.url == figure.url }) {
                draft.image[at].caption = draft.image[at].caption ?? figure.caption
                draft.image[at].credit = draft.image[at].credit ?? figure.credit
            } else {
                draft.image.append(figure)
            }
        }
        return linkedBody
    }

    /// JSON-LD as pages write it: sometimes wrapped in CDATA or a comment, sometimes with raw
    /// line breaks inside strings (invalid JSON, harmless as spaces).
    static func jsonLDText(_ raw: String) -> String {
        var text = TextNormalizer.trimmed(raw)
        for prefix in ["//<![CDATA[", "<![CDATA[", "<!--"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        for suffix in ["//]]>", "]]>", "-->"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return spacedLineBreaks(text)
    }

    /// Every line break (LF, CR, CR LF) and tab as one space, on the bytes: the characters
    /// `\n`, `\r`, `\t` and `\r\n` are exactly these byte sequences (a control character is a
    /// character of its own, CR LF the one pair), and a page's JSON-LD can be its whole text.
    private static func spacedLineBreaks(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if byte == 0x0D {
                    out.append(0x20)
                    if i < bytes.count, bytes[i] == 0x0A { i += 1 }
                } else {
                    out.append(byte == 0x0A || byte == 0x09 ? 0x20 : byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private func language() -> String? {
        if let lang = root["lang"] ?? root["xml:lang"], !lang.trimmingCharacters(in: .whitespaces).isEmpty {
            return lang.trimmingCharacters(in: .whitespaces)
        }
        if let lang = meta("content-language", "language", "dc.language") { return lang }
        return meta("og:locale").map { $0.replacingOccurrences(of: "_", with: "-") }
    }
}
