import GleanerCore

/// The human-readable forms of `gleanerctl list` and `gleanerctl show`.
extension ArticleSummary {
    /// One line: id, last seen, version, headline (cut to `headlineWidth`).
    public func line(headlineWidth: Int = 60) -> String {
        let headline = TextFormat.truncated(self.headline ?? url ?? "(no headline)", to: headlineWidth)
        return "\(id)  \(TextFormat.time(lastSeen))  v\(version)  \(headline)"
    }
}

extension Article {
    /// The article's fields as aligned lines, then its body; for `version`, that version's
    /// headline and body (the other fields are the current ones). Nil when no such version.
    public func text(version number: Int? = nil) -> String? {
        let shown: ArticleVersion?
        if let number {
            guard let found = versions.first(where: { $0.version == number }) else { return nil }
            shown = found
        } else {
            shown = versions.first { $0.version == version }
        }
        var rows: [(String, String)] = [("id", id)]
        rows.append(("url", content.url ?? "-"))
        if let headline = shown?.headline ?? content.headline { rows.append(("headline", headline)) }
        if !content.author.isEmpty { rows.append(("author", content.author.joined(separator: ", "))) }
        if let publisher = content.publisher { rows.append(("publisher", publisher)) }
        if let datePublished = content.datePublished { rows.append(("published", TextFormat.time(datePublished))) }
        if let dateModified = content.dateModified { rows.append(("modified", TextFormat.time(dateModified))) }
        if let shown {
            let current = shown.version == version ? "" : " (current: \(version))"
            rows.append(("version", "\(shown.version) of \(versions.count)\(current), captured \(TextFormat.time(shown.capturedAt)) from \(shown.source.kind.rawValue) \(shown.source.name)"))
        }
        rows.append(("first seen", TextFormat.time(firstSeen)))
        rows.append(("last seen", TextFormat.time(lastSeen)))
        rows.append(("sightings", String(sightings.count)))
        if !content.sameAs.isEmpty { rows.append(("same as", content.sameAs.joined(separator: ", "))) }
        return TextFormat.aligned(rows) + "\n\n" + (shown?.articleBody ?? content.articleBody)
    }
}
