import Foundation
import GleanerCore

/// One fetch of one source, run in its own child task of the scheduler: a conditional GET,
/// then, for a page, the body through the pipeline; for a feed, its items (see
/// `SourceFetch+Feed.swift`). Everything it ingests is committed before it returns its report,
/// so the scheduler saves validators only for articles already in the store.
struct SourceFetch: Sendable {
    let source: SourceConfiguration
    let generation: Int
    let etag: String?
    let lastModified: String?
    /// Keys of feed items whose pages were already handled.
    let handledItems: Set<String>
    let followArticleLinks: Bool
    let context: SourceFetchContext

    var sourceRef: SourceRef {
        SourceRef(kind: source.kind == .feed ? .feed : .page, name: source.name)
    }

    func run() async -> FetchReport {
        var report = FetchReport(name: source.name, generation: generation)
        let url = source.url.absoluteString
        let response: FetchResponse
        do {
            response = try await context.transport.fetch(
                FetchRequest(url: url, etag: etag, lastModified: lastModified))
        } catch {
            report.failure = error.description
            report.cancelled = Task.isCancelled
            return report
        }
        report.httpStatus = response.status
        let hints = ServerHints(headers: response.headers, now: context.clock())
        report.retryAfter = hints.retryAfter
        report.cacheHint = hints.maxAge
        switch response.status {
        case 304:
            // Not modified: nothing to ingest. A 304 may carry fresh validators; otherwise the
            // ones sent stay valid.
            report.validators = .init(
                etag: response.etag ?? etag, lastModified: response.lastModified ?? lastModified)
            return report
        case 200..<300:
            break
        default:
            report.failure = "\(response.finalURL): HTTP \(response.status)"
            return report
        }
        // A page is identified by its configured address; a feed's relative links resolve
        // against the address that answered.
        let document = Document(
            name: response.finalURL, bytes: response.body, source: sourceRef,
            url: source.kind == .page ? url : response.finalURL, contentType: response.contentType,
            receivedAt: context.clock())
        switch source.kind {
        case .page:
            do {
                report.count(try await context.ingestDocument(document))
            } catch {
                report.failure = "\(url): cannot ingest the page: \(error)"
            }
        case .feed:
            await ingestFeed(document, into: &report)
        }
        report.cancelled = Task.isCancelled
        if report.failure == nil {
            // With item pages still to fetch, the next request must not be conditional: a 304
            // would hide those items until the feed changes again.
            report.validators =
                report.itemFailures.isEmpty
                ? .init(etag: response.etag, lastModified: response.lastModified) : .init()
        }
        return report
    }
}
