import Foundation
import GleanerControl
import GleanerCore
import GleanerFetch

/// Answers `gleanerctl` from the daemon's parts: counts and articles from the pipeline, queue
/// figures from the inbox, failures from `RecentErrors`. Reads only; concurrent requests are
/// serialised by the `Ingestor` actor where they touch the store.
struct DaemonControlHandler: ControlHandler {
    let ingestor: Ingestor
    let inbox: Inbox
    let errors: RecentErrors
    let startedAt: Date
    let storePath: String

    func handle(_ request: ControlRequest, reply: ControlReplyWriter) async throws {
        switch request {
        case .status:
            try await reply.send(await statusReport())
        case .list(let query):
            try await reply.send(await ingestor.list(query))
        case .show(let id, let version):
            guard let article = try await ingestor.article(id: id) else {
                throw ControlFailure.noSuchArticle(id)
            }
            if let version, !article.versions.contains(where: { $0.version == version }) {
                throw ControlFailure.noSuchVersion(version, of: article.id)
            }
            try await reply.send(article)
        case .export(let since):
            for id in await ingestor.exportOrder(since: since) {
                // An article is never removed, so every id in the order can be read.
                guard let article = try await ingestor.article(id: id) else { continue }
                try await reply.send(article)
            }
        case .sources, .fetch, .reload, .history, .diff:
            throw ControlFailure.unsupported(request.command)
        }
    }

    private func statusReport() async -> StatusReport {
        let now = Date()
        return StatusReport(
            version: GleanerVersion.current, pid: Int(getpid()),
            uptimeSeconds: Int(now.timeIntervalSince(startedAt)), storePath: storePath,
            curlVersion: CurlRuntime.version, counts: await ingestor.counts(), inbox: inbox.counts(),
            sources: StatusReport.SourceCounts(),
            lastErrors: errors.snapshot().map {
                StatusReport.RecentError(time: $0.time, input: $0.input, stage: $0.stage, error: $0.error)
            })
    }
}
