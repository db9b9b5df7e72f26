/// How many words an edit changed, from a word-level diff of the normalized texts. A replaced word
/// counts once: the count is the larger of the words removed and the words inserted. Stateless.
///
/// The diff is Myers' greedy algorithm keeping only its frontier, and it stops once the answer is
/// known to reach `limit`. The standard library's `difference(from:)` keeps every frontier, which
/// costs memory quadratic in the number of edits: a page rewritten from scratch would need
/// gigabytes to conclude what three words already show.
public enum WordChange {
    /// The exact number of changed words when it is below `limit`; otherwise some number at or
    /// above `limit`.
    public static func changedWords<Word: Equatable>(from old: [Word], to new: [Word], limit: Int) -> Int {
        // Common ends are not edits; dropping them first keeps the search small.
        var start = 0
        while start < old.count && start < new.count && old[start] == new[start] { start += 1 }
        var oldEnd = old.count
        var newEnd = new.count
        while oldEnd > start && newEnd > start && old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        let removedSpan = old[start..<oldEnd]
        let insertedSpan = new[start..<newEnd]
        let lengthGap = abs(removedSpan.count - insertedSpan.count)
        // max(insertions, removals) = (edits + lengthGap) / 2, and edits <= 2 × that, so an edit
        // script longer than 2 × limit already proves the answer.
        let bound = max(0, 2 * limit - lengthGap)
        guard let edits = editDistance(removedSpan, insertedSpan, atMost: bound) else {
            return max(limit, lengthGap)
        }
        return (edits + lengthGap) / 2
    }

    /// The fewest insertions plus removals turning `a` into `b`, or nil when more than `cap`.
    private static func editDistance<Word: Equatable>(_ a: ArraySlice<Word>, _ b: ArraySlice<Word>, atMost cap: Int) -> Int? {
        let n = a.count
        let m = b.count
        if n == 0 || m == 0 { return n + m <= cap ? n + m : nil }
        let limit = min(cap, n + m)
        let offset = limit + 1
        // frontier[k + offset]: the furthest index in `a` reached on diagonal k = x - y.
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[k - 1 + offset] < frontier[k + 1 + offset]) {
                    x = frontier[k + 1 + offset]
                } else {
                    x = frontier[k - 1 + offset] + 1
                }
                var y = x - k
                while x < n && y < m && a[a.startIndex + x] == b[b.startIndex + y] {
                    x += 1
                    y += 1
                }
                frontier[k + offset] = x
                if x >= n && y >= m { return d }
            }
        }
        return nil
    }
}
