/// The shingle hashes a stored version is found by: the text's shingle sequence cut into up to
/// `maximum` equal segments, and the smallest hash of each segment kept. Spreading them over the
/// text (rather than keeping the smallest hashes of the whole text) means any passage of the text
/// that spans two segments holds a fingerprint: an article that a raw page dump contains is
/// found from the dump's fingerprints even when it is a small part of the page. A text of
/// `perFingerprint` shingles or fewer per segment keeps fewer fingerprints, so memory grows with
/// length up to the cap. Deterministic: a pure function of the text.
public struct Fingerprints: Sendable, Hashable {
    /// The cap per version, whatever the text's length.
    public static let maximum = 40
    /// A segment spans at least this many shingles.
    static let perFingerprint = 8

    public let values: [UInt64]

    public init(_ shingles: Shingles) {
        let sequence = shingles.sequence
        guard !sequence.isEmpty else {
            values = []
            return
        }
        let segments = min(Self.maximum, max(1, sequence.count / Self.perFingerprint))
        var values: [UInt64] = []
        values.reserveCapacity(segments)
        for segment in 0..<segments {
            let start = segment * sequence.count / segments
            let end = (segment + 1) * sequence.count / segments
            let smallest = sequence[start..<end].min() ?? sequence[start]
            // A repeated passage can give two segments the same smallest hash: kept once.
            if !values.contains(smallest) { values.append(smallest) }
        }
        self.values = values
    }
}
