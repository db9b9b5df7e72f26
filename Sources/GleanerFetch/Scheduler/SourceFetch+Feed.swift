import Foundation
import GleanerCore

/// A feed's items: those with their full text (or all of them, when `followArticleLinks` is
/// off) become articles from the feed itself; each summary-only item with a link has its page
/// fetched through the same transport, and the page is the article.
extension SourceFetch {
    /// A summary-only item whose page is to be fetched.
    struct PageItem: Sendable {
        var key: String
        var link: String
        var summary: ArticleDraft
    }

    /// How one item page went.
    enum PageResult: Sendable {
        /// Ingested (or given up on in favour of the summary): the item is handled.
        case handled(key: String, outcomes: [IngestOutcome])
        /// Could not be fetched or stored this time; the item is tried again next cycle.
        case retry(message: String)
        /// The store failed: the source fails.
        case failed(message: String)
    }

    func ingestFeed(_ document: Document, into report: inout FetchReport) async {
        let feed: Feed?
        do {
            feed = try context.readFeed(document)
        } catch {
            report.failure = "\(document.name): cannot read the feed: \(error)"
            return
        }
        guard let feed else {
            let type = document.contentType.map { " (Content-Type \($0))" } ?? ""
            report.failure = "\(document.name): the body is not a feed\(type)"
            return
        }
        if let ttl = feed.ttlMinutes, ttl > 0 {
            report.cacheHint = max(report.cacheHint ?? .zero, .seconds(ttl * 60))
        }
        var drafts: [ArticleDraft] = []
        var pages: [PageItem] = []
        var queued = Set<String>()
        for item in feed.items {
            guard followArticleLinks, !item.hasFullContent, let link = item.link else {
                drafts.append(item.draft)
                continue
            }
            let key = item.id ?? link
            guard !handledItems.contains(key), queued.insert(key).inserted else { continue }
            pages.append(PageItem(key: key, link: link, summary: item.draft))
        }
        if !drafts.isEmpty {
            do {
                report.count(try await context.ingestDrafts(drafts, document))
            } catch {
                report.failure = "\(document.name): cannot ingest the feed's items: \(error)"
                return
            }
        }
        guard !pages.isEmpty else { return }
        let results = await withTaskGroup(of: PageResult.self, returning: [PageResult].self) { group in
            for page in pages {
                group.addTask { await fetchPage(page, of: document) }
            }
            var results: [PageResult] = []
            for await result in group { results.append(result) }
            return results
        }
        var storeFailures: [String] = []
        for result in results {
            switch result {
            case .handled(let key, let outcomes):
                report.count(outcomes)
                report.handledKeys.append(key)
            case .retry(let message):
                report.itemFailures.append(message)
            case .failed(let message):
                storeFailures.append(message)
            }
        }
        if let first = storeFailures.first {
            report.failure = storeFailures.count == 1 ? first : "\(first) (and \(storeFailures.count - 1) more)"
        }
    }

    /// Fetches one item's page and ingests it under the feed's name. A page that is gone (404,
    /// 410) or that the pipeline cannot make an article of would fail forever, so the item's
    /// summary is stored instead and the item counts as handled.
    func fetchPage(_ page: PageItem, of feed: Document) async -> PageResult {
        let response: FetchResponse
        do {
            response = try await context.transport.fetch(FetchRequest(url: page.link))
        } catch {
            return .retry(message: "item page \(error.description)")
        }
        switch response.status {
        case 200..<300:
            break
        case 404, 410:
            return await ingestSummary(page, of: feed, because: "HTTP \(response.status)")
        default:
            return .retry(message: "item page \(response.finalURL): HTTP \(response.status)")
        }
        let document = Document(
            name: page.link, bytes: response.body, source: feed.source, url: page.link,
            contentType: response.contentType, receivedAt: context.clock())
        do {
            return .handled(key: page.key, outcomes: try await context.ingestDocument(document))
        } catch let error as any StageError where error.blamesInput {
            return await ingestSummary(page, of: feed, because: "\(error)")
        } catch {
            return .failed(message: "item page \(page.link): cannot ingest: \(error)")
        }
    }

    private func ingestSummary(_ page: PageItem, of feed: Document, because reason: String) async -> PageResult {
        do {
            return .handled(key: page.key, outcomes: try await context.ingestDrafts([page.summary], feed))
        } catch {
            return .failed(message: "item \(page.link) (page unusable: \(reason)): cannot ingest its summary: \(error)")
        }
    }
}
