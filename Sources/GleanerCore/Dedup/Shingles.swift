/// Word shingles: every run of `width` consecutive normalized words, hashed to 64 bits. Two texts
/// resemble each other as much as their shingle sets overlap (`resemblance`, the Jaccard index).
/// Three-word shingles: wide enough that two unrelated articles on one subject share few of them,
/// narrow enough that a handful of edits in a 200-word text keeps it above 0.8 (each changed word
/// breaks `width` shingles). Hashes are FNV-1a per word, combined and mixed: stable across runs
/// and machines.
public struct Shingles: Sendable, Hashable {
    public static let width = 3
    /// Near-duplicate judgement needs this many words in each text (SPEC 6: "enough text").
    public static let minimumWords = 50

    public let hashes: Set<UInt64>

    public init(words: some Collection<Substring>) {
        // Each word is hashed once; a shingle combines its words' hashes, rotated by position so
        // that order counts ("a b c" is not "c b a").
        let wordHashes = words.map(Self.hash(word:))
        var hashes = Set<UInt64>(minimumCapacity: wordHashes.count)
        if wordHashes.count <= Self.width {
            if !wordHashes.isEmpty { hashes.insert(Self.combine(wordHashes[...])) }
        } else {
            for start in 0...(wordHashes.count - Self.width) {
                hashes.insert(Self.combine(wordHashes[start..<(start + Self.width)]))
            }
        }
        self.hashes = hashes
    }

    /// |A ∩ B| / |A ∪ B|, 0 for two empty sets.
    public func resemblance(to other: Shingles) -> Double {
        let (small, large) = hashes.count <= other.hashes.count ? (hashes, other.hashes) : (other.hashes, hashes)
        let shared = small.reduce(0) { large.contains($1) ? $0 + 1 : $0 }
        let union = hashes.count + other.hashes.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
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
