/// A MinHash sketch of a shingle set: for each of `count` hash functions, the smallest value over
/// the set. Two sketches agree at a position with probability equal to the sets' Jaccard index,
/// so they stand in for the sets when looking for candidates. The hash functions are
/// multiply-add on the 64-bit shingle hash with fixed odd multipliers (deterministic across
/// runs); only the top 32 bits are kept, which halves the memory at no useful loss.
public struct MinHashSketch: Sendable, Hashable {
    /// Bands × rows: 25 bands of 5 rows puts the LSH threshold near 0.5, so a pair at 0.8 is a
    /// candidate with probability 0.9999, and at 0.6 still 0.87.
    public static let bands = 25
    public static let rows = 5
    public static let count = bands * rows

    public let values: [UInt32]

    public init(_ shingles: Shingles) {
        var minima = [UInt32](repeating: .max, count: Self.count)
        for shingle in shingles.hashes {
            for index in 0..<Self.count {
                let value = UInt32(truncatingIfNeeded: (Self.multipliers[index] &* shingle &+ Self.addends[index]) >> 32)
                if value < minima[index] { minima[index] = value }
            }
        }
        values = minima
    }

    /// One key per band: the hash of that band's rows, with the band's number mixed in so equal
    /// rows in different bands do not collide.
    public var bandKeys: [UInt64] {
        (0..<Self.bands).map { band in
            var key = UInt64(band) &* 0x9e37_79b9_7f4a_7c15
            for row in 0..<Self.rows {
                key = Mix.finalize(key ^ UInt64(values[band * Self.rows + row]))
            }
            return key
        }
    }

    /// The share of positions where both sketches agree: an estimate of the Jaccard index.
    public func estimatedResemblance(to other: MinHashSketch) -> Double {
        let same = zip(values, other.values).reduce(0) { $1.0 == $1.1 ? $0 + 1 : $0 }
        return Double(same) / Double(Self.count)
    }

    private static let multipliers: [UInt64] = (0..<count).map { Mix.sequence(seed: 0x5eed_0001, index: $0) | 1 }
    private static let addends: [UInt64] = (0..<count).map { Mix.sequence(seed: 0x5eed_0002, index: $0) }
}
