import Foundation

/// Finds a page's main text, readability-style: drops page furniture (navigation, headers,
/// footers, asides, forms, comments, share bars, cookie banners) by tag and class/id hints,
/// scores block containers by the paragraphs they hold (text length, commas) and their link
/// density, keeps the best container with its worthy siblings, and writes its paragraphs,
/// headings, list items and quotes as paragraphs. Works on a `MarkupNode` tree it may prune.
enum HTMLContentExtractor {
    /// The main text of a whole page, as paragraphs. `strict` also drops elements whose class or id hints at furniture; a page whose text
    /// sits in such an element (`Layout--sidebarPosition-end`) is read again without it.
    static func paragraphs(ofPage root: MarkupNode, strict: Bool = true) -> [String] {
        let body = root.name == "body" ? root : (root.descendants { $0.name == "body" }.first ?? root)
        prune(body, strict: strict)
        let chosen = mainContent(in: body)
        var writer = BlockWriter(strict: strict)
        for node in chosen { writer.write(node) }
        let paragraphs = writer.finish()
        guard paragraphs.reduce(0, { $0 + $1.count }) < 250 else { return paragraphs }
        // Little text in the best container (prose in bare divs, a page of short blocks):
        // the whole remaining body says more.
        var whole = BlockWriter(strict: strict)
        whole.write(body)
        let all = whole.finish()
        return all.reduce(0, { $0 + $1.count }) > paragraphs.reduce(0, { $0 + $1.count }) ? all : paragraphs
    }

    /// The text of an HTML fragment (a feed item's content), all of it, as a body.
    /// `keepingEveryParagraph` keeps link-heavy and boilerplate-looking paragraphs too: a feed
    /// item's title or content is the publisher's own text, not a page with menus to leave out.
    static func text(ofFragment html: String, keepingEveryParagraph: Bool = false) -> String {
        guard let root = MarkupReader.html("<html><body>" + html + "</body></html>", url: nil) else { return "" }
        let body = root.descendants { $0.name == "body" }.first ?? root
        prune(body)
        var writer = BlockWriter(keepEveryParagraph: keepingEveryParagraph)
        writer.write(body)
        return TextNormalizer.body(writer.finish())
    }

    /// The text of an element subtree (Atom XHTML content), as a body.
    static func text(of node: MarkupNode, keepingEveryParagraph: Bool = false) -> String {
        prune(node)
        var writer = BlockWriter(keepEveryParagraph: keepingEveryParagraph)
        writer.write(node)
        return TextNormalizer.body(writer.finish())
    }

    // MARK: Pruning

    /// Never text: scripts, styles, embedded media, form controls.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "iframe", "svg", "button", "select", "input", "textarea", "template",
        "object", "embed", "canvas", "video", "audio", "dialog", "head", "link", "meta", "picture", "img",
    ]
    /// Page furniture by its tag; kept in the lenient pass, since some sites misuse them
    /// (or leave them unclosed, and the parser nests the article inside).
    static let furnitureTags: Set<String> = ["nav", "header", "footer", "aside", "form", "menu", "figure"]

    private static let unlikely = [
        "-ad-", "ad-break", "advert", "agegate", "banner", "breadcrumb", "combx", "comment", "community",
        "consent", "cookie", "disqus", "footer", "gdpr", "header", "masthead", "menu", "modal", "navbar",
        "newsletter", "outbrain", "pager", "pagination", "paywall", "popup", "promo", "related", "remark",
        "replies", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "subscribe",
        "taboola", "toolbar", "widget", "recommended", "read-more", "readmore", "byline", "author-bio",
        "sharedaddy", "relatedposts", "copyright", "jp-post-flair", "wpcnt", "post-navigation", "nav-links",
    ]
    private static let maybe = ["article", "body", "column", "content", "main", "story", "entry", "post-text"]

    private static func isJunk(_ node: MarkupNode, strict: Bool = true) -> Bool {
        if droppedTags.contains(node.name) || (strict && furnitureTags.contains(node.name)) { return true }
        if node["hidden"] != nil || node["aria-hidden"] == "true" { return true }
        if let style = node["style"]?.lowercased().replacingOccurrences(of: " ", with: ""),
            style.contains("display:none") || style.contains("visibility:hidden")
        {
            return true
        }
        if let role = node["role"]?.lowercased(),
            ["navigation", "banner", "contentinfo", "complementary", "dialog", "menu", "alert"].contains(role)
        {
            return true
        }
        if !strict || ["html", "body", "article", "main"].contains(node.name) { return false }
        // Marked up as the article's text: whatever its id says (share-button containers wrap it).
        if (node["itemprop"] ?? "").lowercased().contains("articlebody") { return false }
        let hints = ((node["class"] ?? "") + " " + (node["id"] ?? "")).lowercased()
        guard hints.count > 1 else { return false }
        return unlikely.contains(where: hints.contains) && !maybe.contains(where: hints.contains)
    }

    static func prune(_ root: MarkupNode, strict: Bool = true) {
        var stack = [root]
        while let node = stack.popLast() {
            node.children.removeAll { $0.kind == .element && isJunk($0, strict: strict) }
            stack.append(contentsOf: node.children.filter { $0.kind == .element })
        }
    }

    // MARK: Scoring

    private static let positive = ["article", "body", "content", "entry", "hentry", "main", "page", "post",
                                   "text", "blog", "story"]
    private static let negative = ["hidden", "banner", "comment", "contact", "foot", "footnote", "masthead",
                                   "media", "meta", "promo", "related", "scroll", "share", "sidebar",
                                   "sponsor", "shopping", "tags", "tool", "widget"]

    private static func classWeight(_ node: MarkupNode) -> Double {
        var weight = 0.0
        for hint in [node["class"], node["id"]].compactMap({ $0?.lowercased() }) where !hint.isEmpty {
            if negative.contains(where: hint.contains) { weight -= 25 }
            if positive.contains(where: hint.contains) { weight += 25 }
        }
        return weight
    }

    private static func baseScore(_ node: MarkupNode) -> Double {
        switch node.name {
        case "div", "article", "section", "main": return 5 + classWeight(node)
        case "pre", "td", "blockquote": return 3 + classWeight(node)
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": return -3 + classWeight(node)
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": return -5 + classWeight(node)
        default: return classWeight(node)
        }
    }

    /// The container(s) holding the article text, in document order.
    private static func mainContent(in body: MarkupNode) -> [MarkupNode] {
        var scores: [ObjectIdentifier: Double] = [:]
        var candidates: [MarkupNode] = []
        let paragraphs = body.descendants { ["p", "pre", "td"].contains($0.name) || ($0.name == "div" && !hasBlockChild($0)) }
        for paragraph in paragraphs {
            let text = paragraph.cleanText
            guard text.count >= 25 else { continue }
            let score = 1 + Double(text.filter { $0 == "," || $0 == "，" }.count) + min(Double(text.count) / 100, 3)
            var ancestor = paragraph.parent
            var level = 0
            while let node = ancestor, level < 3 {
                let id = ObjectIdentifier(node)
                if scores[id] == nil {
                    scores[id] = baseScore(node)
                    candidates.append(node)
                }
                scores[id]! += score / Double([1, 2, 3][level])
                ancestor = node.parent
                level += 1
            }
        }
        var best: (node: MarkupNode, score: Double)?
        for node in candidates {
            let final = scores[ObjectIdentifier(node)]! * (1 - linkDensity(node))
            scores[ObjectIdentifier(node)] = final
            if best == nil || final > best!.score { best = (node, final) }
        }
        guard var top = best, top.score > 0 else { return [best?.node ?? body] }
        top.node = commonAncestor(of: top, candidates: candidates, scores: scores, body: body)
        guard let parent = top.node.parent else { return [top.node] }
        // Siblings that score well, or hold plain prose, belong to the article too.
        let threshold = max(10, top.score * 0.2)
        return parent.children.filter { sibling in
            guard sibling.kind == .element else { return false }
            if sibling === top.node { return true }
            if let s = scores[ObjectIdentifier(sibling)], s >= threshold { return true }
            guard sibling.name == "p" else { return false }
            let text = sibling.cleanText
            let density = linkDensity(sibling)
            return (text.count > 80 && density < 0.25) || (text.count > 0 && density == 0 && text.contains(". "))
        }
    }

    /// When several other containers score nearly as well as the best one, the article is
    /// split among them (one per section, say): their closest common ancestor holds it all.
    private static func commonAncestor(
        of top: (node: MarkupNode, score: Double), candidates: [MarkupNode], scores: [ObjectIdentifier: Double],
        body: MarkupNode
    ) -> MarkupNode {
        let close = candidates.filter { $0 !== top.node && (scores[ObjectIdentifier($0)] ?? 0) >= top.score * 0.75 }
            .sorted { (scores[ObjectIdentifier($0)] ?? 0) > (scores[ObjectIdentifier($1)] ?? 0) }.prefix(4)
        guard close.count >= 3 else { return top.node }
        var ancestor = top.node.parent
        while let node = ancestor, node !== body {
            let inside = close.filter { candidate in
                var up = candidate.parent
                while let u = up { if u === node { return true }; up = u.parent }
                return false
            }
            if inside.count >= 3 { return node }
            ancestor = node.parent
        }
        return top.node
    }

    private static let blockTags: Set<String> = [
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "center", "details",
        "summary", "caption", "tbody", "thead", "tfoot", "body", "html",
    ]

    private static func hasBlockChild(_ node: MarkupNode) -> Bool {
        node.children.contains { $0.kind == .element && blockTags.contains($0.name) }
    }

    static func linkDensity(_ node: MarkupNode) -> Double {
        let total = node.cleanText.count
        guard total > 0 else { return 0 }
        // A link wrapping blocks (an unclosed `<a>` libxml2 nested the page into) is no link.
        let linked = node.descendants { $0.name == "a" && !hasBlockChild($0) && !$0.isInsideLink }
            .reduce(0) { $0 + $1.cleanText.count }
        return min(1, Double(linked) / Double(total))
    }

    /// Writes block elements as paragraphs; inline text flows into the current paragraph,
    /// two `<br>` in a row end it. Link-heavy paragraphs (menus, lists of links) are left out.
    struct BlockWriter {
        let strict: Bool
        let keepEveryParagraph: Bool
        private var paragraphs: [String] = []
        private var buffer = ""
        private var linked = 0
        private var inLink = 0
        private var lastWasBreak = false

        init(strict: Bool = true, keepEveryParagraph: Bool = false) {
            self.strict = strict
            self.keepEveryParagraph = keepEveryParagraph
        }

        mutating func write(_ node: MarkupNode) {
            if node.kind == .text {
                buffer += node.text
                // Character counts only matter to the link-density test, which a writer
                // keeping every paragraph never runs.
                if inLink > 0, !keepEveryParagraph { linked += node.text.count }
                if !isBlank(node.text) { lastWasBreak = false }
                return
            }
            if node.name == "br" {
                if lastWasBreak { flush() } else { buffer += " "; lastWasBreak = true }
                return
            }
            if isJunk(node, strict: strict) { return }
            let block = blockTags.contains(node.name)
            if block { flush() }
            let isLink = node.name == "a" && !block && !hasBlockChild(node)
            if isLink { inLink += 1 }
            for child in node.children { write(child) }
            if isLink { inLink -= 1 }
            if block { flush() }
        }

        private mutating func flush() {
            let text = TextNormalizer.inline(buffer)
            if !text.isEmpty, keepEveryParagraph || (Double(linked) <= Double(buffer.count) * 0.5 && !PlainTextShapes.isBanner(text)
                && !PlainTextShapes.isSubscriptionPitch(text) && !PlainTextShapes.isDonationAppeal(text))
            {
                paragraphs.append(text)
            }
            buffer = ""
            linked = 0
            lastWasBreak = false
        }

        /// `text.allSatisfy(\.isWhitespace)` (a character is whitespace when its first scalar
        /// is), answered from the scalars: a non-space scalar below U+0300 starts a character
        /// of its own, so it settles the answer without grapheme breaking.
        private func isBlank(_ text: String) -> Bool {
            for scalar in text.unicodeScalars where !TextNormalizer.isSpace(scalar.value) {
                if scalar.value < 0x300 { return false }
                return text.allSatisfy(\.isWhitespace)
            }
            return true
        }

        mutating func finish() -> [String] {
            flush()
            return paragraphs
        }
    }
}
