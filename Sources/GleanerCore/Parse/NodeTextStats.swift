/// Text measures of every element of a page, computed once bottom-up: how much text an
/// element holds, how much of it is link text, how many commas. The scorer asks these of
/// every candidate container; computing each from its subtree again made the extractor
/// quadratic in the page's depth. Lives for one extraction, on the calling thread.
struct NodeTextStats {
    struct Measure {
        /// Characters of text, runs of spaces counted as one (Unicode scalars, not graphemes).
        var length = 0
        /// Characters inside links (an `<a>` wrapping blocks is no link: libxml2 nests
        /// the page into an unclosed one).
        var linked = 0
        var commas = 0
        /// Characters in blocks of prose below (paragraphs of 70 or more characters, few links).
        var prose = 0
        /// How many such blocks of prose there are below.
        var proseBlocks = 0

        var linkDensity: Double { length > 0 ? min(1, Double(linked) / Double(length)) : 0 }
    }

    /// The measures in the order taken, each with its element's identity; an element keeps
    /// the index of its entry (`MarkupNode.statsSlot`), so a lookup reads the entry instead of
    /// hashing into a dictionary (which showed in the profile).
    private var entries: [(id: ObjectIdentifier, measure: Measure)] = []
    /// Lookups whose slot points elsewhere: an element this instance did not measure, or one
    /// that a later instance measured too (its slot now points into that one's entries).
    private let others = Others()

    private final class Others {
        var index: [ObjectIdentifier: Int]?
    }

    init(_ root: MarkupNode) {
        entries.reserveCapacity(1024)
        // Post-order without recursion: a node is measured after all its children.
        var stack: [(MarkupNode, Bool)] = [(root, false)]
        while let (node, visited) = stack.popLast() {
            if node.kind == .text { continue }
            if !visited {
                stack.append((node, true))
                for child in node.children where child.kind == .element { stack.append((child, false)) }
                continue
            }
            var measure = Measure()
            for child in node.children {
                if child.kind == .text {
                    if child.measuredLength < 0 {
                        let (length, commas) = Self.measure(child.text)
                        child.measuredLength = Int32(clamping: length)
                        child.measuredCommas = Int32(clamping: commas)
                    }
                    measure.length += Int(child.measuredLength)
                    measure.commas += Int(child.measuredCommas)
                } else if let inner = slotMeasure(child) {
                    measure.length += inner.length
                    measure.linked += inner.linked
                    measure.commas += inner.commas
                    measure.prose += inner.prose
                    measure.proseBlocks += inner.proseBlocks
                }
            }
            if node.name == "a" {
                measure.linked = HTMLContentExtractor.hasBlockChild(node) && !Self.isCard(measure) ? 0 : measure.length
            }
            if Self.proseTags.contains(node.name) || (node.name == "div" && !HTMLContentExtractor.hasBlockChild(node)),
                measure.length >= 70, measure.linked * 10 < measure.length * 3
            {
                measure.prose = measure.length
                measure.proseBlocks = 1
            }
            node.statsSlot = entries.count
            entries.append((ObjectIdentifier(node), measure))
        }
    }

    /// Most text a link holding blocks can have and still be a card (a teaser: picture,
    /// heading, lead) rather than libxml2 nesting the page into an unclosed `<a>`.
    static let cardLimit = 400

    /// Whether a link holding blocks, measured so, is a card: short (`cardLimit`), or a
    /// teaser's heading with a single lead paragraph of some length (a podcast's or a
    /// programme's blurb). libxml2 nesting the page into an unclosed `<a>` gives it several.
    static func isCard(_ measure: Measure) -> Bool {
        measure.length <= cardLimit || (measure.proseBlocks <= 1 && measure.length <= 1000)
    }

    private static let proseTags: Set<String> = ["p", "pre", "td", "blockquote", "li", "dd"]

    subscript(node: MarkupNode) -> Measure { ownMeasure(node) ?? Measure() }

    /// The measure this instance took of `node`, when its slot still says so (a later
    /// instance that measured it too has the slot); nil otherwise, without building the
    /// lookup table `subscript` falls back on.
    func measureIfTaken(_ node: MarkupNode) -> Measure? { slotMeasure(node) }

    /// The measure `node`'s slot holds in this instance (while measuring, a child's slot is
    /// always this instance's).
    private func slotMeasure(_ node: MarkupNode) -> Measure? {
        let slot = node.statsSlot
        return slot >= 0 && slot < entries.count && entries[slot].id == ObjectIdentifier(node) ? entries[slot].measure : nil
    }

    /// The measure this instance took of `node`, nil when it took none.
    private func ownMeasure(_ node: MarkupNode) -> Measure? {
        if let measure = slotMeasure(node) { return measure }
        if others.index == nil {
            var index: [ObjectIdentifier: Int] = [:]
            index.reserveCapacity(entries.count)
            for (at, entry) in entries.enumerated() { index[entry.id] = at }
            others.index = index
        }
        return others.index?[ObjectIdentifier(node)].map { entries[$0].measure }
    }

    /// Scalars of a text node with space runs counted once, and its commas (ASCII and CJK `，`).
    private static func measure(_ text: String) -> (Int, Int) {
        var length = 0
        var commas = 0
        var inSpace = true
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            defer { beforePrevious = previous; previous = byte }
            if byte & 0xC0 == 0x80 {
                // U+00A0 (C2 A0) is a space: its lead byte was counted as a character.
                if previous == 0xC2 && byte == 0xA0 {
                    length -= 1
                    if !inSpace { length += 1; inSpace = true }
                } else if previous == 0xC2 {
                    inSpace = false
                }
                if beforePrevious == 0xEF && previous == 0xBC && byte == 0x8C { commas += 1 }
                continue
            }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !inSpace { length += 1; inSpace = true }
            } else {
                length += 1
                if byte == 0x2C { commas += 1 }
                if byte != 0xC2 { inSpace = false }
            }
        }
        return (length, commas)
    }
}
