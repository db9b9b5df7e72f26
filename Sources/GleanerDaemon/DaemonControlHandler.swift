import Foundation
import GleanerControl
import GleanerCore
import GleanerFetch

/// Answers `gleanerctl` from the daemon's parts: counts and articles from the pipeline, queue
/// figures from the inbox, source health from the scheduler, failures from `RecentErrors`.
/// Concurrent requests are serialised by the actors they touch.
struct DaemonControlHandler: ControlHandler {
    let services: DaemonServices

    func handle(_ request: ControlRequest, reply: ControlReplyWriter) async throws {
        switch request {
        case .status:
            try await reply.send(await statusReport())
        case .list(let query):
            try await reply.send(await services.ingestor.list(query))
        case .show(let id, let version):
            let article = try await article(id: id)
            if let version, !article.versions.contains(where: { $0.version == version }) {
                throw ControlFailure.noSuchVersion(version, of: article.id)
            }
            try await reply.send(article)
        case .export(let since):
            for id in await services.ingestor.exportOrder(since: since) {
                // An article is never removed, so every id in the order can be read.
                guard let article = try await services.ingestor.article(id: id) else { continue }
                try await reply.send(article)
            }
        case .sources:
            try await reply.send(await services.scheduler.statuses())
        case .fetch(let names):
            do {
                try await services.scheduler.fetchNow(names)
            } catch {
                throw ControlFailure(.invalidArgument, "\(error)")
            }
            let scheduled = names.isEmpty ? await services.scheduler.statuses().map(\.name) : names
            try await reply.send(FetchReply(scheduled: scheduled))
        case .reload:
            do {
                try await reply.send(try await services.reload())
            } catch let error as ConfigurationErrors {
                throw ControlFailure(.failed, "configuration refused, keeping the old one:\n\(error)")
            }
        case .history(let id):
            try await reply.send(HistoryReply(try await article(id: id)))
        case .diff(let id, let from, let to):
            try await reply.send(try DiffReply(try await article(id: id), from: from, to: to))
        }
    }

    /// The article with this id (or unique id prefix); `not-found` when there is none.
    private func article(id: String) async throws -> Article {
        guard let article = try await services.ingestor.article(id: id) else {
            throw ControlFailure.noSuchArticle(id)
        }
        return article
    }

    private func statusReport() async -> StatusReport {
        let now = Date()
        let sources = await services.scheduler.statuses()
        let failing = sources.filter(\.isFailing)
        // The inbox's recent failures and each failing source's last error, oldest first.
        let inboxErrors = services.errors.snapshot().map {
            StatusReport.RecentError(time: $0.time, input: $0.input, stage: $0.stage, error: $0.error)
        }
        let sourceErrors = failing.compactMap { source in
            source.lastError.map {
                StatusReport.RecentError(time: source.lastFetch ?? now, input: source.name, stage: "fetch", error: $0)
            }
        }
        return StatusReport(
            version: GleanerVersion.current, pid: Int(getpid()),
            uptimeSeconds: Int(now.timeIntervalSince(services.startedAt)), storePath: services.storePath,
            curlVersion: CurlRuntime.version, counts: await services.ingestor.counts(),
            inbox: services.inbox.counts(),
            sources: StatusReport.SourceCounts(
                total: sources.count, ok: sources.count - failing.count, failing: failing.count,
                nextDue: sources.compactMap(\.nextDue).min()),
            lastErrors: (inboxErrors + sourceErrors).sorted { $0.time < $1.time },
            index: StatusReport.IndexStatus(services.ingestor.indexOrigin, loadSeconds: services.ingestor.indexLoadSeconds))
    }
}
