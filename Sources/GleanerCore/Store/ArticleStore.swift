import Crypto
import Foundation
import Logging

/// The versioned JSON store on disk and its in-memory index (layout in `StoreLayout` and
/// docs/store.md). Opening it checks the format marker, removes temporary files a crash left,
/// and reads every article file to build the index; a damaged file is logged by path and left
/// alone. Not thread-safe: it is owned by one `Ingestor` actor and used only from there.
public final class ArticleStore {
    public let directory: URL
    let layout: StoreLayout
    private(set) var index = StoreIndex()
    /// Ids whose files exist but could not be read: never handed out again, so a damaged
    /// file is never overwritten by a new article.
    private(set) var unreadableIDs: Set<String> = []
    /// Directories holding renames not yet made durable by a directory fsync (see `flush`).
    private var unsyncedDirectories: Set<String> = []
    private let logger: Logger

    /// Opens the store in `directory`, creating it (and a format marker) when missing.
    public init(directory: URL, logger: Logger, now: Date = Date()) throws {
        self.directory = directory.standardizedFileURL
        self.layout = StoreLayout(root: self.directory.path)
        self.logger = logger
        do {
            try DurableFile.makeDirectories(layout.root)
            _ = try StoreMarker.openOrCreate(at: layout.marker, now: now)
            removeTemporaryFiles(in: layout.root)
            try DurableFile.makeDirectory(layout.articles)
        } catch let error as SystemError {
            throw StoreError(operation: "open store", error)
        }
        try loadArticles()
    }

    public var counts: StoreCounts { index.counts }

    /// Reads one stored article by its exact id.
    public func read(id: String) throws -> Article {
        let path = layout.file(of: id)
        let bytes: [UInt8]
        do {
            bytes = try SystemCall.readFile(path)
        } catch {
            throw StoreError(operation: "read article", error)
        }
        do {
            return try ArticleJSON.decoder().decode(Article.self, from: Data(bytes))
        } catch {
            throw StoreError(operation: "read article", path: path, reason: "cannot decode: \(error)")
        }
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
        do {
            // A new shard directory is made durable at once, with its entry in `articles/`.
            try DurableFile.makeDirectory(shard)
            try DurableFile.write(Array(data) + [0x0A], to: path, syncDirectory: false)
        } catch {
            throw StoreError(operation: "write article", error)
        }
        unsyncedDirectories.insert(shard)
        index.record(article, knownShingles: shingles)
    }

    /// Fsyncs every directory that received a rename since the last flush.
    func flush() throws {
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

    private func loadArticles() throws {
        let shards: [String]
        do {
            shards = try SystemCall.listDirectory(layout.articles).sorted()
        } catch {
            throw StoreError(operation: "open store", error)
        }
        for shard in shards {
            let shardPath = layout.articles + "/" + shard
            let names: [String]
            do {
                guard try SystemCall.isDirectory(shardPath) else { continue }
                removeTemporaryFiles(in: shardPath)
                names = try SystemCall.listDirectory(shardPath).sorted()
            } catch {
                throw StoreError(operation: "open store", error)
            }
            for name in names {
                guard let id = StoreLayout.id(fromFileName: name), id.hasPrefix(shard) else { continue }
                load(id: id, path: shardPath + "/" + name)
            }
        }
        logger.info(
            "store opened",
            metadata: [
                "path": "\(layout.root)", "articles": "\(counts.articles)", "versions": "\(counts.versions)",
                "sightings": "\(counts.sightings)", "unreadable": "\(unreadableIDs.count)",
            ])
    }

    private func load(id: String, path: String) {
        do {
            let article = try read(id: id)
            guard article.id == id else {
                throw StoreError(operation: "read article", path: path, reason: "the file holds article \(article.id)")
            }
            index.record(article)
        } catch {
            unreadableIDs.insert(id)
            logger.error(
                "skipping an unreadable article file; it is left as it is",
                metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    /// Removes what `DurableFile.write` leaves when the process dies between creating its
    /// temporary file and renaming it: such a file was never the store's content.
    private func removeTemporaryFiles(in directory: String) {
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
