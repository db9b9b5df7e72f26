/// Orders the index's candidates for the exact check by how much of the smaller text they
/// probably share, and drops those that cannot pass it. Stateless.
///
/// A candidate's fingerprint coverage times its shingle count estimates the shingles it shares
/// with the text (its fingerprints are spread evenly over it); over the smaller of the two
/// counts, that estimates the containment the exact check measures. The bounds are half the
/// exact check's, as the estimate is coarse for short texts.
enum NearCandidateRanking {
    static func ranked(_ candidates: [NearDuplicateIndex.Candidate], textShingles: Int) -> [NearDuplicateIndex.Candidate] {
        let scored = candidates.compactMap { candidate in
            estimate(candidate, textShingles: textShingles).map { (candidate, $0) }
        }
        return scored.sorted {
            ($0.1, $1.0.member.article, $1.0.member.version) > ($1.1, $0.0.member.article, $0.0.member.version)
        }.map(\.0)
    }

    /// The containment the exact check would probably measure, or nil when the candidate
    /// cannot pass it.
    static func estimate(_ candidate: NearDuplicateIndex.Candidate, textShingles: Int) -> Double? {
        let shared = candidate.coverage * Double(candidate.shingleCount)
        let containment = shared / Double(max(1, min(textShingles, candidate.shingleCount)))
        guard shared >= Double(ContainmentCheck.minimumShared) / 2,
            containment >= ContainmentCheck.minimumCoverage / 2
        else { return nil }
        return containment
    }
}
