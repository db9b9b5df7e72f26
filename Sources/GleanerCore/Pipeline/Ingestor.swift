import Foundation
import Logging

/// The pipeline: the one place that orders parse → identity and dedup → store commit for each
/// input, and the only owner of the `ArticleStore`. Being an actor, it takes inputs one at a
/// time, so identity always sees every earlier commit. `ingest` returns only once everything it
/// wrote is durable, which is what lets the caller move the input out of the inbox.
public actor Ingestor {
    private let store: ArticleStore
    private var settings: IngestSettings
    private let parse: @Sendable (Document) throws -> [ArticleDraft]
    private let clock: @Sendable () -> Date
    private let logger: Logger

    public init(
        store: ArticleStore, settings: IngestSettings,
        parse: @escaping @Sendable (Document) throws -> [ArticleDraft],
        clock: @escaping @Sendable () -> Date, logger: Logger
    ) {
        self.store = store
        self.storeDirectory = store.directory
        self.indexOrigin = store.indexOrigin
        self.indexLoadSeconds = store.indexLoadSeconds
        self.settings = settings
        self.parse = parse
        self.clock = clock
        self.logger = logger
    }

    /// Opens (or creates) the store in `storeDirectory` and puts an ingestor in front of it.
    public static func open(
        storeDirectory: URL, settings: IngestSettings,
        parse: @escaping @Sendable (Document) throws -> [ArticleDraft],
        clock: @escaping @Sendable () -> Date, logger: Logger
    ) throws -> Ingestor {
        let store = try ArticleStore(directory: storeDirectory, logger: logger, now: clock())
        return Ingestor(store: store, settings: settings, parse: parse, clock: clock, logger: logger)
    }

    /// The store's directory, as opened.
    public nonisolated let storeDirectory: URL

    /// Where the store's index came from when it was opened (snapshot or rebuilt).
    public nonisolated let indexOrigin: IndexOrigin
    /// How long loading or rebuilding the index took at open.
    public nonisolated let indexLoadSeconds: Double

    /// Saves the store's index snapshot, so the next start need not read the article files
    /// (the daemon calls this on a clean shutdown); nothing is written when the snapshot on
    /// disk already describes the index. Throws a `StoreError`.
    public func saveIndexSnapshot() throws {
        try store.saveIndexSnapshot(onlyIfChanged: true, settling: true)
    }

    /// Parses `document`, decides the identity of each article in it and commits the result.
    /// Throws what `parse` throws, unchanged, or a `StoreError`; articles committed before a
    /// store failure stay committed, and a retry of the input finds them as replays.
    public func ingest(_ document: Document) throws -> [IngestOutcome] {
        try ingest(try parse(document), from: document)
    }

    /// Decides the identity of drafts that were already made from `document` (a feed's items,
    /// which the fetcher reads itself to schedule the feed) and commits them, exactly as
    /// `ingest(_:)` does after parsing. Throws a `StoreError`; what was committed stays.
    public func ingest(_ drafts: [ArticleDraft], from document: Document) throws -> [IngestOutcome] {
        let now = Timestamp.truncated(clock())
        var outcomes: [IngestOutcome] = []
        for draft in drafts {
            outcomes.append(try ingest(PreparedDraft(draft), from: document, at: now))
        }
        try store.flush()
        return outcomes
    }

    public func counts() -> StoreCounts { store.counts }

    /// The summaries `query` selects (see `ListQuery.select`).
    public func list(_ query: ListQuery) -> [ArticleSummary] {
        query.select(from: store.index.summaries)
    }

    /// The article with this id, or with the only id that starts with it; nil when none does.
    /// A prefix shared by several ids is an error that says so.
    public func article(id: String) throws -> Article? {
        let wanted = id.lowercased()
        guard StoreLayout.isValidID(wanted) || wanted.count == 1 else { return nil }
        if store.index.position(of: wanted) != nil { return try store.read(id: wanted) }
        let matches = store.index.ids.filter { $0.hasPrefix(wanted) }
        guard let only = matches.first else { return nil }
        guard matches.count == 1 else {
            throw StoreError(
                operation: "find article", path: nil,
                reason: "id prefix \(id) is ambiguous: \(matches.count) articles start with it")
        }
        return try store.read(id: only)
    }

    /// The ids of every article last seen at or after `since`, oldest `lastSeen` first: the
    /// order of an export. The caller reads each with `article(id:)`, so a slow reader of a
    /// long export never holds the pipeline for more than one article.
    public func exportOrder(since: Date?) -> [String] {
        store.index.summaries
            .filter { summary in since.map { summary.lastSeen >= $0 } ?? true }
            .sorted { ($0.lastSeen, $0.id) < ($1.lastSeen, $1.id) }
            .map(\.id)
    }

    public func updateSettings(_ settings: IngestSettings) {
        self.settings = settings
    }

    private func ingest(_ draft: PreparedDraft, from document: Document, at now: Date) throws -> IngestOutcome {
        let store = self.store
        let source = document.source
        // The resolver holds a copy of the index; made and dropped within this one statement,
        // so that the commit below mutates the only copy. Kept alive across the commit, it would
        // make the commit copy every map of the index it touches (copy on write): the
        // near-duplicate index alone holds up to 40 fingerprints per stored version, tens of
        // milliseconds per new article at 10^5 articles.
        let decision = try IdentityResolver(
            index: store.index, settings: settings,
            load: { position in try store.read(id: store.index.id(at: position)) }, logger: logger
        ).resolve(draft, from: source)
        let outcome: IngestOutcome
        switch decision {
        case .unchanged(let id):
            outcome = .unchanged(id: id)
        case .newArticle:
            let id = store.newID(for: draft.canonicalURL ?? draft.contentHash)
            try store.commit(ArticleUpdate.created(id: id, from: draft, source: source, at: now), shingles: draft.known(as: 1))
            outcome = .created(id: id)
        case .newVersion(let stored):
            let article = ArticleUpdate.versioned(stored, with: draft, source: source, at: now)
            try store.commit(article, shingles: draft.known(as: article.version))
            outcome = .versioned(id: article.id, version: article.version)
        case .returned(let earlier, let stored):
            let article = ArticleUpdate.returned(stored, to: earlier, by: draft, source: source, at: now)
            try store.commit(article)
            outcome = .returned(id: article.id, version: earlier.version)
        case .sighting(let stored, let match, let similarity):
            let article = ArticleUpdate.sighted(
                stored, by: draft, source: source, match: match, similarity: similarity, at: now,
                urlIsFree: { store.index.article(withURL: $0) == nil })
            try store.commit(article)
            outcome = .sighted(id: article.id, match: match, similarity: similarity)
        }
        var metadata = outcome.logMetadata
        metadata["input"] = "\(document.name)"
        metadata["source"] = "\(source.kind.rawValue):\(source.name)"
        logger.info("ingested", metadata: metadata)
        return outcome
    }
}

extension IngestOutcome {
    /// The outcome as log fields: `outcome`, `id`, and `version` or `match` and `similarity`.
    var logMetadata: Logger.Metadata {
        switch self {
        case .created(let id):
            return ["outcome": "created", "id": "\(id)"]
        case .versioned(let id, let version):
            return ["outcome": "versioned", "id": "\(id)", "version": "\(version)"]
        case .returned(let id, let version):
            return ["outcome": "returned", "id": "\(id)", "version": "\(version)"]
        case .sighted(let id, let match, let similarity):
            return [
                "outcome": "sighted", "id": "\(id)", "match": "\(match.rawValue)",
                "similarity": "\((similarity * 1000).rounded() / 1000)",
            ]
        case .unchanged(let id):
            return ["outcome": "unchanged", "id": "\(id)"]
        }
    }
}
