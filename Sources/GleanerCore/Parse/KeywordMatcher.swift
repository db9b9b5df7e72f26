/// Substring tests of ASCII keywords on UTF-8 bytes: the class/id hints of every element and
/// the fundraising cues of every paragraph are matched this way, since Foundation's
/// `contains` (a CFString search per keyword) was most of the extraction profile. Immutable.
struct KeywordMatcher: Sendable {
    private let keywords: [[UInt8]]
    /// The keywords' bytes end to end (`keywords` flattened), `starts[k]..<starts[k + 1]`
    /// being keyword k: read through one buffer in the scan.
    private let bytes: [UInt8]
    private let starts: [Int]
    /// For each byte value b, `byFirst[firstIndex[b]..<firstIndex[b + 1]]` are the keywords
    /// beginning with b: the text is scanned once, each position tried only against those,
    /// instead of once per keyword.
    private let firstIndex: [Int]
    private let byFirst: [Int]
    /// An empty keyword occurs in every text.
    private let hasEmpty: Bool

    /// `keywords` must be lowercase ASCII; the text they are matched in is lowercased first.
    init(_ keywords: [String]) {
        let keys = keywords.map { Array($0.utf8) }
        self.keywords = keys
        var bytes: [UInt8] = []
        var starts = [0]
        for key in keys {
            bytes.append(contentsOf: key)
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        var firstIndex = [Int](repeating: 0, count: 257)
        var byFirst: [Int] = []
        for first in 0..<256 {
            firstIndex[first] = byFirst.count
            for (k, key) in keys.enumerated() where key.first == UInt8(first) { byFirst.append(k) }
        }
        firstIndex[256] = byFirst.count
        self.firstIndex = firstIndex
        self.byFirst = byFirst
        hasEmpty = keys.contains { $0.isEmpty }
    }

    /// Whether any keyword occurs in `text` (lowercase bytes).
    func matchesAny(_ text: [UInt8]) -> Bool {
        if hasEmpty { return true }
        return scan(text) { _ in true }
    }

    /// Whether `text` (lowercase bytes) starts with any keyword.
    func startsAny(_ text: [UInt8]) -> Bool {
        keywords.contains { $0.count <= text.count && text.starts(with: $0) }
    }

    /// How many of the keywords occur in `text` (lowercase bytes).
    func count(in text: [UInt8]) -> Int {
        var found = [Bool](repeating: false, count: keywords.count)
        var count = hasEmpty ? keywords.filter(\.isEmpty).count : 0
        _ = scan(text) { k in
            if !found[k] {
                found[k] = true
                count += 1
            }
            return false
        }
        return count
    }

    /// Calls `found` with each keyword occurring at each position of `text`, in order, until
    /// it returns true; returns whether it did.
    private func scan(_ text: [UInt8], _ found: (Int) -> Bool) -> Bool {
        text.withUnsafeBufferPointer { text in
            bytes.withUnsafeBufferPointer { bytes in
                starts.withUnsafeBufferPointer { starts in
                    firstIndex.withUnsafeBufferPointer { firstIndex in
                        byFirst.withUnsafeBufferPointer { byFirst in
                            let count = text.count
                            var i = 0
                            while i < count {
                                let first = Int(text[i])
                                var slot = firstIndex[first]
                                let end = firstIndex[first + 1]
                                while slot < end {
                                    let k = byFirst[slot]
                                    let start = starts[k], length = starts[k + 1] - start
                                    if length <= count - i {
                                        var j = 1
                                        while j < length && text[i + j] == bytes[start + j] { j += 1 }
                                        if j == length && found(k) { return true }
                                    }
                                    slot += 1
                                }
                                i += 1
                            }
                            return false
                        }
                    }
                }
            }
        }
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
