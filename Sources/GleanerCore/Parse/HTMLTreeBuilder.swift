import CLibXML2
import Foundation

/// Builds a page's `MarkupNode` tree from libxml2's HTML parser events (SAX) as they come,
/// so libxml2 never builds a tree of its own only for it to be copied and freed: that
/// tree's nodes, attribute nodes and string copies, its freeing, and the copy walk were a
/// third of a page's extraction. Makes of the events exactly what libxml2's own tree
/// builder (SAX2) and the copy made of them together: adjacent text joined into one node
/// (a comment between two runs of text keeps them apart), a `<script>` or `<style>` body
/// one node, `prefix:name` elements named by their local part, value-less boolean
/// attributes valued by their name, elements a misplaced `<html>` opens after the root
/// nested into the root when it is the document's first node, and nothing kept deeper than
/// `MarkupReader.maxDepth`. Lives for one parse, on the calling thread (its state skips the
/// runtime's exclusivity checks: every parse event touches it, and no access overlaps another).
final class HTMLTreeBuilder {
    /// The document's first element.
    @exclusivity(unchecked)
    private(set) var root: MarkupNode?

    /// Every element of the root's tree below the root, in document order (the order they
    /// open in): the metadata finders' element index, without a walk of the tree.
    @exclusivity(unchecked)
    private(set) var elements: [MarkupNode] = []

    /// An element the parser holds open; `node` is nil for one that is not kept (too deep,
    /// or outside the root's tree). Its children so far are `pending[firstChild...]`.
    private struct Open {
        var node: MarkupNode?
        var depth: Int
        var firstChild: Int
    }

    /// The children of the open elements, each element's after its parent's, handed to the
    /// element as one array of the right size when it closes: appending to each element's
    /// own array grew it a copy at a time.
    @exclusivity(unchecked)
    private var pending: [MarkupNode] = []

    /// Mirrors the parser's stack of open element names (`nameTab`): the parser may drop its
    /// top without an end event (a start tag cut short), which `sync` catches up with.
    @exclusivity(unchecked)
    private var open: [Open] = []
    /// The text or script body arriving for the innermost open element, joined until
    /// something else comes between.
    @exclusivity(unchecked)
    private var run: [UInt8] = []
    /// Whether a run was begun (an empty one still makes a node, as in libxml2's tree).
    @exclusivity(unchecked)
    private var runOpen = false
    @exclusivity(unchecked)
    private var runIsScript = false
    /// A comment or processing instruction came before the root, so the root is not the
    /// document's first node: a second top-level element is then its sibling, not its child.
    @exclusivity(unchecked)
    private var nodeBeforeRoot = false

    /// How many elements libxml2's tree builder holds open at most (xmlParserMaxDepth).
    private static let maxOpenElements = 256

    /// libxml2 refuses to grow one text node past this without `XML_PARSE_HUGE`
    /// (XML_MAX_TEXT_LENGTH) and stops the parse.
    private static let maxTextLength = 10_000_000

    /// The script and style bodies cut out of what libxml2 reads (`RawTextBodies`), and the
    /// page they are in: each is put back when libxml2 opens its element just before the cut.
    private let page: UnsafeBufferPointer<UInt8>
    private let cuts: [RawTextBodies.Cut]
    @exclusivity(unchecked)
    private var nextCut = 0
    /// A cut libxml2 did not open a script or style element at: the tree is not the page's.
    @exclusivity(unchecked)
    private var cutMissed = false

    private init(page: UnsafeBufferPointer<UInt8>, cuts: [RawTextBodies.Cut]) {
        self.page = page
        self.cuts = cuts
    }

    /// Parses `bytes` (UTF-8) and returns the root element with the elements below it in
    /// document order, nil when there is no root.
    /// `cuttingRawText: false` gives libxml2 the whole page (the tests compare the two ways).
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, url: String?, options: Int32, cuttingRawText: Bool = true
    ) -> (root: MarkupNode, elements: [MarkupNode])? {
        let bodies = cuttingRawText ? RawTextBodies(bytes) : RawTextBodies()
        if !bodies.cuts.isEmpty {
            let built = bodies.shortened.withUnsafeBufferPointer { shortened in
                build(shortened, page: bytes, cuts: bodies.cuts, url: url, options: options)
            }
            if built.cutsClaimed { return built.tree }
        }
        return build(bytes, page: bytes, cuts: [], url: url, options: options).tree
    }

    private static func build(
        _ bytes: UnsafeBufferPointer<UInt8>, page: UnsafeBufferPointer<UInt8>, cuts: [RawTextBodies.Cut], url: String?, options: Int32
    ) -> (tree: (root: MarkupNode, elements: [MarkupNode])?, cutsClaimed: Bool) {
        guard let ctxt = htmlNewParserCtxt() else { return (nil, true) }
        defer { htmlFreeParserCtxt(ctxt) }
        let builder = HTMLTreeBuilder(page: page, cuts: cuts)
        // Only the tree building events change hands; the document, doctype and error
        // handlers stay libxml2's (the parser reads the doctype back from its document).
        guard let sax = ctxt.pointee.sax else { return (nil, true) }
        sax.pointee.startElement = { ctx, name, atts in
            guard let ctx, let name else { return }
            HTMLTreeBuilder.of(ctx).startElement(ctx, name, atts)
        }
        sax.pointee.endElement = { ctx, _ in
            guard let ctx else { return }
            HTMLTreeBuilder.of(ctx).endElement(ctx)
        }
        sax.pointee.characters = { ctx, text, length in
            guard let ctx, let text else { return }
            HTMLTreeBuilder.of(ctx).characters(ctx, text, Int(length), script: false)
        }
        sax.pointee.cdataBlock = { ctx, text, length in
            guard let ctx, let text else { return }
            HTMLTreeBuilder.of(ctx).characters(ctx, text, Int(length), script: true)
        }
        // libxml2's own handler for blanks it deems ignorable adds nothing either.
        sax.pointee.ignorableWhitespace = { _, _, _ in }
        sax.pointee.comment = { ctx, _ in
            guard let ctx else { return }
            HTMLTreeBuilder.of(ctx).otherNode(ctx)
        }
        sax.pointee.processingInstruction = { ctx, _, _ in
            guard let ctx else { return }
            HTMLTreeBuilder.of(ctx).otherNode(ctx)
        }
        ctxt.pointee._private = Unmanaged.passUnretained(builder).toOpaque()
        let doc = withExtendedLifetime(builder) {
            bytes.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(clamping: chars.count), url, "UTF-8", options)
            }
        }
        if let doc { xmlFreeDoc(doc) }
        builder.flush()
        // Elements still open when the parse ended (halted early) close here.
        while let element = builder.open.popLast() { builder.close(element) }
        return (builder.root.map { ($0, builder.elements) }, !builder.cutMissed && builder.nextCut == cuts.count)
    }

    private static func of(_ ctx: UnsafeMutableRawPointer) -> HTMLTreeBuilder {
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<HTMLTreeBuilder>.fromOpaque(ctxt.pointee._private).takeUnretainedValue()
    }

    private static func nameDepth(_ ctx: UnsafeMutableRawPointer) -> Int {
        Int(ctx.assumingMemoryBound(to: xmlParserCtxt.self).pointee.nameNr)
    }

    /// Drops the open elements the parser dropped without an end event, so that `count`
    /// remain.
    private func sync(to count: Int) {
        guard open.count > count else { return }
        flush()
        while open.count > max(count, 0) { close(open.removeLast()) }
    }

    /// Gives a closing element its children.
    private func close(_ element: Open) {
        guard element.firstChild < pending.count else { return }
        element.node?.children = Array(pending[element.firstChild...])
        pending.removeSubrange(element.firstChild...)
    }

    private func startElement(_ ctx: UnsafeMutableRawPointer, _ name: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        // The parser pushed the name before this event.
        sync(to: Self.nameDepth(ctx) - 1)
        flush()
        // libxml2's tree builder refuses an element below this many open ones and halts the
        // parse (xmlParserMaxDepth, without XML_PARSE_HUGE): the page ends there.
        guard open.count <= Self.maxOpenElements else {
            xmlStopParser(ctx.assumingMemoryBound(to: xmlParserCtxt.self))
            return
        }
        let node = MarkupNode(kind: .element, name: Self.localName(name))
        if var at = atts {
            // Sized once: appending to an empty array grows it a copy at a time.
            var count = 0
            while at[2 * count] != nil { count += 1 }
            node.reserveAttributes(count)
            while let attName = at.pointee {
                let value = at.successor().pointee
                // What libxml2's tree holds: a value-less boolean attribute (`checked`) has its
                // name as value, any other value-less one no text at all.
                let text = value.map { String(cString: $0) } ?? (htmlIsBooleanAttr(attName) != 0 ? String(cString: attName) : "")
                // The parser drops a repeated attribute itself (the first one stays), so each
                // name comes once and is added without looking for it first.
                node.appendAttribute(MarkupReader.lowercased(attName), text)
                at += 2
            }
        }
        var entry = Open(node: nil, depth: 0, firstChild: pending.count)
        if let parent = open.last {
            entry.depth = parent.depth + 1
            if let parentNode = parent.node, parent.depth < MarkupReader.maxDepth {
                node.parent = parentNode
                pending.append(node)
                elements.append(node)
                entry.node = node
                entry.firstChild = pending.count
            }
        } else if let root {
            // A top-level element after the root: libxml2 makes it a child of the document's
            // first node when that is the root element, a sibling (outside the tree read) when
            // a doctype, comment or processing instruction comes first.
            let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            let doctype = ctxt.pointee.myDoc.map { $0.pointee.children != nil } ?? false
            if !doctype && !nodeBeforeRoot {
                node.parent = root
                root.children.append(node)
                elements.append(node)
                entry = Open(node: node, depth: 1, firstChild: pending.count)
            }
        } else {
            root = node
            entry.node = node
        }
        open.append(entry)
        if nextCut < cuts.count && !cutMissed { claimCut(ctx, name) }
    }

    /// Puts the next cut body back when this start tag is the `<script>` or `<style>` it was
    /// cut from: libxml2 would now read it as the element's text (one run, as `characters`
    /// joins its pieces). An element opened past the cut means it was not one: `cutMissed`.
    private func claimCut(_ ctx: UnsafeMutableRawPointer, _ name: UnsafePointer<xmlChar>) {
        let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let input = ctxt.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else {
            cutMissed = true
            return
        }
        // The parser stands on the start tag's ">"; `consumed` counts what it dropped from
        // its buffer's front.
        let after = Int(input.pointee.consumed) + (cur - base) + 1
        let cut = cuts[nextCut]
        guard after >= cut.at else { return }
        guard after == cut.at, cur.pointee == UInt8(ascii: ">"), Self.isRawText(name) else {
            cutMissed = true
            return
        }
        nextCut += 1
        RawTextBodies.appendAllowed(UnsafeBufferPointer(rebasing: page[cut.body]), to: &run)
        if !run.isEmpty {
            runOpen = true
            runIsScript = true
        }
    }

    private static func isRawText(_ name: UnsafePointer<xmlChar>) -> Bool {
        strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "script") == 0
            || strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "style") == 0
    }

    private func endElement(_ ctx: UnsafeMutableRawPointer) {
        // The parser pops the name after this event.
        sync(to: Self.nameDepth(ctx))
        flush()
        if !open.isEmpty { close(open.removeLast()) }
    }

    private func characters(_ ctx: UnsafeMutableRawPointer, _ text: UnsafePointer<xmlChar>, _ length: Int, script: Bool) {
        sync(to: Self.nameDepth(ctx))
        if runOpen && runIsScript != script { flush() }
        if !script, run.count + length > Self.maxTextLength, !run.isEmpty {
            let ctxt = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
            xmlStopParser(ctxt)
            return
        }
        runIsScript = script
        runOpen = true
        run.append(contentsOf: UnsafeBufferPointer(start: text, count: length))
    }

    /// A comment or processing instruction: not kept, but it parts the text around it.
    private func otherNode(_ ctx: UnsafeMutableRawPointer) {
        sync(to: Self.nameDepth(ctx))
        flush()
        if open.isEmpty && root == nil { nodeBeforeRoot = true }
    }

    /// Ends the current run of text: a text node of the innermost open element, cut at a
    /// NUL byte as libxml2's C string would be.
    private func flush() {
        guard runOpen else { return }
        defer {
            run.removeAll(keepingCapacity: true)
            runOpen = false
            runIsScript = false
        }
        guard let parent = open.last, let parentNode = parent.node else { return }
        let text = run.withUnsafeBufferPointer { bytes -> String in
            guard let base = bytes.baseAddress else { return "" }
            var end = bytes.count
            if let nul = memchr(base, 0, bytes.count) {
                end = UnsafePointer<UInt8>(nul.assumingMemoryBound(to: UInt8.self)) - base
            }
            return String(decoding: UnsafeBufferPointer(start: base, count: end), as: UTF8.self)
        }
        let node = MarkupNode(kind: .text, name: "", text: text)
        node.parent = parentNode
        pending.append(node)
    }

    /// libxml2's element name: the part after the first colon of `prefix:name` (xmlSplitQName;
    /// HTML elements have no namespaces, so the prefix is simply dropped), lowercased.
    private static func localName(_ name: UnsafePointer<xmlChar>) -> String {
        var colon: Int?
        var length = 0
        while name[length] != 0 {
            if colon == nil && name[length] == UInt8(ascii: ":") { colon = length }
            length += 1
        }
        guard let colon, colon > 0, colon < length - 1 else { return MarkupReader.lowercased(name) }
        return MarkupReader.lowercased(name + colon + 1)
    }
}
