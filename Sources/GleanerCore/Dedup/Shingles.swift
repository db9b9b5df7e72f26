/// Word shingles: every run of `width` consecutive normalized words, hashed to 64 bits. Two texts
/// resemble each other as much as their shingle sets overlap (`resemblance`, the Jaccard index).
/// Three-word shingles: wide enough that two unrelated articles on one subject share few of them,
/// narrow enough that a handful of edits in a 200-word text keeps it above 0.8 (each changed word
/// breaks `width` shingles). Hashes are FNV-1a with a final mix: stable across runs and machines.
public struct Shingles: Sendable, Hashable {
    public static let width = 3
    /// Near-duplicate judgement needs this many words in each text (SPEC 6: "enough text").
    public static let minimumWords = 50

    public let hashes: Set<UInt64>

    public init(words: some Collection<Substring>) {
        var hashes = Set<UInt64>()
        let list = Array(words)
        if list.count <= Self.width {
            if !list.isEmpty { hashes.insert(Self.hash(list[...])) }
        } else {
            hashes.reserveCapacity(list.count)
            for start in 0...(list.count - Self.width) {
                hashes.insert(Self.hash(list[start..<(start + Self.width)]))
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

    static func hash(_ words: ArraySlice<Substring>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, word) in words.enumerated() {
            if index > 0 { value = (value ^ 0x20) &* 0x0000_0100_0000_01B3 }
            for byte in word.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        return Mix.finalize(value)
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
