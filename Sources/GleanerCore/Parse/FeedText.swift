import Foundation

/// How feed elements become Gleaner's text: RSS titles and descriptions are HTML in practice,
/// Atom text constructs say what they are (`type` text/html/xhtml, Atom 0.3 `mode`
/// xml/escaped/base64); people in their "name (email)" / "email (name)" / "name <email>"
/// forms; dates through `DateParsing`. Stateless.
enum FeedText {
    /// An RSS-style title: HTML when it looks like markup or holds an entity, on one line.
    static func title(html node: FeedNode) -> String {
        if node.hasElements { return oneLine(htmlText(node: node)) }
        return node.withText { text in
            guard looksLikeMarkup(text) else { return TextNormalizer.inline(bytes: text) }
            return oneLine(htmlText(text))
        }
    }

    /// An RSS-style body element: inline XHTML children, or escaped HTML.
    static func html(_ node: FeedNode) -> String {
        if node.hasElements { return htmlText(node: node) }
        return node.withText { htmlText($0) }
    }

    static func atomTitle(_ node: FeedNode) -> String { oneLine(atomBody(node)) }

    /// An Atom 0.3/1.0 text construct as a body.
    static func atomBody(_ node: FeedNode) -> String {
        let type = (node.attribute("type") ?? "text").lowercased()
        let mode = node.attribute("mode")?.lowercased()
        // Atom 0.3 says base64 with `mode`; Atom 1.0 with a media type that is neither text nor XML.
        let isXMLType = type.hasSuffix("xml") || type == "xhtml"
        let base64 = mode == "base64" || (has(type, "/") && !type.hasPrefix("text/") && !isXMLType)
        if base64 {
            let compact = node.text.filter { !$0.isWhitespace }
            let raw = Data(base64Encoded: compact).flatMap { String(data: $0, encoding: .utf8) } ?? ""
            return looksLikeMarkup(raw) ? htmlText(raw) : TextNormalizer.bodyFromText(raw)
        }
        if mode != "escaped", node.hasElements {
            // Inline markup (Atom 1.0 xhtml's div, Atom 0.3 mode="xml").
            return htmlText(node: node)
        }
        return node.withText { raw in
            let isHTML = mode == "escaped" || type == "html" || has(type, "html") || (isXMLType && looksLikeMarkup(raw))
            return isHTML ? htmlText(raw) : TextNormalizer.bodyFromText(bytes: raw)
        }
    }

    /// HTML (a fragment) as text, the way every feed field is converted: every paragraph is
    /// kept (links, short lines), since in a feed it is the publisher's own text.
    static func htmlText(_ html: String) -> String {
        var html = html
        return html.withUTF8 { htmlText($0) }
    }

    /// `htmlText` of valid UTF-8, such as a feed element's text straight from libxml2.
    static func htmlText(_ html: UnsafeBufferPointer<UInt8>) -> String {
        // Text with no tag and no reference is one paragraph whatever an HTML parser makes of
        // it; most titles and many summaries are, and a libxml2 document for each costs more
        // than the rest of the item.
        if isPlainText(html) { return TextNormalizer.inline(bytes: html) }
        // Most item content is simple, well-nested HTML, written as text in one pass.
        if let text = FeedFragmentText.text(html) { return text }
        // The same repairs as the feed's XML: `&#146;` means Windows-1252's ’, not U+0092.
        let string = String(decoding: html, as: UTF8.self)
        return HTMLContentExtractor.text(ofFragment: FeedEntities.numericHTMLEntities(in: string), keepingEveryParagraph: true)
    }

    /// Whether an HTML parser would read text as one text node, unchanged: no `<` or `&`, and
    /// none of the characters XML/HTML parsers reject or alter (C0 controls other than tab
    /// and line breaks; U+FFFE and U+FFFF, UTF-8 EF BF BE/BF).
    static func isPlainText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isPlainText($0) }
    }

    static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterEFBF = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"), UInt8(ascii: "&"):
                return false
            case 0x09, 0x0A, 0x0D:
                afterEFBF = 0
            case 0..<0x20:
                return false
            case 0xEF:
                afterEFBF = 1
            case 0xBF where afterEFBF == 1:
                afterEFBF = 2
            case 0xBE, 0xBF:
                if afterEFBF == 2 { return false }
                afterEFBF = 0
            default:
                afterEFBF = 0
            }
        }
        return true
    }

    /// Inline markup as text: the element copied out of libxml2's document into the
    /// `MarkupNode` tree the extractor reads (and prunes; the feed's own document stays whole
    /// for the fields read after it — an unclosed title can hold the items that follow it).
    static func htmlText(node: FeedNode) -> String {
        HTMLContentExtractor.text(of: MarkupReader.convert(node.pointer, depth: node.depth), keepingEveryParagraph: true)
    }

    /// Whether text holds a tag or an entity reference (so it is HTML, not literal text).
    static func looksLikeMarkup(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { looksLikeMarkup($0) }
    }

    static func looksLikeMarkup(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) else { return false }
        for i in 0..<bytes.count {
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if bytes[i] == UInt8(ascii: "<"), next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                || (next | 0x20 >= UInt8(ascii: "a") && next | 0x20 <= UInt8(ascii: "z"))
            {
                return true
            }
            if bytes[i] == UInt8(ascii: "&"), let semicolon = bytes[(i + 1)...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
                semicolon > i + 1
            {
                return true
            }
        }
        return false
    }

    static func oneLine(_ body: String) -> String { TextNormalizer.inline(body) }

    /// A person's name from "Name (email)", "email (Name)", "Name <email>", or the text itself.
    static func personName(_ raw: String) -> String? {
        let text = TextNormalizer.inline(raw)
        guard !text.isEmpty else { return nil }
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let outside = text[..<open].trimmingCharacters(in: .whitespaces)
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
            if outside.contains("@"), !inside.isEmpty { return inside }
            if inside.contains("@"), !outside.isEmpty { return outside }
        }
        if text.hasSuffix(">"), let open = text.lastIndex(of: "<") {
            let outside = text[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            if !outside.isEmpty { return outside }
        }
        return text
    }

    /// The date of the first of `names` (in that order) that the node has; when an element
    /// is repeated, the last valid value wins, as in feedparser.
    static func firstDate(_ node: FeedNode, _ names: [StaticString]) -> Date? {
        let elements = Array(node.elements)
        for name in names {
            for child in elements.reversed() where child.isNamed(name) {
                if let date = DateParsing.parse(clean(child)) { return date }
            }
        }
        return nil
    }

    /// The `xml:lang` in effect at a node.
    static func language(of node: FeedNode) -> String? {
        var current: FeedNode? = node
        while let element = current {
            if let lang = element.attribute("lang", prefix: "xml") { return nonEmpty(lang) }
            current = element.parent
        }
        return nil
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// `text.contains(needle)` (Foundation's search), answered on the bytes when both are
    /// ASCII, where the two agree: media types and ids are checked on every entry.
    static func has(_ text: String, _ needle: StaticString) -> Bool {
        let target = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var text = text
        let answer: Bool? = text.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            guard bytes.count >= target.count else { return false }
            for start in 0...(bytes.count - target.count) where bytes[start] == target[0] {
                var k = 1
                while k < target.count, bytes[start + k] == target[k] { k += 1 }
                if k == target.count { return true }
            }
            return false
        }
        return answer ?? text.contains(needle.description)
    }

    /// The node's text on one line (`MarkupNode.cleanText`).
    static func clean(_ node: FeedNode) -> String { node.cleanText }

    static func unique(_ terms: [String]) -> [String] {
        terms.reduce(into: []) { list, term in
            let clean = TextNormalizer.inline(term)
            if !clean.isEmpty, !list.contains(clean) { list.append(clean) }
        }
    }
}
