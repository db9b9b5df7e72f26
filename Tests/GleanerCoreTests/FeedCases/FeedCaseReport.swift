import Foundation

/// Summarises a run: totals, per-family applicable/passed counts, why the rest do not apply,
/// and (in the detail file) every failing expectation with what the reader produced.
struct FeedCaseReport {
    let results: [FeedCaseRunner.Result]
    let elapsed: Double

    func summary(total: Int) -> String {
        let applicable = results.filter { $0.notApplicable == nil }
        let passed = applicable.filter(\.passed).count
        let refused = results.filter { if case .refused = $0.outcome { return true } else { return false } }.count
        let slowest = results.max { $0.seconds < $1.seconds }
        var lines = [
            "feedparser cases: total files \(total), parsed without crash or hang \(results.count)"
                + " (\(refused) refused with a ParseError), applicable \(applicable.count), passed \(passed),"
                + " pass rate \(percent(passed, applicable.count)); \(String(format: "%.1f", elapsed)) s,"
                + " slowest \(slowest.map { "\($0.path) \(String(format: "%.3f", $0.seconds)) s" } ?? "-")",
            "family                         files  applicable  passed  rate",
        ]
        for family in Set(results.map(\.family)).sorted() {
            let inFamily = results.filter { $0.family == family }
            let app = inFamily.filter { $0.notApplicable == nil }
            let ok = app.filter(\.passed).count
            lines.append(family.padding(toLength: 30, withPad: " ", startingAt: 0)
                + String(format: " %5d  %10d  %6d  %@", inFamily.count, app.count, ok, percent(ok, app.count)))
        }
        let informational = results.filter { $0.notApplicable != nil && $0.failure != nil || $0.notApplicable != nil && $0.passed }
        lines.append("informational, not counted: \(informational.filter(\.passed).count) of \(informational.count) cases of"
            + " families left out whole (sanitize) hold when compared as text")
        lines.append("not applicable, by reason:")
        var reasons: [String: Int] = [:]
        for r in results { if let reason = r.notApplicable { reasons[Self.group(reason), default: 0] += 1 } }
        for (reason, count) in reasons.sorted(by: { $0.value > $1.value }) {
            lines.append("  \(String(format: "%4d", count))  \(reason)")
        }
        lines.append("mapped keys: " + FeedCaseMapping.mappedPaths.keys.sorted().joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    func details() -> String {
        var lines: [String] = []
        for r in results {
            if case .refused(let reason) = r.outcome { lines.append("REFUSED \(r.path): \(reason)") }
        }
        for r in results where r.notApplicable == nil && !r.passed {
            lines.append("FAIL \(r.path): \(r.failure ?? "")")
        }
        for r in results { if let reason = r.notApplicable { lines.append("N/A  \(r.path): \(reason)") } }
        for r in results where r.notApplicable != nil && r.failure != nil {
            lines.append("INFO \(r.path): \(r.failure ?? "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Unmapped keys grouped by what Gleaner does not keep (each case's own key is in the file).
    static func group(_ reason: String) -> String {
        if reason.hasPrefix("uses `"), !reason.hasPrefix("uses `encoding`") {
            return "parser metadata: version, headers, etag, modified, locals() …"
        }
        guard reason.hasPrefix("key ") else { return reason }
        let key = String(reason.dropFirst(4))
        if key.contains(".source") { return "keys of an entry's Atom <source> (the feed it was copied from)" }
        if key.contains("links") { return "link lists and link attributes beyond the one page link kept" }
        if key.contains("contributors") || key.hasSuffix(".email") || key.hasSuffix(".url") || key.contains("authors.") {
            return "contributors and author emails/URLs (Gleaner keeps author names)"
        }
        if key.hasSuffix(".base") || key.hasSuffix(".type") || key.hasSuffix(".language") {
            return "per-field base/type/language details (Gleaner keeps resolved text)"
        }
        if key.hasPrefix("feed.") {
            return "feed-level metadata beyond title, link and ttl: description, tagline, rights, author, image, cloud …"
        }
        return "entry fields Gleaner does not keep: rights, comments, guidislink, expired, publisher, license …"
    }

    private func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "-" : String(format: "%.1f%%", 100 * Double(a) / Double(b))
    }
}
