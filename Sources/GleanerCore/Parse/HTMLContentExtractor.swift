import Foundation

/// Finds a page's main text, readability-style: drops page furniture (navigation, headers,
/// footers, asides, forms, comments, share bars, cookie banners) by tag and class/id hints,
/// scores block containers by the paragraphs they hold (text length, commas) and their link
/// density, keeps the best container with its worthy siblings, and writes its paragraphs,
/// headings, list items and quotes as paragraphs. Works on a `MarkupNode` tree it may prune.
enum HTMLContentExtractor {
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

    /// Never text: scripts, styles, embedded media, form controls, AMP's overlays (shown only
    /// when opened: a lightbox's gallery, a slide-in menu); and ruby annotations (`<rt>`, `<rp>`:
    /// the furigana readings above Japanese kanji), which would split every word.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "iframe", "svg", "button", "select", "input", "textarea", "template",
        "object", "embed", "canvas", "video", "audio", "dialog", "head", "link", "meta", "picture", "img",
        "amp-lightbox", "amp-sidebar", "rt", "rp",
    ]
    /// Page furniture by its tag; kept in the lenient pass, since some sites misuse them
    /// (or leave them unclosed, and the parser nests the article inside).
    static let furnitureTags: Set<String> = ["nav", "header", "footer", "aside", "form", "menu", "figure"]

    private static let unlikely = KeywordMatcher([
        "-ad-", "ad-break", "advert", "agegate", "banner", "breadcrumb", "combx", "comment", "community",
        "consent", "cookie", "disqus", "footer", "gdpr", "masthead", "menu", "modal", "navbar",
        "newsletter", "outbrain", "pager", "pagination", "paywall", "popup", "promo", "related", "remark",
        "replies", "share", "sharing", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "subscribe",
        "taboola", "toolbar", "widget", "recommended", "read-more", "readmore", "byline", "author-bio",
        "sharedaddy", "relatedposts", "copyright", "jp-post-flair", "wpcnt", "post-navigation", "nav-links", "dialog",
        "login", "overlay",
    ])
    private static let maybe = KeywordMatcher(["article", "body", "column", "content", "main", "story", "entry", "post-text"])
    private static let hiddenStyles = KeywordMatcher(["display:none", "visibility:hidden"])
    private static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "menu", "alert",
    ]
    private static let articleBody = Array("articlebody".utf8)
    /// Elements whose class or id never makes them furniture, unless it names an overlay.
    private static let neverHinted: Set<String> = ["html", "body", "article", "main"]
    /// What an `<article>` or `<main>` can still be: a login or message panel of the page.
    private static let overlays = KeywordMatcher(["modal", "dialog", "popup", "overlay", "login"])
    /// A header of a part of the content rather than of the page: a table's head row, a
    /// card's or an accordion panel's title (an FAQ's question), a product's or a recipe's
    /// name and lead. "header" with any other qualifier, or none, is the page's furniture.
    private static let contentHeaders = KeywordMatcher([
        "table-header", "card-header", "product-header", "recipe-header", "panel-header", "accordion-header",
    ])

    /// Whether `node` is never article text. `page`: a whole page is read, where a furniture
    /// element wrapping the article (an unclosed `<header>`, an ASP.NET `<form>` around the
    /// page) is no furniture; the feed paths keep their rule.
    static func isJunk(_ node: MarkupNode, strict: Bool = true, page: Bool = false) -> Bool {
        if droppedTags.contains(node.name) { return true }
        let furnitureTag = strict && furnitureTags.contains(node.name)
        if furnitureTag && !page { return true }
        if node["hidden"] != nil || node["aria-hidden"] == "true" { return true }
        if let style = node["style"], hiddenStyles.matchesAny(KeywordMatcher.lowercasedBytes(style).filter { $0 != 0x20 }) {
            return true
        }
        let furnitureRole = node["role"].map { furnitureRoles.contains($0.lowercased()) } ?? false
        if furnitureTag || furnitureRole { return !(page && (wrapsArticle(node) || isArticleHeader(node))) }
        if !strict { return false }
        if neverHinted.contains(node.name) {
            guard node.name == "article" || node.name == "main" else { return false }
            let hints = KeywordMatcher.hints(of: node)
            return !hints.isEmpty && overlays.matchesAny(hints)
        }
        // Marked up as the article's text: whatever its id says (share-button containers wrap it).
        if let itemprop = node["itemprop"], KeywordMatcher.occurs(articleBody, in: KeywordMatcher.lowercasedBytes(itemprop)) {
            return false
        }
        let classes = node["class"] ?? ""
        let id = node["id"] ?? ""
        guard !classes.isEmpty || !id.isEmpty else { return false }
        let hints = KeywordMatcher.lowercasedBytes(classes + " " + id)
        guard unlikely.matchesAny(hints) || namesHeader(hints), !maybe.matchesAny(hints) else { return false }
        // A class that says what the element is not ("non-paywall", "no-sidebar") names no furniture.
        guard KeywordMatcher.occurs("no", in: hints) else { return true }
        let affirmed = Array(hints.split(separator: 0x20).filter { token in !negations.contains { token.starts(with: $0) } }
            .joined(separator: [0x20]))
        return unlikely.matchesAny(affirmed) || namesHeader(affirmed)
    }

    private static let negations = ["no-", "non-", "not-", "no_", "non_", "not_"].map { Array($0.utf8) }

    /// Whether the hints name a header, and not only a header within the content.
    private static func namesHeader(_ hints: [UInt8]) -> Bool {
        KeywordMatcher.occurs("header", in: hints) && !contentHeaders.matchesAny(hints)
    }

    /// Whether an element holds the article's own container (`<main>`, `<article>`, a role or
    /// itemprop saying so).
    private static func wrapsArticle(_ node: MarkupNode) -> Bool {
        firstElement(below: node) {
            $0.name == "main" || $0.name == "article" || $0["role"] == "main" || $0["itemprop"] == "articleBody"
        } != nil
    }

    /// The first element below `node` (depth first, document order) that `predicate` accepts;
    /// the search stops there.
    static func firstElement(below node: MarkupNode, where predicate: (MarkupNode) -> Bool) -> MarkupNode? {
        var stack: [MarkupNode] = node.children.reversed()
        while let next = stack.popLast() {
            guard next.kind == .element else { continue }
            if predicate(next) { return next }
            stack.pushReversed(next.children)
        }
        return nil
    }

    /// A `<header>` inside the article holds its headline and standfirst, not the site's menus.
    private static func isArticleHeader(_ node: MarkupNode) -> Bool {
        guard node.name == "header", node["role"] == nil else { return false }
        var ancestor = node.parent
        while let up = ancestor {
            if up.name == "article" || up.name == "main" { return true }
            ancestor = up.parent
        }
        return false
    }

    /// Removes the junk below `root` (the feed paths; a page has `prunePage`).
    static func prune(_ root: MarkupNode, strict: Bool = true) {
        var stack = [root]
        while let node = stack.popLast() {
            node.children.removeAll { $0.kind == .element && isJunk($0, strict: strict) }
            for child in node.children where child.kind == .element { stack.append(child) }
        }
    }

    static let blockTags: Set<String> = [
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "center", "details",
        "summary", "caption", "tbody", "thead", "tfoot", "body", "html",
    ]

    static func hasBlockChild(_ node: MarkupNode) -> Bool {
        node.children.contains { $0.kind == .element && blockTags.contains($0.name) }
    }

    /// Writes block elements as paragraphs; inline text flows into the current paragraph,
    /// two `<br>` in a row end it. Link-heavy paragraphs (menus, lists of links) are left out.
    struct BlockWriter {
        let strict: Bool
        let keepEveryParagraph: Bool
        /// Writing a page's text (pruned with `page: true`).
        let page: Bool
        /// The page's text measures, which tell a card link (a teaser wrapped in `<a>`) from
        /// the page nested into an unclosed one; nil outside pages.
        var stats: NodeTextStats?
        private var paragraphs: [String] = []
        private var buffer = ""
        private var linked = 0
        private var inLink = 0
        private var lastWasBreak = false

        init(strict: Bool = true, keepEveryParagraph: Bool = false, page: Bool = false) {
            self.strict = strict
            self.keepEveryParagraph = keepEveryParagraph
            self.page = page
        }

        /// Writes `node` and its subtree. Callers hand in pruned trees (pruned as strictly as
        /// this writer is), so only the node itself can still be furniture.
        mutating func write(_ node: MarkupNode) {
            // A page's chosen containers passed the page's own pruning, which may keep more.
            if !page, node.kind == .element, node.name != "br", isJunk(node, strict: strict) { return }
            writeTree(node)
        }

        private mutating func writeTree(_ node: MarkupNode) {
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
            let block = blockTags.contains(node.name)
            if block { flush() }
            let isLink = node.name == "a" && !block && !hasBlockChild(node)
            // A card: a link around a teaser's heading and lead, every paragraph of it link text.
            let isCard = node.name == "a" && !keepEveryParagraph && hasBlockChild(node)
                && (stats.map { NodeTextStats.isCard($0[node]) } ?? false)
            if isLink || isCard { inLink += 1 }
            for child in node.children { writeTree(child) }
            if isLink || isCard { inLink -= 1 }
            if block { flush() }
        }

        private mutating func flush() {
            let text = TextNormalizer.inline(buffer)
            // Counting the buffer's characters is only needed when some of them were links.
            if !text.isEmpty, keepEveryParagraph || ((linked == 0 || Double(linked) <= Double(buffer.count) * 0.5)
                && !PlainTextShapes.isBanner(text)
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
