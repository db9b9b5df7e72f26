import Foundation
import GleanerCore

extension SourceStatus {
    /// One block per source for `gleanerctl sources`: a `key: value` block, so each fact can be
    /// found with `grep`, and the last error in full when the source is failing.
    public var text: String {
        var rows: [(String, String)] = [
            ("source", name), ("url", url), ("kind", kind.rawValue),
            ("state", isFailing ? "failing (\(consecutiveFailures) in a row)" : "ok"),
            ("last fetch", lastFetch.map(TextFormat.time) ?? "never"),
            ("http status", httpStatus.map(String.init) ?? "-"),
            ("next due", nextDue.map(TextFormat.time) ?? "-"),
            ("validators", validators),
            ("articles", String(articlesFound)),
        ]
        if let lastError { rows.append(("last error", lastError)) }
        return TextFormat.aligned(rows)
    }

    private var validators: String {
        let held = [etag.map { "ETag \($0)" }, lastModified.map { "Last-Modified \($0)" }].compactMap { $0 }
        return held.isEmpty ? "none" : held.joined(separator: ", ")
    }

    /// Every source's block, separated by blank lines.
    public static func text(_ sources: [SourceStatus]) -> String {
        sources.isEmpty ? "no sources configured" : sources.map(\.text).joined(separator: "\n\n")
    }
}
