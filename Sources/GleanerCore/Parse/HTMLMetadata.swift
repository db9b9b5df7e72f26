import Foundation

/// The article facts a page states outside its text: JSON-LD (first, as the most explicit),
/// then `<meta>` (OpenGraph, Twitter, Dublin Core, article:*), `<link rel=canonical>`,
/// `<html lang>`, `<time>`, `<h1>` and `<title>`. Reads the tree before it is pruned.
/// Nothing is guessed: a fact the page does not state stays absent.
struct HTMLMetadata {
    let root: MarkupNode
    let base: URL?

    let metas: MetaTags
    /// Dates after this are not plausible publication dates.
    let now: Date

    init(root: MarkupNode, base: URL?, now: Date = Date()) {
        self.root = root
        self.base = base
        self.now = now
        metas = MetaTags(root: root)
    }

    private func meta(_ keys: String...) -> String? { metas.first(keys) }

    private func metaAll(_ key: String) -> [String] { metas.all(key) }

    func fill(_ draft: inout ArticleDraft) {
        for script in root.descendants(where: { $0.name == "script" && ($0["type"] ?? "").lowercased().contains("ld+json") }) {
            let data = Data(Self.jsonLDText(script.textContent).utf8)
            guard let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            for article in SchemaOrgArticle.articles(in: json) {
                SchemaOrgArticle.fill(&draft, from: article, base: base, takeBody: false)
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
        draft.headline = draft.headline ?? meta("og:title", "twitter:title", "dc.title", "headline") ?? pageTitle()
        if draft.author.isEmpty { draft.author = authors() }
        let dates = HTMLDateFinder(
            root: root, metas: metas, addresses: [draft.url, base?.absoluteString].compactMap { $0 }, now: now)
        draft.datePublished = draft.datePublished ?? dates.published()
        draft.dateModified = draft.dateModified ?? dates.modified()
        draft.articleSection = draft.articleSection ?? meta("article:section", "section", "parsely-section")
        if draft.keywords.isEmpty {
            var terms = metaAll("article:tag")
            if terms.isEmpty { terms = meta("keywords", "news_keywords").map { SchemaOrgArticle.keywordList($0) } ?? [] }
            draft.keywords = terms.reduce(into: []) { list, term in if !list.contains(term) { list.append(term) } }
        }
        draft.inLanguage = draft.inLanguage ?? language()
        draft.publisher = draft.publisher ?? meta("og:site_name", "application-name", "publisher", "dc.publisher")
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
    }

    /// `<title>` without the site's name: cut at the separator after an `<h1>` that begins
    /// it, or before a trailing `og:site_name`; else the single `<h1>`.
    private func pageTitle() -> String? {
        let h1s = root.descendants { $0.name == "h1" }.map(\.cleanText).filter { !$0.isEmpty }
        let separators = [" | ", " - ", " — ", " – ", " :: ", " · ", " » "]
        guard var title = root.descendants(where: { $0.name == "title" }).first?.cleanText, !title.isEmpty else {
            return h1s.count == 1 ? h1s[0] : nil
        }
        for h1 in h1s where title.hasPrefix(h1) && title.count > h1.count {
            let rest = title.dropFirst(h1.count)
            if separators.contains(where: { rest.hasPrefix($0) }) { return h1 }
        }
        if let site = meta("og:site_name") {
            for separator in separators where title.hasSuffix(separator + site) {
                title.removeLast(separator.count + site.count)
            }
        }
        return title
    }

    private func authors() -> [String] {
        var names: [String] = []
        var candidates = metaAll("author") + metaAll("article:author") + metaAll("dc.creator")
            + metaAll("parsely-author") + metaAll("sailthru.author") + metaAll("byl")
        if candidates.isEmpty { candidates = bylineElements() }
        for candidate in candidates {
            var name = TextNormalizer.inline(candidate)
            // Profile addresses are not names; "By Jane Doe" is.
            if name.hasPrefix("http://") || name.hasPrefix("https://") || name.isEmpty || name.count > 100 { continue }
            for prefix in ["by ", "written by ", "par ", "von ", "door ", "di ", "por "]
            where name.lowercased().hasPrefix(prefix) {
                name = TextNormalizer.inline(name.dropFirst(prefix.count))
            }
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The page's byline: `rel=author`, `itemprop=author` or an element whose class or id
    /// says byline or author, holding a short text (not a bio, not a photo).
    private func bylineElements() -> [String] {
        let marked = root.descendants { node in
            if (node["rel"] ?? "").lowercased() == "author" || (node["itemprop"] ?? "").lowercased() == "author" {
                return true
            }
            let hints = ((node["class"] ?? "") + " " + (node["id"] ?? "")).lowercased()
            return (hints.contains("byline") || hints.contains("author"))
                && !["bio", "avatar", "image", "photo", "img", "description", "about"].contains(where: hints.contains)
        }
        for node in marked {
            let text = node.descendants { ($0["itemprop"] ?? "").lowercased() == "name" }.first?.cleanText ?? node.cleanText
            let words = text.split(separator: " ").count
            if (1...8).contains(words), text.count <= 80 { return [text] }
        }
        return []
    }

    /// JSON-LD as pages write it: sometimes wrapped in CDATA or a comment, sometimes with raw
    /// line breaks inside strings (invalid JSON, harmless as spaces).
    static func jsonLDText(_ raw: String) -> String {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        for prefix in ["//<![CDATA[", "<![CDATA[", "<!--"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        for suffix in ["//]]>", "]]>", "-->"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
    }

    private func language() -> String? {
        if let lang = root["lang"] ?? root["xml:lang"], !lang.trimmingCharacters(in: .whitespaces).isEmpty {
            return lang.trimmingCharacters(in: .whitespaces)
        }
        if let lang = meta("content-language", "language", "dc.language") { return lang }
        return meta("og:locale").map { $0.replacingOccurrences(of: "_", with: "-") }
    }
}
