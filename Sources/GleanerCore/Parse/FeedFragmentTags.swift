/// The HTML elements `FeedFragmentText` reads itself, with what the article writer and
/// libxml2's HTML parser (2.9) do with each: whether it is a block (its own paragraph),
/// void (no content, no end tag), dropped with its content (`HTMLContentExtractor`'s
/// dropped and furniture tags), and which start tags would make libxml2 close it implicitly
/// (its `htmlStartClose` table, for the tags listed here). A fragment using any other element
/// goes the general way. Stateless.
enum FeedFragmentTags {
    struct Info {
        let name: String
        let isBlock: Bool
        let isVoid: Bool
        let isDropped: Bool
        /// The start tags that end this element in libxml2 when it is the current one.
        let closedBy: Set<String>
    }

    /// `HTMLContentExtractor`'s block tags among the elements here (its list is private;
    /// `FastPathParseTests` checks each one against the general path).
    private static let blocks: Set<String> = [
        "address", "article", "blockquote", "dd", "div", "dl", "dt", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "li", "main", "ol", "p", "pre", "section", "ul", "center", "details", "summary", "table", "td", "th", "tr",
        "tbody", "thead", "tfoot", "caption",
    ]

    private static let inline: [String] = [
        "a", "abbr", "b", "big", "cite", "code", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "figure",
    ]

    private static let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// libxml2's `htmlStartClose` pairs (current element → start tags closing it), limited
    /// to the elements known here.
    private static let closing: [String: Set<String>] = [
        "a": ["a", "table", "td", "th"],
        "address": ["dd", "dl", "dt", "li", "ul"],
        "b": ["center", "p", "td", "th"], "i": ["center", "p", "td", "th"], "u": ["p", "td", "th"],
        "font": ["center", "td", "th"], "span": ["td", "th"],
        "big": ["p"], "s": ["p"], "small": ["p"], "strike": ["p"], "tt": ["p"],
        "dd": ["dt"], "dl": ["li"], "dt": ["dd", "dl"],
        "h1": ["li", "p", "table"], "h2": ["li", "p", "table"], "h3": ["li", "p", "table"], "h4": ["li", "p", "table"],
        "h5": ["li", "p", "table"], "h6": ["li", "p", "table"],
        "li": ["li"],
        "p": headings.union([
            "address", "blockquote", "caption", "center", "dd", "div", "dl", "dt", "hr", "li", "ol", "p", "pre", "table",
            "tbody", "td", "tfoot", "th", "tr", "ul",
        ]),
        "pre": ["dd", "dl", "dt", "li", "table", "ul"],
        "ul": ["address", "pre"],
        "caption": ["tbody", "tfoot", "thead", "tr"],
        "tbody": ["tbody", "tfoot"], "tfoot": ["tbody"], "thead": ["tbody", "tfoot"], "tr": ["tbody", "tfoot", "tr"],
        "td": ["tbody", "td", "tfoot", "th", "tr"], "th": ["tbody", "td", "tfoot", "th", "tr"],
    ]

    static let table: [String: Info] = {
        var table: [String: Info] = [:]
        let voids: Set<String> = ["br", "hr", "img"]
        for name in Array(blocks) + inline + ["br", "img"] {
            table[name] = Info(
                name: name, isBlock: blocks.contains(name), isVoid: voids.contains(name),
                isDropped: HTMLContentExtractor.droppedTags.contains(name) || HTMLContentExtractor.furnitureTags.contains(name),
                closedBy: closing[name] ?? [])
        }
        return table
    }()

    /// The attributes `HTMLContentExtractor` reads to drop an element (hidden, styled away,
    /// a furniture role, furniture class or id hints).
    static let junkAttributes: Set<String> = ["hidden", "aria-hidden", "style", "role", "itemprop", "class", "id"]

    /// Whether the extractor's pruning drops an element with these attributes: asked of
    /// the extractor itself, on a one-element tree.
    static func isJunk(_ name: String, attributes: [String: String]) -> Bool {
        let parent = MarkupNode(kind: .element, name: "div")
        let node = MarkupNode(kind: .element, name: name)
        node.attributes = attributes
        node.parent = parent
        parent.children = [node]
        HTMLContentExtractor.prune(parent)
        return parent.children.isEmpty
    }
}
