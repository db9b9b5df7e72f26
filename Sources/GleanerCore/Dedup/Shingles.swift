/// Word shingles: every run of `width` consecutive normalized words, hashed to 64 bits, both as a
/// set (`hashes`) and in text order (`sequence`, which the containment check needs to find where
/// the shared text lies). Three-word shingles: wide enough that two unrelated articles on one
/// subject share few of them, narrow enough that a handful of edits in a 200-word text keeps most
/// (each changed word breaks `width` shingles). Hashes are FNV-1a per word, combined and mixed:
/// stable across runs and machines.
///
/// Words are compared as a reader sees them: an HTML character reference left in a careless text
/// dump (`transmisi&oacute;n`, `&laquo;causas`) is decoded and normalized before hashing, so the
/// dump shares its shingles with the same text extracted from the page. This changes neither the
/// content hash nor the stored text.
public struct Shingles: Sendable, Hashable {
    public static let width = 3
    /// Near-duplicate judgement needs this many words in each text (SPEC 6: "enough text").
    public static let minimumWords = 50

    public let hashes: Set<UInt64>
    /// The shingle hashes in text order, repeats included.
    public let sequence: [UInt64]

    public init(words: some Collection<Substring>) {
        // Each word is hashed once; a shingle combines its words' hashes, rotated by position so
        // that order counts ("a b c" is not "c b a").
        var wordHashes: [UInt64] = []
        wordHashes.reserveCapacity(words.count)
        for word in words {
            if word.utf8.contains(UInt8(ascii: "&")) {
                for part in ContentNormalizer.words(EntityText.decoded(word)) { wordHashes.append(Self.hash(word: part)) }
            } else {
                wordHashes.append(Self.hash(word: word))
            }
        }
        var sequence: [UInt64] = []
        if wordHashes.count <= Self.width {
            if !wordHashes.isEmpty { sequence.append(Self.combine(wordHashes[...])) }
        } else {
            sequence.reserveCapacity(wordHashes.count - Self.width + 1)
            for start in 0...(wordHashes.count - Self.width) {
                sequence.append(Self.combine(wordHashes[start..<(start + Self.width)]))
            }
        }
        self.sequence = sequence
        self.hashes = Set(sequence)
    }

    /// |A ∩ B| / |A ∪ B|, 0 for two empty sets.
    public func resemblance(to other: Shingles) -> Double {
        let shared = sharedCount(with: other)
        let union = hashes.count + other.hashes.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    /// |A ∩ B|.
    public func sharedCount(with other: Shingles) -> Int {
        let (small, large) = hashes.count <= other.hashes.count ? (hashes, other.hashes) : (other.hashes, hashes)
        return small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
    }

    /// FNV-1a over the word's UTF-8 bytes.
    static func hash(word: Substring) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return value
    }

    static func combine(_ wordHashes: ArraySlice<UInt64>) -> UInt64 {
        var value: UInt64 = 0
        for (position, hash) in wordHashes.enumerated() {
            let rotation = UInt64(position * 21 % 64)
            value ^= (hash << rotation) | (hash >> ((64 - rotation) % 64))
        }
        return Mix.finalize(value)
    }

    /// The hash of one shingle given as words (for tests and tools).
    static func hash(_ words: ArraySlice<Substring>) -> UInt64 {
        combine(ArraySlice(words.map(hash(word:))))
    }
}

/// The splitmix64 finalizer: spreads every input bit over the whole word. Used to derive
/// deterministic seeds and to finish hashes whose low bits are weak.
enum Mix {
    static func finalize(_ input: UInt64) -> UInt64 {
        var z = input
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The `index`-th value of the splitmix64 sequence from `seed`.
    static func sequence(seed: UInt64, index: Int) -> UInt64 {
        finalize(seed &+ UInt64(index + 1) &* 0x9e37_79b9_7f4a_7c15)
    }
}
