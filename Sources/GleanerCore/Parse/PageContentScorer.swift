/// The page path of `HTMLContentExtractor`: which container(s) of a pruned page hold the
/// article. Paragraph-like blocks score their three nearest ancestors (more for longer text
/// and more commas), class and id hints weigh containers up or down, link-heavy containers
/// lose their score; the best one is kept with the siblings that score or read like prose.
/// Text measures come from `NodeTextStats`, computed once per page.
extension HTMLContentExtractor {
    /// The main text of a whole page, as paragraphs. `strict` also drops elements whose class or id hints at furniture; a page whose text
    /// sits in such an element (`Layout--sidebarPosition-end`) is read again without it.
    /// The tree is left as it was found (pruning is undone), so a caller may read it again.
    static func paragraphs(ofPage root: MarkupNode, strict: Bool = true) -> [String] {
        // `<body>` is nearly always a child of the root; the whole tree is searched only when not.
        let body = root.name == "body" ? root
            : root.children.first { $0.kind == .element && $0.name == "body" }
            ?? (HTMLContentExtractor.firstElement(below: root) { $0.name == "body" } ?? root)
        let removed = prunePage(body, strict: strict)
        defer { for (node, children) in removed.reversed() { node.children = children } }
        let stats = NodeTextStats(body)
        let chosen = mainContent(in: body, stats: stats)
        var writer = BlockWriter(strict: strict, page: true)
        writer.stats = stats
        for node in chosen { writer.write(node) }
        let paragraphs = withoutTrailingLabels(ArticleTail.withoutLeadingMeta(ArticleTail.trimmed(writer.finish())))
        let length = paragraphs.reduce(0) { $0 + $1.scalarCount }
        guard length < 400 else { return paragraphs }
        // Little text in the best container (prose in bare divs, a page of short blocks):
        // the whole remaining body says more.
        var whole = BlockWriter(strict: strict, page: true)
        // Links around blocks are cards (teasers) only beside other text: a page whose every
        // block is inside such a link has nothing else to offer.
        if length > 0 { whole.stats = stats }
        whole.write(body)
        // Trimmed as the container's text is, and worth taking only for much more text: on a
        // short post, the rest of the page is its share bar, tag list and cookie notice.
        let all = withoutTrailingLabels(ArticleTail.withoutLeadingMeta(ArticleTail.trimmed(whole.finish())))
        let wholeLength = all.reduce(0) { $0 + $1.scalarCount }
        return length == 0 || wholeLength > length + 100 ? all : paragraphs
    }

    /// Removes the page's junk below `body`; returns each changed element with the children
    /// it had, to undo the pruning.
    private static func prunePage(_ body: MarkupNode, strict: Bool) -> [(MarkupNode, [MarkupNode])] {
        var removed: [(MarkupNode, [MarkupNode])] = []
        var stack = [body]
        var pageProse: Int?
        // The measures taken so far, each of a candidate's subtree with every element below
        // it: a candidate inside another is read from the outer one's (nothing below a
        // candidate is pruned before it is asked about, so the measure is still its own;
        // measuring each nested wrapper again made them quadratic, measuring the whole page
        // at once measured every script).
        var subtreeStats: [NodeTextStats] = []
        // An element that is furniture by its class or id alone, but holds most of the page's
        // prose, is a layout wrapper whose compound class names what sits beside it
        // ("above-footer", "has-sidebar", "non-paywall"): the article is inside. Comment
        // threads and galleries (a widget of fifty captions) stay out, however long.
        // Navigation and asides by their tag are no such wrappers: a menu of news teasers can
        // hold more prose than a short article.
        func wrapsPageProse(_ element: MarkupNode) -> Bool {
            guard strict, !sideTags.contains(element.name), !isJunk(element, strict: false, page: true),
                !notWrappers.matchesAny(KeywordMatcher.hints(of: element))
            else { return false }
            let prose: Int
            if let taken = subtreeStats.lazy.compactMap({ $0.measureIfTaken(element) }).first {
                prose = taken.prose
            } else {
                let stats = NodeTextStats(element)
                subtreeStats.append(stats)
                prose = stats[element].prose
            }
            guard prose >= 500 else { return false }
            if pageProse == nil { pageProse = NodeTextStats(body)[body].prose }
            return prose * 2 >= pageProse ?? 0
        }
        while let node = stack.popLast() {
            let before = node.children
            // Decided before the children change: the test reads the whole page.
            let kept = before.filter {
                $0.kind != .element || !isJunk($0, strict: strict, page: true) || wrapsPageProse($0)
            }
            if kept.count != before.count { node.children = kept }
            if node.children.count != before.count { removed.append((node, before)) }
            for child in node.children where child.kind == .element { stack.append(child) }
        }
        return removed
    }

    private static let sideTags: Set<String> = ["nav", "aside", "menu"]

    private static let notWrappers = KeywordMatcher([
        "comment", "disqus", "replies", "remark", "community", "kommentar", "gallery", "slideshow", "carousel",
    ])

    /// The article minus the short label-like lines after its last sentence ("Filed under",
    /// "Share with:", "Related posts", a credit): what follows an article's end is furniture.
    static func withoutTrailingLabels(_ paragraphs: [String]) -> [String] {
        var kept = paragraphs[...]
        var signOff: Int?
        while let last = kept.last, kept.count > 1, last.scalarCount < 60,
            !PlainTextShapes.endsLikeSentence(last) || last.hasSuffix(":")
        {
            if signOff == nil, signOffs.startsAny(Array(last.lowercased().utf8)) { signOff = kept.count }
            kept.removeLast()
        }
        // The author's farewell ("Liebe Grüße", "x Franzi") closes the text itself.
        if let signOff { kept = paragraphs[..<signOff] }
        // A page of short lines (a list, a table of data) is no article with furniture after it.
        let remaining = kept.reduce(0) { $0 + $1.scalarCount }
        return remaining >= 400 ? Array(kept) : paragraphs
    }

    private static let signOffs = KeywordMatcher([
        "x ", "xo", "xx", "euer ", "eure ", "dein ", "deine ", "liebe grüße", "viele grüße", "herzliche grüße",
        "sei herzlich", "lg ", "bis bald", "cheers", "love,", "best,", "yours", "bisous", "besos", "un abrazo", "saludos",
    ])

    private static let positive = KeywordMatcher([
        "article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story",
    ])
    private static let negative = KeywordMatcher([
        "hidden", "banner", "comment", "contact", "foot", "footnote", "masthead", "media", "meta", "promo",
        "related", "scroll", "share", "sidebar", "sponsor", "shopping", "tags", "tool", "widget",
    ])

    private static func classWeight(_ node: MarkupNode) -> Double {
        var weight = 0.0
        for hint in [node["class"], node["id"]] {
            guard let hint, !hint.isEmpty else { continue }
            let bytes = KeywordMatcher.lowercasedBytes(hint)
            if negative.matchesAny(bytes) { weight -= 25 }
            if positive.matchesAny(bytes) { weight += 25 }
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

    private static let paragraphTags: Set<String> = ["p", "pre", "td"]

    /// The container(s) holding the article text, in document order.
    private static func mainContent(in body: MarkupNode, stats: NodeTextStats) -> [MarkupNode] {
        var scores: [ObjectIdentifier: Double] = [:]
        var candidates: [MarkupNode] = []
        let paragraphs = body.descendants { paragraphTags.contains($0.name) || ($0.name == "div" && !hasBlockChild($0)) }
        for paragraph in paragraphs {
            let measure = stats[paragraph]
            guard measure.length >= 25 else { continue }
            let score = 1 + Double(measure.commas) + min(Double(measure.length) / 100, 3)
            var ancestor = paragraph.parent
            var level = 0
            while let node = ancestor, level < 3 {
                let id = ObjectIdentifier(node)
                if scores[id] == nil {
                    scores[id] = baseScore(node)
                    candidates.append(node)
                }
                scores[id]! += score / Double(level + 1)
                // Nothing above the pruned body is a candidate (its `<head>` was never pruned).
                if node === body { break }
                ancestor = node.parent
                level += 1
            }
        }
        var best: (node: MarkupNode, score: Double)?
        for node in candidates {
            let final = scores[ObjectIdentifier(node)]! * (1 - stats[node].linkDensity)
            scores[ObjectIdentifier(node)] = final
            if best == nil || final > best!.score { best = (node, final) }
        }
        guard var top = best, top.score > 0 else { return [best?.node ?? body] }
        top.node = commonAncestor(of: top, candidates: candidates, scores: scores, body: body)
        top.node = widened(top.node, stats: stats, body: body)
        guard let parent = top.node.parent else { return [top.node] }
        // Siblings that score well, or hold plain prose, belong to the article too.
        let threshold = max(10, top.score * 0.2)
        let chosen = parent.children.filter { sibling in
            guard sibling.kind == .element else { return false }
            if sibling === top.node { return true }
            if let s = scores[ObjectIdentifier(sibling)], s >= threshold { return true }
            let measure = stats[sibling]
            let density = measure.linkDensity
            guard sibling.name == "p" else {
                // A block of prose next to the article (the text split over several
                // containers): long, few links, sentences.
                return ["div", "section", "blockquote", "ul", "ol", "table", "pre"].contains(sibling.name)
                    && measure.length > 200 && density < 0.2 && measure.commas >= 2 && classWeight(sibling) >= 0
            }
            return (measure.length > 80 && density < 0.25)
                || (measure.length > 0 && density == 0 && sibling.cleanText.contains(". "))
        }
        guard let first = chosen.first else { return chosen }
        return leads(before: first, stats: stats, body: body) + chosen
    }

    /// The standfirst above the text: a block of prose just before the chosen container or one
    /// of its near ancestors (`article__abstract`, `intro-text`, an excerpt in the article's
    /// header), short and nearly free of links. Sites keep it apart from the body's container.
    private static func leads(before first: MarkupNode, stats: NodeTextStats, body: MarkupNode) -> [MarkupNode] {
        var found: [MarkupNode] = []
        var node = first
        var level = 0
        while let parent = node.parent, parent !== body, level < 5 {
            let siblings = parent.children.filter { $0.kind == .element }
            if let at = siblings.firstIndex(where: { $0 === node }) {
                // Nearest first; each found one goes in front, so the result is in document order.
                for sibling in siblings[..<at].reversed().prefix(8) {
                    let measure = stats[sibling]
                    if measure.prose >= 70 || isHeadingLead(sibling, stats: stats), measure.length <= 2500,
                        measure.linkDensity < 0.2
                    {
                        found.insert(sibling, at: 0)
                    }
                }
            }
            node = parent
            level += 1
        }
        return found
    }

    /// A standfirst written as a heading (`<h2>` of a sentence or two above the body, as
    /// page builders set it): a block holding little but a long subheading.
    private static func isHeadingLead(_ node: MarkupNode, stats: NodeTextStats) -> Bool {
        let measure = stats[node]
        guard measure.length >= 100, measure.length <= 600 else { return false }
        let heading = headingTags.contains(node.name) ? node : firstElement(below: node) { headingTags.contains($0.name) }
        guard let heading else { return false }
        return stats[heading].length * 10 >= measure.length * 9
    }

    private static let headingTags: Set<String> = ["h2", "h3", "h4", "h5", "h6"]

    /// The best container's ancestors that hold much more prose than it: the article split
    /// over several containers (a block per paragraph group, an `<article>` per section).
    private static func widened(_ node: MarkupNode, stats: NodeTextStats, body: MarkupNode) -> MarkupNode {
        var chosen = node
        var ancestor = node.parent
        var steps = 0
        // Wrappers holding no more prose are passed through (a few levels), not taken.
        while let up = ancestor, up !== body, up.name != "html", steps < 3 {
            let inner = stats[chosen]
            let outer = stats[up]
            if outer.linkDensity >= 0.35 { break }
            // What widening adds must be mostly prose (not a player's menus), and not dwarf the
            // container (a gallery of fifty captions beside the article).
            let added = outer.length - inner.length
            if inner.prose > 0, Double(outer.prose) >= Double(inner.prose) * 1.3, outer.prose <= inner.prose * 4,
                (outer.prose - inner.prose) * 2 >= added
            {
                chosen = up
                steps = 0
            } else {
                steps += 1
            }
            ancestor = up.parent
        }
        return chosen
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
}
