import Foundation
import GleanerControl
import GleanerCore

/// Articles and reports the control tests send over the wire.
enum ControlFixtures {
    static let base = Date(timeIntervalSince1970: 1_795_000_000)

    static func article(_ index: Int, source: String = "example-feed", versions: Int = 1) -> Article {
        let captured = base.addingTimeInterval(Double(index) * 60)
        let sourceRef = SourceRef(kind: .feed, name: source)
        var draft = ArticleDraft(articleBody: "Body of article \(index).\n\nSecond paragraph.")
        draft.headline = "Headline \(index)"
        draft.url = "https://example.org/\(index)"
        let first = ArticleVersion(
            version: 1, capturedAt: captured, source: sourceRef, contentHash: "sha256:\(index)",
            headline: draft.headline, articleBody: draft.articleBody)
        var article = Article(id: "a\(index)", draft: draft, firstVersion: first)
        for number in stride(from: 2, through: versions, by: 1) {
            let version = ArticleVersion(
                version: number, capturedAt: captured.addingTimeInterval(Double(number)), source: sourceRef,
                contentHash: "sha256:\(index).\(number)", headline: "Headline \(index) v\(number)",
                articleBody: "Body of article \(index), version \(number).")
            article.versions.append(version)
            article.version = number
            article.articleBody = version.articleBody
            article.headline = version.headline
            article.lastSeen = version.capturedAt
        }
        return article
    }

    static let status = StatusReport(
        version: "0.1.0", pid: 4242, uptimeSeconds: 93_784, storePath: "/var/lib/gleaner",
        curlVersion: "libcurl/8.5.0", counts: StoreCounts(articles: 12, versions: 15, sightings: 3),
        inbox: InboxCounts(pending: 1, done: 10, failed: 2),
        sources: StatusReport.SourceCounts(total: 3, ok: 2, failing: 1, nextDue: base.addingTimeInterval(900)),
        lastErrors: [
            StatusReport.RecentError(time: base, input: "broken.html", stage: "parse", error: "no article text found"),
        ],
        index: StatusReport.IndexStatus(.snapshot(generation: 7, replayed: 2), loadSeconds: 0.25))
}
