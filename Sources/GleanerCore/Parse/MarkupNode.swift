import CLibXML2

/// An element or text node of a parsed HTML or XML document, copied out of libxml2's tree so
/// the C document can be freed at once and the readers work on plain Swift values. Owns its
/// children; lives only for the parse of one input, on the calling thread.
///
/// Its stored properties skip the runtime's exclusivity checks (`@exclusivity(unchecked)`):
/// every tree walk reads `children` and `parent` of every node, a node is only ever used on
/// one thread within one parse, and no access to a node overlaps another; the checks were a
/// twentieth of the extraction's time.
final class MarkupNode {
    enum Kind { case element, text }

    let kind: Kind
    /// Lowercased local name for elements (`encoded` for `content:encoded`); empty for text.
    let name: String
    /// The namespace URI of an XML element, when it has one.
    let namespace: String?
    /// Attributes by lowercased name (a namespaced one keeps its prefix: `xml:lang`), in
    /// document order, a repeated name holding its last value. A short array rather than a
    /// dictionary: elements have a few attributes, and a hash table per element plus hashing
    /// on every lookup showed in the extraction profile.
    @exclusivity(unchecked)
    private var attributeList: [(name: String, value: String)] = [] {
        didSet { cachedHints = nil }
    }
    /// `hints`, once asked for: the extractor and the metadata finders each test an element's
    /// class and id (and its ancestors' again for every candidate), so they are lowercased once.
    @exclusivity(unchecked)
    private var cachedHints: [UInt8]?
    @exclusivity(unchecked)
    var children: [MarkupNode] = []
    /// The elements below, in document order, while `withElementIndex` runs.
    @exclusivity(unchecked)
    private var elementIndex: [MarkupNode]?
    /// A text node's `NodeTextStats` measure (characters, commas) once taken, -1 before: the
    /// text never changes, and a page's text is measured for each pruning pass.
    @exclusivity(unchecked)
    var measuredLength: Int32 = -1
    @exclusivity(unchecked)
    var measuredCommas: Int32 = 0
    /// Where the latest `NodeTextStats` that measured this element keeps its measure.
    @exclusivity(unchecked)
    var statsSlot = -1
    /// The text of a text node (entities already decoded by libxml2).
    let text: String
    /// Unowned, not weak: a parent owns its children and outlives them while a tree is read,
    /// and a weak reference costs every node a side-table allocation (a tenth of a feed's
    /// parse). A child used after its tree was dropped traps instead of reading freed memory.
    @exclusivity(unchecked)
    unowned var parent: MarkupNode?

    init(kind: Kind, name: String, namespace: String? = nil, text: String = "") {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.text = text
    }

    subscript(attribute: String) -> String? {
        for entry in attributeList where entry.name == attribute { return entry.value }
        return nil
    }

    /// Sets an attribute, replacing the value of one of the same name.
    func setAttribute(_ name: String, _ value: String) {
        if let index = attributeList.firstIndex(where: { $0.name == name }) {
            attributeList[index].value = value
        } else {
            attributeList.append((name, value))
        }
    }

    func reserveAttributes(_ count: Int) { attributeList.reserveCapacity(count) }

    /// Adds an attribute the element does not have yet (the caller knows names do not repeat).
    func appendAttribute(_ name: String, _ value: String) {
        attributeList.append((name, value))
    }

    /// The attributes as a dictionary (for trees built by hand).
    var attributes: [String: String] {
        get { Dictionary(attributeList, uniquingKeysWith: { $1 }) }
        set { attributeList = newValue.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    /// The class and id, lowercased, as bytes ("" when the element has neither): what the
    /// class/id hint tests match keywords in (`KeywordMatcher.hints(of:)`).
    var hints: [UInt8] {
        if let cachedHints { return cachedHints }
        let classes = self["class"], id = self["id"]
        let hints = classes == nil && id == nil ? [] : KeywordMatcher.lowercasedBytes((classes ?? "") + " " + (id ?? ""))
        cachedHints = hints
        return hints
    }

    var elements: [MarkupNode] { children.filter { $0.kind == .element } }

    func firstChild(_ name: String) -> MarkupNode? {
        children.first { $0.kind == .element && $0.name == name }
    }

    func children(_ name: String) -> [MarkupNode] {
        children.filter { $0.kind == .element && $0.name == name }
    }

    /// Every element below this one, depth first, in document order.
    func descendants(where predicate: (MarkupNode) -> Bool) -> [MarkupNode] {
        if let elementIndex { return elementIndex.filter(predicate) }
        var found: [MarkupNode] = []
        var stack: [MarkupNode] = []
        stack.pushReversed(children)
        while let node = stack.popLast() {
            guard node.kind == .element else { continue }
            if predicate(node) { found.append(node) }
            stack.pushReversed(node.children)
        }
        return found
    }

    /// Runs `body` with every element below this one listed once, in document order, so each
    /// `descendants(where:)` asked of this node in the meantime filters that list instead of
    /// walking the tree again: the metadata finders ask a dozen such questions of a page's
    /// root. The tree must not change while `body` runs.
    /// `elements`, when given, is that list already made (by the parse); a call inside
    /// another uses the outer one's list.
    func withElementIndex<T>(_ listed: [MarkupNode]? = nil, _ body: () throws -> T) rethrows -> T {
        if elementIndex != nil { return try body() }
        if let listed {
            elementIndex = listed
            defer { elementIndex = nil }
            return try body()
        }
        var elements: [MarkupNode] = []
        var stack: [MarkupNode] = []
        stack.pushReversed(children)
        while let node = stack.popLast() {
            guard node.kind == .element else { continue }
            elements.append(node)
            stack.pushReversed(node.children)
        }
        elementIndex = elements
        defer { elementIndex = nil }
        return try body()
    }

    /// Whether an `<a>` element encloses this one.
    var isInsideLink: Bool {
        var ancestor = parent
        while let node = ancestor {
            if node.name == "a" { return true }
            ancestor = node.parent
        }
        return false
    }

    /// All text below this node, concatenated (not normalized).
    var textContent: String {
        if kind == .text { return text }
        var parts: [String] = []
        var stack: [MarkupNode] = [self]
        while let node = stack.popLast() {
            if node.kind == .text { parts.append(node.text) } else { stack.pushReversed(node.children) }
        }
        return parts.joined()
    }

    /// The text below this node on one line, whitespace collapsed.
    var cleanText: String { TextNormalizer.inline(textContent) }
}

extension Array where Element == MarkupNode {
    /// Appends `nodes` last first, so popping gives them in document order. An index loop:
    /// `append(contentsOf: reversed())` takes the generic copying path, and the tree walks run
    /// for every element of every page.
    mutating func pushReversed(_ nodes: [MarkupNode]) {
        var index = nodes.count
        while index > 0 {
            index -= 1
            append(nodes[index])
        }
    }
}

/// Reads HTML and XML through libxml2 into `MarkupNode` trees: a page from the parser's events
/// (`HTMLTreeBuilder`), an XML element (Atom XHTML content) by copying libxml2's tree. The
/// libxml2 document is always freed before returning. Network access and entity loading are off.
enum MarkupReader {
    /// Parses HTML given as text (passed to libxml2 as UTF-8, whatever the page declares).
    static func html(_ text: String, url: String?, cuttingRawText: Bool = true) -> MarkupNode? {
        htmlPage(text, url: url, cuttingRawText: cuttingRawText)?.root
    }

    /// `html`, with every element below the root in document order (as `withElementIndex`
    /// lists them), known from the parse.
    static func htmlPage(_ text: String, url: String?, cuttingRawText: Bool = true) -> (root: MarkupNode, elements: [MarkupNode])? {
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
        var copy = text.isEmpty ? " " : text
        return copy.withUTF8 { HTMLTreeBuilder.parse($0, url: url, options: options, cuttingRawText: cuttingRawText) }
    }

    /// How every XML input (a feed, `FeedDocument`) is parsed: recovering from errors, quietly, without network or
    /// encoding switches, CDATA read as text.
    static let xmlOptions = Int32(
        XML_PARSE_RECOVER.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NONET.rawValue
            | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue)

    /// Deeper nesting than this is flattened away: no real article needs it, and it bounds
    /// the recursion.
    static let maxDepth = 400

    /// A libxml2 name lowercased; names are nearly always lowercase ASCII already, and
    /// Unicode lowercasing each one showed in the parse profile.
    static func lowercased(_ name: UnsafePointer<xmlChar>) -> String {
        let text = String(cString: name)
        guard text.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) else { return text }
        return text.lowercased()
    }

    /// `(value ?? "").lowercased() == key` for a lowercase ASCII `key`, folding ASCII bytes in
    /// place of Unicode lowercasing a copy (the finders ask it of every element's attributes).
    static func equalsLowercased(_ value: String?, _ key: StaticString) -> Bool {
        guard let value else { return key.utf8CodeUnitCount == 0 }
        let utf8 = value.utf8
        guard utf8.count == key.utf8CodeUnitCount else {
            // Unicode lowercasing may change the length of non-ASCII text.
            return utf8.contains { $0 >= 0x80 } && value.lowercased() == key.description
        }
        var i = 0
        for byte in utf8 {
            if byte >= 0x80 { return value.lowercased() == key.description }
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if folded != key.utf8Start[i] { return false }
            i += 1
        }
        return true
    }

    static func convert(_ pointer: xmlNodePtr, depth: Int) -> MarkupNode {
        let raw = pointer.pointee
        let name = raw.name.map(lowercased) ?? ""
        let namespace = raw.ns?.pointee.href.map { String(cString: $0) }
        let node = MarkupNode(kind: .element, name: name, namespace: namespace)
        var attr = raw.properties
        while let a = attr {
            if let attrName = a.pointee.name.map(lowercased) {
                let prefix = a.pointee.ns?.pointee.prefix.map(lowercased)
                var value = ""
                var child = a.pointee.children
                while let c = child {
                    if let content = c.pointee.content { value += String(cString: content) }
                    child = c.pointee.next
                }
                node.setAttribute(prefix.map { "\($0):\(attrName)" } ?? attrName, value)
            }
            attr = a.pointee.next
        }
        // Sized once: appending to an empty array grows it by doubling, a copy each time.
        var count = 0
        var child = raw.children
        while let c = child {
            let type = c.pointee.type
            if (type == XML_ELEMENT_NODE && depth < maxDepth) || ((type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE) && c.pointee.content != nil) {
                count += 1
            }
            child = c.pointee.next
        }
        node.children.reserveCapacity(count)
        child = raw.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE where depth < maxDepth:
                let converted = convert(c, depth: depth + 1)
                converted.parent = node
                node.children.append(converted)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = c.pointee.content {
                    let text = MarkupNode(kind: .text, name: "", text: String(cString: content))
                    text.parent = node
                    node.children.append(text)
                }
            default:
                break
            }
            child = c.pointee.next
        }
        return node
    }
}
