import CLibXML2

/// An element of a feed's libxml2 document, read in place: the feed readers look at a few
/// dozen elements of each item and at the text of one or two, so copying every node and every
/// text of the document into a `MarkupNode` tree first cost more than libxml2's parse itself.
///
/// A borrowed pointer: valid only inside `FeedDocument.read`, which frees the document after
/// its body returns. It answers as `MarkupNode` does for the same document — names and
/// attribute names lowercased, only element, text and CDATA children counted, entity
/// references skipped — so every reader's output is unchanged.
struct FeedNode {
    let pointer: xmlNodePtr

    /// Whether the local name is `name` (given in lowercase), compared without allocating.
    func isNamed(_ name: StaticString) -> Bool {
        guard let own = pointer.pointee.name else { return false }
        return Self.equalsLowercased(own, name)
    }

    /// Whether the element is in no namespace.
    var hasNoNamespace: Bool { pointer.pointee.ns?.pointee.href == nil }

    /// Whether the element is in the namespace `uri` (compared exactly, as URIs are).
    func isIn(_ uri: StaticString) -> Bool {
        guard let href = pointer.pointee.ns?.pointee.href else { return false }
        return Self.equals(href, uri)
    }

    /// Whether the element is in the namespace of `other` (both in none counts).
    func sharesNamespace(with other: FeedNode) -> Bool {
        let mine = pointer.pointee.ns?.pointee.href
        let theirs = other.pointer.pointee.ns?.pointee.href
        guard let mine, let theirs else { return mine == nil && theirs == nil }
        return xmlStrEqual(mine, theirs) != 0
    }

    /// The value of the attribute `name` (lowercase), with `prefix` its namespace prefix as the
    /// document wrote it (`xml` of `xml:lang`); the last one wins when the case-folded names
    /// repeat, as in `MarkupNode`.
    func attribute(_ name: StaticString, prefix: StaticString? = nil) -> String? {
        var found: xmlAttrPtr?
        var attribute = pointer.pointee.properties
        while let a = attribute {
            if let own = a.pointee.name, Self.equalsLowercased(own, name) {
                let ownPrefix = a.pointee.ns?.pointee.prefix
                let matches: Bool
                if let prefix {
                    matches = ownPrefix.map { Self.equalsLowercased($0, prefix) } ?? false
                } else {
                    matches = ownPrefix == nil
                }
                if matches { found = a }
            }
            attribute = a.pointee.next
        }
        guard let found else { return nil }
        var value = ""
        var child = found.pointee.children
        while let c = child {
            if let content = c.pointee.content { value += String(cString: content) }
            child = c.pointee.next
        }
        return value
    }

    /// The enclosing element; nil at the root.
    var parent: FeedNode? {
        guard let up = pointer.pointee.parent, up.pointee.type == XML_ELEMENT_NODE else { return nil }
        return FeedNode(pointer: up)
    }

    /// How many elements enclose this one.
    var depth: Int {
        var count = 0
        var node = parent
        while let current = node {
            count += 1
            node = current.parent
        }
        return count
    }

    /// The child elements, in document order.
    var elements: FeedElements { FeedElements(first: pointer.pointee.children) }

    func firstChild(_ name: StaticString) -> FeedNode? { elements.first { $0.isNamed(name) } }

    func children(_ name: StaticString) -> [FeedNode] { elements.filter { $0.isNamed(name) } }

    var hasElements: Bool { elements.contains { _ in true } }

    /// Every element below this one, depth first, in document order.
    func descendants(where predicate: (FeedNode) -> Bool) -> [FeedNode] {
        var found: [FeedNode] = []
        var stack: [FeedNode] = []
        stack.append(contentsOf: elements.reversed())
        while let node = stack.popLast() {
            if predicate(node) { found.append(node) }
            stack.append(contentsOf: node.elements.reversed())
        }
        return found
    }

    /// All text below this element, concatenated (`MarkupNode.textContent`), handed to `body`
    /// as UTF-8 without a copy when the element holds a single text node, as most feed fields do.
    func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let only = singleTextChild, let content = only.pointee.content {
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        var bytes: [UInt8] = []
        appendText(to: &bytes)
        return bytes.withUnsafeBufferPointer(body)
    }

    /// `withText` as a string.
    var text: String { withText { String(decoding: $0, as: UTF8.self) } }

    /// The text on one line, whitespace collapsed (`MarkupNode.cleanText`).
    var cleanText: String { withText { TextNormalizer.inline(bytes: $0) } }

    /// The element's only child when it is a text or CDATA node (other kinds of child —
    /// comments, processing instructions, entity references — are not children here).
    private var singleTextChild: xmlNodePtr? {
        var only: xmlNodePtr?
        var child = pointer.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                return nil
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if c.pointee.content != nil {
                    if only != nil { return nil }
                    only = c
                }
            default:
                break
            }
            child = c.pointee.next
        }
        return only
    }

    private func appendText(to bytes: inout [UInt8]) {
        var stack: [xmlNodePtr] = []
        var child = pointer.pointee.children
        while true {
            while let c = child {
                switch c.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = c.pointee.content {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                    }
                case XML_ELEMENT_NODE:
                    if let first = c.pointee.children {
                        // Come back to `c`'s next sibling after its subtree.
                        stack.append(c)
                        child = first
                        continue
                    }
                default:
                    break
                }
                child = c.pointee.next
            }
            guard let resume = stack.popLast() else { return }
            child = resume.pointee.next
        }
    }

    /// C string equal to a static ASCII string.
    private static func equals(_ c: UnsafePointer<xmlChar>, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        let bytes = s.utf8Start
        for k in 0..<count where c[k] != bytes[k] { return false }
        return c[count] == 0
    }

    /// C string equal, ASCII letters folded to lowercase, to a lowercase static string.
    private static func equalsLowercased(_ c: UnsafePointer<xmlChar>, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        let bytes = s.utf8Start
        for k in 0..<count {
            let byte = c[k]
            let folded = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if folded != bytes[k] { return false }
        }
        return c[count] == 0
    }
}

/// The element children of a libxml2 node, walked along its `next` links.
struct FeedElements: Sequence, IteratorProtocol {
    private var upcoming: xmlNodePtr?

    init(first: xmlNodePtr?) { upcoming = first }

    mutating func next() -> FeedNode? {
        while let current = upcoming {
            upcoming = current.pointee.next
            if current.pointee.type == XML_ELEMENT_NODE { return FeedNode(pointer: current) }
        }
        return nil
    }
}

/// A feed's libxml2 document for the time one reading of it takes.
enum FeedDocument {
    /// Parses XML given as UTF-8 bytes (recovering from errors, no network, no entity
    /// substitution) and hands its root element to `body`; the document is freed when `body`
    /// returns. Nil when libxml2 gives no document or no root element.
    static func read<R>(_ utf8: UnsafeBufferPointer<UInt8>, url: String?, _ body: (FeedNode) -> R) -> R? {
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return nil }
        let doc = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
            xmlReadMemory($0, Int32(clamping: utf8.count), url, "UTF-8", MarkupReader.xmlOptions)
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        return body(FeedNode(pointer: root))
    }
}
