/// The whitespace and control-character rules every extracted text goes through: runs of
/// spaces (any Unicode space, tabs, line breaks inside a paragraph) become one space, control
/// and zero-width characters go, paragraphs are joined by exactly one blank line. Stateless.
enum TextNormalizer {
    /// One paragraph's text on one line, spaces collapsed, trimmed. Works on the UTF-8 bytes
    /// (decoding a scalar only for non-ASCII bytes) and writes into one byte buffer: this runs
    /// over every paragraph of every feed item, so building the result a scalar at a time
    /// showed at the top of the parse profile.
    static func inline(_ text: some StringProtocol) -> String {
        let utf8 = text.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ inline(bytes: $0) }) { return result }
        let copy = Array(utf8)
        return copy.withUnsafeBufferPointer { inline(bytes: $0) }
    }

    /// `inline` over valid UTF-8 (a Swift string's bytes, so sequences are never truncated).
    static func inline(bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: max(bytes.count, 1)) { out in
            writeInline(bytes, into: out, from: 0, separate: false)
        }
    }

    /// `inline` of valid UTF-8 appended to `out`, after a blank line when `out` already
    /// holds text and the paragraph is not empty (how `body` joins paragraphs).
    static func appendInline(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], separator: Bool) {
        let base = out.count
        // Room for the separator and every byte, written in place, then cut to what was written.
        out.append(contentsOf: repeatElement(0, count: bytes.count + 2))
        let end = out.withUnsafeMutableBufferPointer { o in
            writeInline(bytes, into: o, from: base, separate: separator && base > 0)
        }
        out.removeSubrange(end...)
    }

    /// The one writer behind `inline` and `appendInline`: `bytes` on one line into `o` from
    /// `start` (room for `bytes.count`, plus two when `separate`), a blank line first when
    /// `separate` and anything is kept; returns where the text ends.
    private static func writeInline(
        _ bytes: UnsafeBufferPointer<UInt8>, into o: UnsafeMutableBufferPointer<UInt8>, from start: Int, separate: Bool
    ) -> Int {
        var written = start
        var pendingSpace = false
        var wrote = false
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte > 0x20, byte < 0x7F, wrote {
                if pendingSpace {
                    o[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                // Printable ASCII and single spaces between it come out as they are: copied as
                // one run (most sentences are one).
                let runEnd = plainRunEnd(bytes, from: i)
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(o)[written..<(written + runEnd - i)])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[i..<runEnd]))
                written += runEnd - i
                i = runEnd
                continue
            }
            let (v, length) = scalar(at: i, in: bytes)
            if isSpace(v) {
                pendingSpace = wrote
            } else if !isDropped(v) {
                if !wrote {
                    if separate { o[written] = 0x0A; o[written + 1] = 0x0A; written += 2 }
                    wrote = true
                } else if pendingSpace {
                    o[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                for k in 0..<length { o[written + k] = bytes[i + k] }
                written += length
            }
            i += length
        }
        return written
    }

    /// The end of the run from `i` of printable ASCII bytes and single spaces followed by
    /// one: what `inline` copies unchanged once a paragraph has begun.
    @inline(__always)
    private static func plainRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var j = i
        let count = bytes.count
        while j < count {
            let b = bytes[j]
            if b > 0x20, b < 0x7F {
                j += 1
            } else if b == 0x20, j + 1 < count, bytes[j + 1] > 0x20, bytes[j + 1] < 0x7F {
                j += 2
            } else {
                break
            }
        }
        return j
    }

    /// The scalar value and byte length of the UTF-8 sequence starting at `i` of valid UTF-8.
    @inline(__always)
    static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int) {
        let lead = bytes[i]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xE0 { return (UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        let v = UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        return (v, 4)
    }

    /// Paragraphs cleaned, empty ones dropped, joined by one blank line.
    static func body(_ paragraphs: [String]) -> String {
        var result = ""
        for paragraph in paragraphs {
            let clean = inline(paragraph)
            if clean.isEmpty { continue }
            if !result.isEmpty { result += "\n\n" }
            result += clean
        }
        return result
    }

    /// Text with its own line structure: each line cleaned, blank lines (or lines of only
    /// spaces) separate paragraphs, single line breaks inside a paragraph are kept as spaces.
    static func bodyFromText(_ text: String) -> String {
        var copy = text
        if let body = copy.withUTF8({ bodyFromLines($0) }) { return body }
        return bodyFromText(splitting: text)
    }

    /// `bodyFromText` of valid UTF-8.
    static func bodyFromText(bytes: UnsafeBufferPointer<UInt8>) -> String {
        bodyFromLines(bytes) ?? bodyFromText(splitting: String(decoding: bytes, as: UTF8.self))
    }

    /// `bodyFromText` the general way, line by line on the characters.
    private static func bodyFromText(splitting text: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            let clean = inline(line)
            if clean.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = "" }
            } else {
                current += current.isEmpty ? clean : " " + clean
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// `bodyFromText` on the bytes, for text whose only line breaks are LF, VT and FF
    /// (the `Character.isNewline` ones that are single bytes and never pair up); nil for
    /// text with CR, NEL, U+2028 or U+2029, which the general path splits.
    private static func bodyFromLines(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for k in 0..<bytes.count {
            let b = bytes[k]
            if b == 0x0D { return nil }
            if b == 0xC2, k + 1 < bytes.count, bytes[k + 1] == 0x85 { return nil }
            if b == 0xE2, k + 2 < bytes.count, bytes[k + 1] == 0x80, bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9 { return nil }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var line: [UInt8] = []
        var inParagraph = false
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] < 0x0A || bytes[end] > 0x0C { end += 1 }
            line.removeAll(keepingCapacity: true)
            appendInline(UnsafeBufferPointer(rebasing: bytes[start..<end]), to: &line, separator: false)
            if line.isEmpty {
                inParagraph = false
            } else {
                if inParagraph { out.append(0x20) } else if !out.isEmpty { out.append(0x0A); out.append(0x0A) }
                out.append(contentsOf: line)
                inParagraph = true
            }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `inline(text)` is not empty: some scalar is neither a space nor dropped.
    static func hasVisibleText(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v > 0x20 && v < 0x7F { return true }
            if !isSpace(v) && !isDropped(v) { return true }
        }
        return false
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)` without Foundation's round trip
    /// through NSString (a copy of the whole text): that set is the Unicode space separators,
    /// line and paragraph separators, tab, LF, VT, FF, CR and NEL, all in the Basic
    /// Multilingual Plane, so trimming scalars trims what NSString's UTF-16 units would.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
            isTrimmedSpace(first.value) || isTrimmedSpace(last.value)
        else { return text }
        guard let start = scalars.firstIndex(where: { !isTrimmedSpace($0.value) }) else { return "" }
        let end = scalars.index(after: scalars.lastIndex { !isTrimmedSpace($0.value) }!)
        return String(scalars[start..<end])
    }

    /// Foundation's `whitespacesAndNewlines`: categories Zs, Zl and Zp, U+0009 to U+000D and U+0085.
    private static func isTrimmedSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Control characters, zero-width characters and the byte order mark carry no text.
    static func isDropped(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || (0x200B...0x200D).contains(v) || v == 0xFEFF
            || v == 0x00AD || v == 0x2060
    }
}

extension StringProtocol {
    /// `unicodeScalars.count` from the UTF-8 bytes (every byte but a continuation byte begins a
    /// scalar), without decoding the scalars: paragraphs are measured so several times each.
    var scalarCount: Int {
        if let count = utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        }) {
            return count
        }
        return unicodeScalars.count
    }
}
