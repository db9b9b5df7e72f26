/// Which elements of two sequences an edit script removes and inserts: the rest, in order, is
/// their common subsequence. Computed by `EditScript.init(from:to:costLimit:)`; a value.
///
/// The algorithm is Myers' O((N+M)·D) diff in its linear-space form: find the middle snake of
/// an optimal path from both ends at once, split there, and solve the two halves. Memory is two
/// frontier arrays of N+M+3 entries and a stack of pending ranges, whatever the number of edits;
/// the standard library's `difference(from:)` keeps every frontier instead, quadratic in the
/// number of edits. Time is bounded too: a middle-snake search that has spent `costLimit`
/// steps settles for the furthest point it reached (as GNU diff does when it finds a search
/// "too expensive"), so a page rewritten from scratch costs about (N+M)·costLimit comparisons
/// and yields a correct, if not always shortest, script. Below `costLimit` edits per search the
/// script is a shortest one.
public struct EditScript: Sendable, Hashable {
    /// `removed[i]`: element `i` of the old sequence is not in the new one.
    public private(set) var removed: [Bool]
    /// `inserted[j]`: element `j` of the new sequence is not in the old one.
    public private(set) var inserted: [Bool]

    /// The default bound on one middle-snake search; see the type's comment.
    public static let defaultCostLimit = 256

    /// The script turning `old` into `new`. Elements are compared as integers: callers map
    /// words to numbers once (`WordDiff` does), which keeps the inner loop cheap.
    public init(from old: [Int], to new: [Int], costLimit: Int = EditScript.defaultCostLimit) {
        removed = [Bool](repeating: false, count: old.count)
        inserted = [Bool](repeating: false, count: new.count)
        var search = MiddleSnakeSearch(old: old, new: new, costLimit: max(1, costLimit))
        // Pending ranges on an explicit stack: the halves of a split are independent, and a
        // deep recursion on a long text would risk the thread's stack.
        var pending = [PendingRange(oldLow: 0, oldHigh: old.count, newLow: 0, newHigh: new.count)]
        while var range = pending.popLast() {
            range.trimCommonEnds(old, new)
            if range.oldLow == range.oldHigh {
                for j in range.newLow..<range.newHigh { inserted[j] = true }
            } else if range.newLow == range.newHigh {
                for i in range.oldLow..<range.oldHigh { removed[i] = true }
            } else {
                let (x, y) = search.split(range)
                let isCorner = (x == range.oldLow && y == range.newLow) || (x == range.oldHigh && y == range.newHigh)
                if isCorner {
                    // No progress possible from this split (a degenerate heuristic answer):
                    // replacing the whole range is a correct script, and this is rare.
                    for i in range.oldLow..<range.oldHigh { removed[i] = true }
                    for j in range.newLow..<range.newHigh { inserted[j] = true }
                    continue
                }
                pending.append(PendingRange(oldLow: range.oldLow, oldHigh: x, newLow: range.newLow, newHigh: y))
                pending.append(PendingRange(oldLow: x, oldHigh: range.oldHigh, newLow: y, newHigh: range.newHigh))
            }
        }
    }
}

/// A pair of half-open ranges, one in each sequence, still to be compared.
private struct PendingRange {
    var oldLow: Int, oldHigh: Int
    var newLow: Int, newHigh: Int

    /// Equal elements at both ends are never edits: skip them before searching.
    mutating func trimCommonEnds(_ old: [Int], _ new: [Int]) {
        while oldLow < oldHigh && newLow < newHigh && old[oldLow] == new[newLow] {
            oldLow += 1
            newLow += 1
        }
        while oldLow < oldHigh && newLow < newHigh && old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
        }
    }
}

/// The search for the point where a shortest edit path crosses its middle, going forward from
/// the start and backward from the end of a range until the two frontiers meet. Owns the two
/// frontier arrays, indexed by diagonal k = x − y (from −M−1 to N+1), reused for every range.
private struct MiddleSnakeSearch {
    private let old: [Int]
    private let new: [Int]
    private let costLimit: Int
    /// forward[k + offset]: the furthest x reached on diagonal k going forward.
    private var forward: [Int]
    /// backward[k + offset]: the smallest x reached on diagonal k going backward.
    private var backward: [Int]
    private let offset: Int

    init(old: [Int], new: [Int], costLimit: Int) {
        self.old = old
        self.new = new
        self.costLimit = costLimit
        offset = new.count + 1
        forward = [Int](repeating: 0, count: old.count + new.count + 3)
        backward = forward
    }

    /// A point (x, y) on a good path through `range`, which has no common ends and is not empty
    /// on either side.
    mutating func split(_ range: PendingRange) -> (Int, Int) {
        let (xLow, xHigh, yLow, yHigh) = (range.oldLow, range.oldHigh, range.newLow, range.newHigh)
        let lowestDiagonal = xLow - yHigh
        let highestDiagonal = xHigh - yLow
        let forwardMiddle = xLow - yLow
        let backwardMiddle = xHigh - yHigh
        let odd = (forwardMiddle - backwardMiddle) & 1 != 0
        var (fMin, fMax) = (forwardMiddle, forwardMiddle)
        var (bMin, bMax) = (backwardMiddle, backwardMiddle)
        let o = offset
        forward[forwardMiddle + o] = xLow
        backward[backwardMiddle + o] = xHigh

        var cost = 1
        while true {
            // One more edit forward: widen the band of diagonals, with sentinels beyond it.
            if fMin > lowestDiagonal { fMin -= 1; forward[fMin - 1 + o] = -1 } else { fMin += 1 }
            if fMax < highestDiagonal { fMax += 1; forward[fMax + 1 + o] = -1 } else { fMax -= 1 }
            for k in stride(from: fMax, through: fMin, by: -2) {
                let below = forward[k - 1 + o], above = forward[k + 1 + o]
                var x = below < above ? above : below + 1
                var y = x - k
                while x < xHigh && y < yHigh && old[x] == new[y] {
                    x += 1
                    y += 1
                }
                forward[k + o] = x
                if odd && bMin <= k && k <= bMax && x >= backward[k + o] { return (x, y) }
            }

            // One more edit backward, the mirror image.
            if bMin > lowestDiagonal { bMin -= 1; backward[bMin - 1 + o] = Int.max } else { bMin += 1 }
            if bMax < highestDiagonal { bMax += 1; backward[bMax + 1 + o] = Int.max } else { bMax -= 1 }
            for k in stride(from: bMax, through: bMin, by: -2) {
                let below = backward[k - 1 + o], above = backward[k + 1 + o]
                var x = below < above ? below : above - 1
                var y = x - k
                while x > xLow && y > yLow && old[x - 1] == new[y - 1] {
                    x -= 1
                    y -= 1
                }
                backward[k + o] = x
                if !odd && fMin <= k && k <= fMax && x <= forward[k + o] { return (x, y) }
            }

            if cost >= costLimit {
                return bestSoFar(
                    xLow: xLow, xHigh: xHigh, yLow: yLow, yHigh: yHigh,
                    forwardBand: (fMin, fMax), backwardBand: (bMin, bMax))
            }
            cost += 1
        }
    }

    /// The search went on too long: the point either search got furthest to, whichever of the
    /// two covered more of the range.
    private func bestSoFar(
        xLow: Int, xHigh: Int, yLow: Int, yHigh: Int, forwardBand: (Int, Int), backwardBand: (Int, Int)
    ) -> (Int, Int) {
        let o = offset
        var forwardBest = (sum: -1, x: xLow)
        for k in stride(from: forwardBand.1, through: forwardBand.0, by: -2) {
            var x = min(forward[k + o], xHigh)
            var y = x - k
            if y > yHigh {
                x = yHigh + k
                y = yHigh
            }
            if x + y > forwardBest.sum { forwardBest = (x + y, x) }
        }
        var backwardBest = (sum: Int.max, x: xHigh)
        for k in stride(from: backwardBand.1, through: backwardBand.0, by: -2) {
            var x = max(xLow, backward[k + o])
            var y = x - k
            if y < yLow {
                x = yLow + k
                y = yLow
            }
            if x + y < backwardBest.sum { backwardBest = (x + y, x) }
        }
        if (xHigh + yHigh) - backwardBest.sum < forwardBest.sum - (xLow + yLow) {
            return (forwardBest.x, forwardBest.sum - forwardBest.x)
        }
        return (backwardBest.x, backwardBest.sum - backwardBest.x)
    }
}
