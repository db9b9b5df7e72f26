/// How many words an edit changed, from a word-level diff of the normalized texts (Myers,
/// through `CollectionDifference`). A replaced word counts once: the count is the larger of
/// the words removed and the words inserted. Stateless.
public enum WordChange {
    public static func changedWords(from old: [Substring], to new: [Substring]) -> Int {
        let difference = new.difference(from: old)
        return max(difference.insertions.count, difference.removals.count)
    }
}
