/// The exact near-duplicate check on two real texts (SPEC 6 rule 3), run on every candidate
/// before a merge: how much of the smaller text the larger contains, once the furniture around
/// each is set aside. Stateless.
///
/// 1. Shared shingles that also occur in `furnitureArticles` or more of the other stored
///    articles read for this draft are boilerplate (a site's navigation, teasers, copyright
///    lines): they count neither as shared nor in either text.
/// 2. Each text is cut to its span: from the first run of `spanRun` consecutive shared shingles
///    to the last (a lone shared phrase — "one of the" — in a header does not widen it). What
///    lies outside is another site's header and footer, or the rest of a raw page, around the
///    same article.
/// 3. Similarity = shingles shared inside both spans / the smaller span's distinct shingles.
///
/// Two texts are not judged the same article when they share fewer than `minimumShared`
/// shingles (not enough text to judge) or less than `minimumCoverage` of the smaller text, and
/// not when each has, inside its span, a passage of `distinctPassage` or more shingles the other
/// lacks: two pages of one site whose navigation and teasers are all they share each have their
/// own story there, however short it is next to the furniture.
enum ContainmentCheck {
    static let furnitureArticles = 2
    static let minimumShared = 40
    static let minimumCoverage = 0.4
    static let distinctPassage = 64
    static let spanRun = 3

    /// The similarity of `text` and `stored` in [0, 1], or 0 when they cannot be one article.
    /// `others` are the shingle sets of the other candidate articles read for this draft.
    static func similarity(_ text: Shingles, _ stored: Shingles, others: [Set<UInt64>]) -> Double {
        let (small, large) = text.hashes.count <= stored.hashes.count ? (text.hashes, stored.hashes) : (stored.hashes, text.hashes)
        var shared = Set<UInt64>()
        var furniture = Set<UInt64>()
        for hash in small where large.contains(hash) {
            if others.count >= furnitureArticles, others.reduce(0, { $1.contains(hash) ? $0 + 1 : $0 }) >= furnitureArticles {
                furniture.insert(hash)
            } else {
                shared.insert(hash)
            }
        }
        guard shared.count >= minimumShared else { return 0 }
        let smaller = min(text.hashes.count, stored.hashes.count) - furniture.count
        guard Double(shared.count) >= minimumCoverage * Double(max(1, smaller)) else { return 0 }
        guard let first = span(of: text.sequence, shared: shared, furniture: furniture),
            let second = span(of: stored.sequence, shared: shared, furniture: furniture)
        else { return 0 }
        if first.longestDistinctRun >= distinctPassage && second.longestDistinctRun >= distinctPassage { return 0 }
        let (smallSpan, largeSpan) = first.distinct.count <= second.distinct.count ? (first.distinct, second.distinct) : (second.distinct, first.distinct)
        let inBoth = smallSpan.reduce(0) { largeSpan.contains($1) && shared.contains($1) ? $0 + 1 : $0 }
        guard inBoth >= minimumShared else { return 0 }
        return min(1, Double(inBoth) / Double(max(1, smallSpan.count)))
    }

    /// The distinct non-furniture shingles of a text's span (see the type's note), and the
    /// longest run of consecutive shingles there that are neither shared nor furniture; nil
    /// when no run of `spanRun` shared shingles exists.
    private static func span(of sequence: [UInt64], shared: Set<UInt64>, furniture: Set<UInt64>)
        -> (distinct: Set<UInt64>, longestDistinctRun: Int)?
    {
        guard let first = runEdge(sequence.indices, in: sequence, shared: shared),
            let last = runEdge(sequence.indices.reversed(), in: sequence, shared: shared)
        else { return nil }
        var distinct = Set<UInt64>()
        var run = 0
        var longest = 0
        for hash in sequence[min(first, last)...max(first, last)] {
            if furniture.contains(hash) {
                run = 0
                continue
            }
            distinct.insert(hash)
            if shared.contains(hash) {
                run = 0
            } else {
                run += 1
                longest = max(longest, run)
            }
        }
        return (distinct, longest)
    }

    /// The outer end of the first run of `spanRun` shared shingles met walking `positions`.
    private static func runEdge(_ positions: some Sequence<Int>, in sequence: [UInt64], shared: Set<UInt64>) -> Int? {
        var run = 0
        var start = 0
        for position in positions {
            if shared.contains(sequence[position]) {
                if run == 0 { start = position }
                run += 1
                if run >= spanRun { return start }
            } else {
                run = 0
            }
        }
        return nil
    }
}
