import Crypto

/// A version's content hash as the store index keeps it: the 32 bytes of the SHA-256 digest
/// instead of the 71-character `sha256:…` string the article files hold. At a million
/// articles the index holds four million of them; as strings each was a heap object to count
/// references to and a long text to hash, and a restart spent most of its time on that.
/// A value; two keys are equal exactly when the strings they came from are.
struct ContentKey: Hashable, Sendable, BitwiseCopyable {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// The key no version has: the current content of an article without versions.
    static let absent = ContentKey(w0: 0, w1: 0, w2: 0, w3: 0)

    /// The digest of `hash` when it is `sha256:` and 64 lowercase hex digits, as Gleaner writes
    /// them. Anything else (a hand-edited file) is keyed by the SHA-256 of its own text, so
    /// that it still matches only itself.
    init(_ hash: String) {
        self = Self(parsing: hash) ?? Self(digestOf: hash)
    }

    private init?(parsing hash: String) {
        let utf8 = hash.utf8
        guard utf8.count == 7 + 64, hash.hasPrefix("sha256:") else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (offset, byte) in utf8.dropFirst(7).enumerated() {
            guard let nibble = Self.nibble(byte) else { return nil }
            words[offset / 16] = words[offset / 16] << 4 | UInt64(nibble)
        }
        self.init(w0: words[0], w1: words[1], w2: words[2], w3: words[3])
    }

    private init(digestOf text: String) {
        let digest = Array(SHA256.hash(data: Array(text.utf8)))
        func word(_ index: Int) -> UInt64 { digest[(index * 8)..<(index * 8 + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        self.init(w0: word(0), w1: word(1), w2: word(2), w3: word(3))
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// The first word alone: the bytes of a digest are already evenly spread, and hashing a
    /// quarter of them keeps the index's tables quick to fill at a restart.
    func hash(into hasher: inout Hasher) {
        hasher.combine(w0)
    }
}
