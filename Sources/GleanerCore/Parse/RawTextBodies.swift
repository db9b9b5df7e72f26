import Foundation

/// The long bodies of a page's `<script>` and `<style>` elements, found before libxml2 reads
/// the page, and the page without them. libxml2 reads such a body a character at a time
/// (a function call per character, in 1,000-byte pieces handed over one by one); these
/// bodies are two fifths of a typical page's bytes and were over a tenth of the extraction's
/// time. `HTMLTreeBuilder` gives libxml2 the page without them and puts each back as the
/// element's text when libxml2 opens that element exactly where the body was cut out.
///
/// The search is a guess at where libxml2 will see a script: a `<script` in a comment or an
/// attribute value, a start tag written oddly, may fool it. The builder checks every cut
/// against the parse (each must be claimed by a `<script>` or `<style>` start tag that ends
/// just before it, in order) and reads the whole page again when one is not; so a wrong
/// guess costs time, never a different tree. A value for one parse, on the calling thread.
struct RawTextBodies {
    /// One body cut out: where it sat in `shortened` (just after its start tag's `>`) and
    /// where it sits in the page.
    struct Cut {
        var at: Int
        var body: Range<Int>
    }

    /// The page with the cut bodies left out (empty when nothing was cut).
    private(set) var shortened: [UInt8] = []
    private(set) var cuts: [Cut] = []

    /// Shorter bodies are left to libxml2: cutting them saves less than it costs.
    static let shortestCut = 256

    /// Nothing cut.
    init() {}

    /// Finds the bodies to cut in `page` (UTF-8 without NUL bytes, as the builder is given).
    init(_ page: UnsafeBufferPointer<UInt8>) {
        guard let base = page.baseAddress else { return }
        let count = page.count
        var copied = 0
        var from = 0
        while from < count, let found = memchr(base + from, 0x3C, count - from) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            from = open + 1
            if Self.startsComment(base, open, count) {
                // libxml2 reads a comment to its "-->": a "<script" inside is no element.
                guard let end = Self.commentEnd(in: base, from: open + 4, count) else { break }
                from = end + 3
                continue
            }
            guard let name = Self.rawTextName(base, open + 1, count) else { continue }
            guard let close = Self.startTagEnd(base, from: open + 1 + name.count, count) else { break }
            from = close + 1
            // `<script ... />`: libxml2 closes the element there, with no body.
            if base[close - 1] == UInt8(ascii: "/") { continue }
            let bodyStart = close + 1
            let bodyEnd = Self.endTag(name, in: base, from: bodyStart, count) ?? count
            from = bodyEnd
            // A body starting with "<" is first read as markup by libxml2: left to it.
            guard bodyEnd - bodyStart >= Self.shortestCut, base[bodyStart] != UInt8(ascii: "<") else { continue }
            if shortened.isEmpty { shortened.reserveCapacity(count) }
            shortened.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: bodyStart - copied))
            cuts.append(Cut(at: shortened.count, body: bodyStart..<bodyEnd))
            copied = bodyEnd
        }
        finish(page, copied)
    }

    private mutating func finish(_ page: UnsafeBufferPointer<UInt8>, _ copied: Int) {
        guard !cuts.isEmpty, let base = page.baseAddress else { return }
        shortened.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: page.count - copied))
    }

    private static let script = Array("script".utf8)
    private static let style = Array("style".utf8)

    private static func startsComment(_ base: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> Bool {
        at + 3 < count && base[at + 1] == UInt8(ascii: "!") && base[at + 2] == UInt8(ascii: "-") && base[at + 3] == UInt8(ascii: "-")
    }

    /// "script" or "style" when the tag name at `at` is one of them in any letter case and
    /// ends there (libxml2's name characters: letters, digits, ":", "-", "_", ".").
    private static func rawTextName(_ base: UnsafePointer<UInt8>, _ at: Int, _ count: Int) -> [UInt8]? {
        for name in [script, style] where at + name.count <= count {
            guard foldedEqual(base + at, name) else { continue }
            let after = at + name.count
            if after < count && isNameCharacter(base[after]) { return nil }
            return name
        }
        return nil
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// Whether the bytes at `at` are `lowercase` with ASCII letters in any case.
    private static func foldedEqual(_ at: UnsafePointer<UInt8>, _ lowercase: [UInt8]) -> Bool {
        for (index, byte) in lowercase.enumerated() {
            let found = at[index]
            if found != byte && found | 0x20 != byte { return false }
        }
        return true
    }

    /// The `>` ending a start tag whose attributes begin at `from`; a quoted value (after
    /// "=") may hold a `>`.
    private static func startTagEnd(_ base: UnsafePointer<UInt8>, from: Int, _ count: Int) -> Int? {
        var at = from
        while at < count {
            let byte = base[at]
            if byte == UInt8(ascii: ">") { return at }
            at += 1
            guard byte == UInt8(ascii: "=") else { continue }
            while at < count && (base[at] == 0x20 || base[at] == 0x09 || base[at] == 0x0A || base[at] == 0x0D) { at += 1 }
            guard at < count, base[at] == UInt8(ascii: "\"") || base[at] == UInt8(ascii: "'") else { continue }
            guard let quote = memchr(base + at + 1, Int32(base[at]), count - at - 1) else { return nil }
            at = UnsafePointer<UInt8>(quote.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return nil
    }

    /// Where a raw text body starting at `from` ends, as libxml2 ends it in recovery mode:
    /// at the first "</" followed by the element's name in any letter case (as a prefix:
    /// "</scripts" ends a script too). Nil when the page ends first.
    private static func endTag(_ name: [UInt8], in base: UnsafePointer<UInt8>, from: Int, _ count: Int) -> Int? {
        var at = from
        while at < count, let found = memchr(base + at, 0x3C, count - at) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if open + 2 + name.count <= count && base[open + 1] == UInt8(ascii: "/") && foldedEqual(base + open + 2, name) {
                return open
            }
            at = open + 1
        }
        return nil
    }

    /// Where the first "-->" at or after `from` starts.
    private static func commentEnd(in base: UnsafePointer<UInt8>, from: Int, _ count: Int) -> Int? {
        var at = from
        while at + 2 < count, let found = memchr(base + at, Int32(UInt8(ascii: "-")), count - at - 2) {
            let dash = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            if base[dash + 1] == UInt8(ascii: "-") && base[dash + 2] == UInt8(ascii: ">") { return dash }
            at = dash + 1
        }
        return nil
    }

    /// The body as libxml2 hands it over: characters XML does not allow (C0 controls other
    /// than tab, line feed and carriage return; U+FFFE and U+FFFF) left out.
    static func appendAllowed(_ body: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = body.baseAddress else { return }
        var start = 0
        var at = 0
        let count = body.count
        while at < count {
            let byte = base[at]
            var skip = 0
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
                skip = 1
            } else if byte == 0xEF && at + 2 < count && base[at + 1] == 0xBF && (base[at + 2] == 0xBE || base[at + 2] == 0xBF) {
                skip = 3
            }
            if skip == 0 {
                at += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: at - start))
            at += skip
            start = at
        }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
    }
}
