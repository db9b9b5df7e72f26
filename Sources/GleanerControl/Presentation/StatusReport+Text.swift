/// The human-readable form of `gleanerctl status`.
extension StatusReport {
    public var text: String {
        var rows: [(String, String)] = [
            ("version", version),
            ("pid", String(pid)),
            ("uptime", TextFormat.duration(seconds: uptimeSeconds)),
            ("store", storePath),
            ("curl", curlVersion),
            ("articles", String(counts.articles)),
            ("versions", String(counts.versions)),
            ("sightings", String(counts.sightings)),
            ("inbox pending", String(inbox.pending)),
            ("inbox done", String(inbox.done)),
            ("inbox failed", String(inbox.failed)),
            ("sources", String(sources.total)),
            ("sources ok", String(sources.ok)),
            ("sources failing", String(sources.failing)),
        ]
        rows.append(("next due", sources.nextDue.map(TextFormat.time) ?? "-"))
        if let index {
            rows.append(("index", "\(index.detail), in \(String(format: "%.2f", index.loadSeconds)) s"))
        }
        var text = TextFormat.aligned(rows)
        if lastErrors.isEmpty {
            text += "\nlast errors: none"
        } else {
            text += "\nlast errors:"
            for error in lastErrors {
                text += "\n  \(TextFormat.time(error.time))  \(error.input)  \(error.stage): \(error.error)"
            }
        }
        return text
    }
}
