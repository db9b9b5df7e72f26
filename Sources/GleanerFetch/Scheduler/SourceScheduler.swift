import Foundation
import GleanerCore
import Logging

/// Fetches the configured sources, each on its own schedule (SPEC 5, docs/scheduling.md), and
/// hands what they bring to the pipeline through the ingest closures. Owns every source's live
/// state and saves it through `SourceStateStore` after each fetch, once the fetch's articles are
/// committed. An actor: `run` does the fetching in child tasks of one task group; `statuses`,
/// `fetchNow` and `reconfigure` are served between its steps.
public actor SourceScheduler {
    var entries: [String: SourceEntry] = [:]
    /// Source names in configuration order.
    var order: [String] = []
    var followArticleLinks: Bool
    let context: SourceFetchContext
    let states: SourceStateStore
    let random: @Sendable () -> Double
    let sleep: @Sendable (Duration) async throws -> Void
    let logger: Logger
    let signal = WakeSignal()
    /// When the loop's sleeper wakes by itself; nil while it waits only for a wake.
    var sleepingUntil: Date?
    /// Sources whose state file is being written; not fetched until that is done.
    var saving: Set<String> = []

    /// - Parameters:
    ///   - readFeed: the feed reader (`FeedReader.read`); nil when the bytes are not a feed.
    ///   - ingestDocument: the pipeline's `ingest(Document)`, for pages.
    ///   - ingestDrafts: the pipeline's `ingest(_:from:)`, for a feed's own items.
    ///   - clock: the time now; due dates are computed with it.
    ///   - random: a number in 0..<1 for the backoff's jitter.
    ///   - sleep: waits for a duration, or throws when cancelled; tests pass a manual clock's.
    public init(
        sources: [SourceConfiguration], followArticleLinks: Bool, transport: any HTTPTransport,
        states: SourceStateStore, readFeed: @escaping @Sendable (Document) throws -> Feed?,
        ingestDocument: @escaping @Sendable (Document) async throws -> [IngestOutcome],
        ingestDrafts: @escaping @Sendable ([ArticleDraft], Document) async throws -> [IngestOutcome],
        clock: @escaping @Sendable () -> Date,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        logger: Logger
    ) {
        self.followArticleLinks = followArticleLinks
        self.context = SourceFetchContext(
            transport: transport, readFeed: readFeed, ingestDocument: ingestDocument,
            ingestDrafts: ingestDrafts, clock: clock)
        self.states = states
        self.random = random
        self.sleep = sleep
        self.logger = logger
        let stored = states.loadStates()
        let now = clock()
        for source in sources where entries[source.name] == nil {
            entries[source.name] = SourceEntry(source, stored: stored[source.name], now: now)
            order.append(source.name)
        }
    }

    /// Every configured source's status, in configuration order.
    public func statuses() -> [SourceStatus] {
        order.compactMap { entries[$0]?.state.status }
    }

    /// Marks the named sources (all of them when `names` is empty) due now and wakes the loop.
    /// A source being fetched at this moment is not fetched a second time: the running fetch
    /// is the one asked for. Throws, marking nothing, when a name is not configured.
    public func fetchNow(_ names: [String]) throws(UnknownSourceError) {
        let unknown = names.filter { entries[$0] == nil }
        guard unknown.isEmpty else { throw UnknownSourceError(names: unknown) }
        let now = context.clock()
        for name in names.isEmpty ? order : names {
            guard var entry = entries[name], !entry.inFlight else { continue }
            entry.state.status.nextDue = now
            entries[name] = entry
        }
        signal.wake()
    }

    /// Takes a reloaded configuration: new sources start (with their saved state, when they had
    /// one), removed sources stop (their state file stays), a changed address or kind starts
    /// over without validators, a changed interval reschedules.
    public func reconfigure(sources: [SourceConfiguration], followArticleLinks: Bool) {
        self.followArticleLinks = followArticleLinks
        let now = context.clock()
        var kept: [String: SourceEntry] = [:]
        var newOrder: [String] = []
        for source in sources where kept[source.name] == nil {
            if var entry = entries[source.name] {
                entry.reconfigure(source, now: now)
                kept[source.name] = entry
            } else {
                kept[source.name] = SourceEntry(source, stored: states.loadState(named: source.name), now: now)
                logger.info("source added", metadata: ["source": "\(source.name)"])
            }
            newOrder.append(source.name)
        }
        for name in order where kept[name] == nil {
            logger.info("source removed", metadata: ["source": "\(name)"])
        }
        entries = kept
        order = newOrder
        signal.wake()
    }

    /// How many sources there are, how many are healthy and failing, and the earliest due date.
    public func counts() -> (total: Int, ok: Int, failing: Int, nextDue: Date?) {
        let all = statuses()
        let failing = all.filter(\.isFailing).count
        return (all.count, all.count - failing, failing, all.compactMap(\.nextDue).min())
    }
}
