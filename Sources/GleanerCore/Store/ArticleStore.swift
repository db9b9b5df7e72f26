import Crypto
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The versioned JSON store on disk and its in-memory index (layout in `StoreLayout` and
/// docs/store.md). Opening it checks the format marker, removes temporary files a crash left,
/// and loads the index: from the index snapshot plus the article files changed since it
/// (`ArticleStore+Snapshot.swift`), else by reading every article file; a damaged file is
/// logged by path and left alone. Not thread-safe: it is owned by one `Ingestor` actor and
/// used only from there.
public final class ArticleStore {
    public let directory: URL
    let layout: StoreLayout
    // The state below is internal rather than private only so that the extensions in
    // ArticleStore+Snapshot.swift and ArticleStore+Rebuild.swift can load and save it.
    var index = StoreIndex()
    /// The stamps of the files the index was built from, by the index's positions.
    var stamps = StoreFileStamps()
    /// Ids whose files exist but could not be read: never handed out again, so a damaged
    /// file is never overwritten by a new article.
    var unreadableIDs: Set<String> = []
    /// Directories holding renames not yet made durable by a directory fsync (see `flush`).
    var unsyncedDirectories: Set<String> = []
    /// How many article-file changes the index has taken in: one per commit, one per file
    /// read at open. Saved in the snapshot, so it names the state a snapshot reflects.
    var generation: UInt64 = 0
    /// Commits since the last snapshot; at `snapshotEvery` the next `flush` writes one.
    var commitsSinceSnapshot = 0
    /// Whether the snapshot on disk describes the index as it is (loaded with nothing to read
    /// again, or written, and no commit since): then a shutdown need not write it again.
    var snapshotIsCurrent = false
    /// How many commits make `flush` save the index (docs/store.md, "Index snapshot").
    var snapshotEvery: Int
    /// The marker's creation time, which ties a snapshot to this store.
    let storeCreated: Double
    /// Where the index came from at open, for logs, tests and benchmarks.
    public internal(set) var indexOrigin: IndexOrigin = .rebuilt(reason: "not loaded yet")
    /// How long loading the index took at open (snapshot and catch-up, or rebuild), without
    /// the snapshot written after it.
    public internal(set) var indexLoadSeconds: Double = 0
    /// The last snapshot written by this store: its size and how long it took.
    public internal(set) var lastSnapshot: (bytes: Int, seconds: Double)?
    let logger: Logger

    /// The default of `snapshotEvery`: after a crash at most this many article files are read
    /// again at start (about 12 s), and a snapshot (under a second at 10^5 articles, about 19 s
    /// at 10^6: docs/benchmarks.md (f)) is spread over that many commits.
    public static let defaultSnapshotEvery = 10_000

    /// Opens the store in `directory`, creating it (and a format marker) when missing.
    public init(directory: URL, logger: Logger, now: Date = Date(), snapshotEvery: Int = ArticleStore.defaultSnapshotEvery) throws {
        self.directory = directory.standardizedFileURL
        self.layout = StoreLayout(root: self.directory.path)
        self.logger = logger
        self.snapshotEvery = max(1, snapshotEvery)
        let marker: StoreMarker
        do {
            try DurableFile.makeDirectories(layout.root)
            marker = try StoreMarker.openOrCreate(at: layout.marker, now: now)
        } catch let error as SystemError {
            throw StoreError(operation: "open store", error)
        }
        storeCreated = StoreIndexSnapshot.identity(of: marker)
        removeTemporaryFiles(in: layout.root)
        do {
            try DurableFile.makeDirectory(layout.articles)
        } catch {
            throw StoreError(operation: "open store", error)
        }
        try openIndex()
    }

    public var counts: StoreCounts { index.counts }

    /// Reads one stored article by its exact id.
    public func read(id: String) throws -> Article {
        try ArticleFileReader.decode(path: layout.file(of: id))
    }

    /// Writes an article's document atomically (temporary file, fsync, rename) and takes it into
    /// the index. The rename is durable only after `flush`, which the caller runs before it
    /// acknowledges the input. `shingles` are the shingles of versions the caller already worked
    /// out (a new version's, from its `PreparedDraft`), so they are not made twice.
    func commit(_ article: Article, shingles: [Int: Shingles] = [:]) throws {
        let shard = layout.shard(of: article.id)
        let path = layout.file(of: article.id)
        let data: Data
        do {
            data = try ArticleJSON.encoder(pretty: true).encode(article)
        } catch {
            throw StoreError(operation: "write article", path: path, reason: "cannot encode: \(error)")
        }
        let stamp: UInt64
        do throws(SystemError) {
            // A new shard directory is made durable at once, with its entry in `articles/`.
            try DurableFile.makeDirectory(shard)
            try DurableFile.write(Array(data) + [0x0A], to: path, syncDirectory: false)
            guard let status = try SystemCall.status(path) else {
                throw SystemError(operation: "stat", path: path, errno: ENOENT)
            }
            stamp = StoreFileStamps.stamp(status)
        } catch {
            throw StoreError(operation: "write article", error)
        }
        unsyncedDirectories.insert(shard)
        index.record(article, knownShingles: shingles)
        if let position = index.position(of: article.id) { stamps.set(stamp, at: position) }
        generation += 1
        commitsSinceSnapshot += 1
        snapshotIsCurrent = false
    }

    /// Fsyncs every directory that received a rename since the last flush, then saves the
    /// index when `snapshotEvery` commits were made since the last snapshot. A snapshot that
    /// cannot be written is logged, not thrown: the commits are durable, and the next start
    /// reads the files changed since the last good snapshot.
    func flush() throws {
        try syncDirectories()
        guard commitsSinceSnapshot >= snapshotInterval else { return }
        do {
            try saveIndexSnapshot()
        } catch {
            logger.error("cannot write the index snapshot; the next start reads the changed files again", metadata: [
                "path": "\(layout.snapshot)", "error": "\(error)",
            ])
            // Tried again after as many commits again, not after every input.
            commitsSinceSnapshot = 0
        }
    }

    /// How many commits are made between two snapshots: `snapshotEvery`, or a tenth of the
    /// articles stored when that is more. A snapshot's cost grows with the store (about 15 s
    /// at a million articles); spread over a number of commits that grows with it too, its
    /// share of each commit stays as small as at 10^5, and a crash still costs at most a tenth
    /// of the store read again at the next start.
    var snapshotInterval: Int { max(snapshotEvery, index.counts.articles / 10) }

    /// Fsyncs every directory that received a rename since it was last synced.
    func syncDirectories() throws {
        for directory in unsyncedDirectories.sorted() {
            do {
                try DurableFile.syncDirectory(directory)
            } catch {
                throw StoreError(operation: "sync store directory", error)
            }
            unsyncedDirectories.remove(directory)
        }
    }

    /// A new id: the first 16 hex digits of the SHA-256 of `key` (the canonical URL, else the
    /// content hash), so the same input gets the same id in any store. When that id is taken,
    /// `key#1`, `key#2`, … are hashed instead.
    func newID(for key: String) -> String {
        var attempt = 0
        while true {
            let seed = attempt == 0 ? key : "\(key)#\(attempt)"
            let digest = SHA256.hash(data: Array(seed.utf8))
            let id = String(digest.map { String(format: "%02x", $0) }.joined().prefix(16))
            if index.position(of: id) == nil && !unreadableIDs.contains(id) { return id }
            attempt += 1
        }
    }

    /// Removes what `DurableFile.write` leaves when the process dies between creating its
    /// temporary file and renaming it: such a file was never the store's content.
    func removeTemporaryFiles(in directory: String) {
        guard let names = try? SystemCall.listDirectory(directory) else { return }
        for name in names where DurableFile.isTemporaryName(name) {
            let path = directory + "/" + name
            do {
                try SystemCall.unlink(path)
                logger.notice("removed a temporary file left by an interrupted write", metadata: ["path": "\(path)"])
            } catch {
                logger.warning("cannot remove a leftover temporary file", metadata: ["path": "\(path)", "error": "\(error)"])
            }
        }
    }
}
