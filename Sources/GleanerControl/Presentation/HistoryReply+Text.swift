import GleanerCore

/// The human-readable form of `gleanerctl history`: the article as `key: value` lines, then a
/// table of its versions, oldest first.
extension HistoryReply {
    public var text: String {
        var rows: [(String, String)] = [("id", id), ("url", url ?? "-")]
        if let headline { rows.append(("headline", headline)) }
        rows.append(("versions", String(versions.count)))
        if version != versions.last?.version { rows.append(("current", "version \(version)")) }
        rows.append(("sightings", String(sightings)))
        let table = TextTable.render(
            header: ["VERSION", "CAPTURED", "SOURCE", "ADDED", "REMOVED", "HEADLINE"],
            rows: versions.map { entry in
                [
                    String(entry.version), TextFormat.time(entry.capturedAt),
                    "\(entry.source.kind.rawValue) \(entry.source.name)",
                    "+\(entry.wordsAdded)", "-\(entry.wordsRemoved)",
                    TextFormat.truncated(entry.headline ?? "-", to: 60),
                ]
            },
            rightAligned: [0, 3, 4])
        var text = TextFormat.aligned(rows) + "\n\n" + table
        for back in returns ?? [] {
            text += "\nreturned to version \(back.version) at \(TextFormat.time(back.at)) from \(back.source.kind.rawValue) \(back.source.name)"
        }
        return text
    }
}
