import GleanerCore

/// The human-readable form of `gleanerctl diff`: which versions were compared and how many
/// words changed, as `key: value` lines, then the body with its changes marked (see
/// `WordDiff.text(colored:)`). A changed headline is shown as a word diff of its own.
extension DiffReply {
    public func text(colored: Bool) -> String {
        func describe(_ side: Side) -> String {
            "version \(side.version), captured \(TextFormat.time(side.capturedAt)) from \(side.source.kind.rawValue) \(side.source.name)"
        }
        var rows: [(String, String)] = [
            ("id", id),
            ("from", from.map(describe) ?? "nothing (before version 1)"),
            ("to", describe(to)),
            ("words", "+\(wordsAdded) -\(wordsRemoved)"),
        ]
        let oldHeadline = from?.headline ?? "", newHeadline = to.headline ?? ""
        if oldHeadline == newHeadline {
            if !newHeadline.isEmpty { rows.append(("headline", newHeadline)) }
        } else {
            rows.append(("headline", WordDiff(from: oldHeadline, to: newHeadline).text(colored: colored)))
        }
        return TextFormat.aligned(rows) + "\n\n" + wordDiff.text(colored: colored)
    }
}
