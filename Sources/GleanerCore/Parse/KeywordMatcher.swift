/// Substring tests of ASCII keywords on UTF-8 bytes: the class/id hints of every element and
/// the fundraising cues of every paragraph are matched this way, since Foundation's
/// `contains` (a CFString search per keyword) was most of the extraction profile. Immutable.
struct KeywordMatcher: Sendable {
    private let keywords: [[UInt8]]

    /// `keywords` must be lowercase ASCII; the text they are matched in is lowercased first.
    init(_ keywords: [String]) {
        self.keywords = keywords.map { Array($0.utf8) }
    }

    /// Whether any keyword occurs in `text` (lowercase bytes).
    func matchesAny(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { buffer in keywords.contains { Self.occurs($0, in: buffer) } }
    }

    /// Whether `text` (lowercase bytes) starts with any keyword.
    func startsAny(_ text: [UInt8]) -> Bool {
        keywords.contains { $0.count <= text.count && text.starts(with: $0) }
    }

    /// How many of the keywords occur in `text` (lowercase bytes).
    func count(in text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { buffer in keywords.reduce(0) { $0 + (Self.occurs($1, in: buffer) ? 1 : 0) } }
    }

    static func occurs(_ keyword: [UInt8], in text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { occurs(keyword, in: $0) }
    }

    static func occurs(_ keyword: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        keyword.withUnsafeBufferPointer { occurs(key: $0, in: text) }
    }

    private static func occurs(key: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard n > 0 else { return true }
        guard text.count >= n else { return false }
        let first = key[0]
        var i = 0
        let last = text.count - n
        while i <= last {
            if text[i] == first {
                var k = 1
                while k < n && text[i + k] == key[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    /// An element's class and id, lowercased, as bytes ("" when it has neither): what the
    /// hint tests of the extractor and the metadata finders match keywords in.
    static func hints(of node: MarkupNode) -> [UInt8] { node.hints }

    /// Whether `keyword` (lowercase ASCII) occurs in `text` (lowercase bytes).
    static func occurs(_ keyword: StaticString, in text: [UInt8]) -> Bool {
        let key = UnsafeBufferPointer(start: keyword.utf8Start, count: keyword.utf8CodeUnitCount)
        return text.withUnsafeBufferPointer { occurs(key: key, in: $0) }
    }

    /// The text lowercased, as UTF-8 bytes: ASCII letters folded byte by byte; text with any
    /// non-ASCII byte goes through Unicode lowercasing, so results equal `lowercased()`'s.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        for i in bytes.indices {
            let b = bytes[i]
            if b >= 0x80 { return Array(text.lowercased().utf8) }
            if b >= 0x41 && b <= 0x5A { bytes[i] = b | 0x20 }
        }
        return bytes
    }

    /// The text with only its ASCII letters lowercased, as UTF-8 bytes: matches ASCII keywords
    /// as `lowercased()` would for keywords without a `k` and not ending in `i` (the Kelvin
    /// sign lowercases to `k`, dotted İ to `i` and a combining dot), without Unicode
    /// lowercasing every paragraph.
    static func asciiLowercasedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        return bytes
    }
}
