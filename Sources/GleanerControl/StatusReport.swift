import Foundation
import GleanerCore

/// What `gleanerctl status` shows: the daemon, its store, inbox and sources, and its latest
/// errors. Built by the daemon at the moment of the request; immutable on the wire.
///
/// Its JSON form puts the store counts at the top level (`articles`, `versions`, `sightings`)
/// and nests the rest (`inbox.pending`, `sources.failing`, …): these keys are a documented
/// interface for scripts (SPEC section 7).
public struct StatusReport: Sendable, Hashable {
    /// The daemon's own version string.
    public var version: String
    public var pid: Int
    public var uptimeSeconds: Int
    public var storePath: String
    /// libcurl's version string as `curl_version()` gives it.
    public var curlVersion: String
    public var counts: StoreCounts
    public var inbox: InboxCounts
    public var sources: SourceCounts
    /// The most recent failures, oldest first.
    public var lastErrors: [RecentError]
    /// Where the store's index came from at start-up; nil from a daemon too old to say.
    public var index: IndexStatus?

    public init(
        version: String, pid: Int, uptimeSeconds: Int, storePath: String, curlVersion: String,
        counts: StoreCounts, inbox: InboxCounts, sources: SourceCounts, lastErrors: [RecentError],
        index: IndexStatus? = nil
    ) {
        self.version = version
        self.pid = pid
        self.uptimeSeconds = uptimeSeconds
        self.storePath = storePath
        self.curlVersion = curlVersion
        self.counts = counts
        self.inbox = inbox
        self.sources = sources
        self.lastErrors = lastErrors
        self.index = index
    }

    /// How the store's in-memory index was made when the daemon opened the store: loaded from
    /// the index snapshot (the article files changed since read again) or rebuilt from every
    /// article file, and how long that took — what tells a slow start from a broken snapshot.
    public struct IndexStatus: Codable, Sendable, Hashable {
        /// "snapshot" or "rebuilt".
        public var from: String
        /// In words: the snapshot's generation and the files read again, or why it was rebuilt.
        public var detail: String
        public var loadSeconds: Double

        public init(from: String, detail: String, loadSeconds: Double) {
            self.from = from
            self.detail = detail
            self.loadSeconds = loadSeconds
        }

        public init(_ origin: IndexOrigin, loadSeconds: Double) {
            self.init(from: origin.isSnapshot ? "snapshot" : "rebuilt", detail: origin.description, loadSeconds: loadSeconds)
        }
    }

    /// How the configured sources are doing.
    public struct SourceCounts: Codable, Sendable, Hashable {
        public var total: Int
        /// Sources whose last fetch succeeded (or that have not been fetched yet).
        public var ok: Int
        /// Sources whose last fetch failed; they are retried with back-off.
        public var failing: Int
        /// When the next source is due, if any is configured.
        public var nextDue: Date?

        public init(total: Int = 0, ok: Int = 0, failing: Int = 0, nextDue: Date? = nil) {
            self.total = total
            self.ok = ok
            self.failing = failing
            self.nextDue = nextDue
        }
    }

    /// One failure on one input: what `.failed/NAME.reason.json` or a source's last error says.
    public struct RecentError: Codable, Sendable, Hashable {
        public var time: Date
        /// The inbox file name or the source name.
        public var input: String
        public var stage: String
        public var error: String

        public init(time: Date, input: String, stage: String, error: String) {
            self.time = time
            self.input = input
            self.stage = stage
            self.error = error
        }
    }
}

extension StatusReport: Codable {
    enum CodingKeys: String, CodingKey {
        case version, pid, uptimeSeconds, storePath, curlVersion
        case articles, versions, sightings
        case inbox, sources, lastErrors, index
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(String.self, forKey: .version)
        pid = try c.decode(Int.self, forKey: .pid)
        uptimeSeconds = try c.decode(Int.self, forKey: .uptimeSeconds)
        storePath = try c.decode(String.self, forKey: .storePath)
        curlVersion = try c.decode(String.self, forKey: .curlVersion)
        counts = StoreCounts(
            articles: try c.decode(Int.self, forKey: .articles),
            versions: try c.decode(Int.self, forKey: .versions),
            sightings: try c.decode(Int.self, forKey: .sightings))
        inbox = try c.decode(InboxCounts.self, forKey: .inbox)
        sources = try c.decode(SourceCounts.self, forKey: .sources)
        lastErrors = try c.decode([RecentError].self, forKey: .lastErrors)
        index = try c.decodeIfPresent(IndexStatus.self, forKey: .index)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(pid, forKey: .pid)
        try c.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try c.encode(storePath, forKey: .storePath)
        try c.encode(curlVersion, forKey: .curlVersion)
        try c.encode(counts.articles, forKey: .articles)
        try c.encode(counts.versions, forKey: .versions)
        try c.encode(counts.sightings, forKey: .sightings)
        try c.encode(inbox, forKey: .inbox)
        try c.encode(sources, forKey: .sources)
        try c.encode(lastErrors, forKey: .lastErrors)
        try c.encodeIfPresent(index, forKey: .index)
    }
}
