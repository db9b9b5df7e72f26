import Foundation
import Logging

/// Loading the index from its snapshot at open, catching up with the article files changed
/// since, and saving it (docs/store.md, "Index snapshot"). The rule that keeps this safe: a
/// snapshot is only a shortcut. It is trusted only as far as the files' stamps prove that
/// nothing it describes changed; anything it cannot account for — a file gone, a file that lost
/// versions or changed other than by growing, a damaged or foreign snapshot — makes the store
/// rebuild the index from the files, which are the truth.
extension ArticleStore {
    /// Loads the index from the snapshot, else rebuilds it; then saves a snapshot when the
    /// load read any article file, so the next start does not read them again.
    func openIndex() throws {
        let clock = ContinuousClock()
        let start = clock.now
        var filesRead = 0
        removeTemporaryFiles(in: layout.indexDirectory)
        do throws(SnapshotRefusal) {
            let snapshot = try StoreIndexSnapshot.read(layout.snapshot, storeCreated: storeCreated)
            filesRead = try catchUp(from: snapshot)
            indexOrigin = .snapshot(generation: snapshot.generation, replayed: filesRead)
        } catch {
            if case .missing = error, !storeHasShards() {
                // A new store: there is nothing to rebuild and nothing worth saying.
            } else {
                logger.notice("rebuilding the index from the article files", metadata: ["reason": "\(error)"])
            }
            try rebuildIndex()
            filesRead = index.counts.articles + unreadableIDs.count
            indexOrigin = .rebuilt(reason: "\(error)")
        }
        let elapsed = clock.now - start
        indexLoadSeconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
        logger.info(
            "store opened",
            metadata: [
                "path": "\(layout.root)", "articles": "\(counts.articles)", "versions": "\(counts.versions)",
                "sightings": "\(counts.sightings)", "unreadable": "\(unreadableIDs.count)",
                "index": "\(indexOrigin.isSnapshot ? "snapshot" : "rebuilt")", "indexReason": "\(indexOrigin)",
                "seconds": "\(indexLoadSeconds)",
            ])
        commitsSinceSnapshot = 0
        snapshotIsCurrent = indexOrigin.isSnapshot && filesRead == 0
        // Files read on top of a good snapshot (the commits after it, before a crash) count as
        // commits toward the next one, which comes at the usual interval or at a clean stop: a
        // start is not held up writing a whole snapshot (about 20 s at a million articles) for
        // a handful of files. After a rebuild it is written at once, or the next start would
        // rebuild again.
        if indexOrigin.isSnapshot, filesRead < snapshotInterval {
            commitsSinceSnapshot = filesRead
        } else if filesRead > 0 {
            do {
                try saveIndexSnapshot()
            } catch {
                logger.error("cannot write the index snapshot; the next start reads the article files again", metadata: [
                    "path": "\(layout.snapshot)", "error": "\(error)",
                ])
            }
        }
    }

    /// Writes the snapshot of the index as it is now, atomically and durably: first every
    /// rename the index already reflects is made durable, so the snapshot never describes
    /// more than a power cut leaves on disk. With `onlyIfChanged`, nothing is written when the
    /// snapshot on disk already describes the index (a shutdown after nothing was ingested).
    ///
    /// With `settling` (the clean stop), shards changed within the last second are waited for
    /// until their stamps can be trusted: a shard stamped unsettled is listed and every file
    /// in it stat'ed at the next start, thousands of files each at a million articles, and a
    /// burst of inputs just before a stop leaves most shards so. Nothing writes to the store
    /// while the snapshot is made, so the wait (under a second) stamps them all.
    public func saveIndexSnapshot(onlyIfChanged: Bool = false, settling: Bool = false) throws {
        if onlyIfChanged && snapshotIsCurrent { return }
        let clock = ContinuousClock()
        let start = clock.now
        try syncDirectories()
        do {
            let first = try shardStamps(now: StoreFileStamps.now())
            var shards = first.stamps
            // At most the settle time itself, should a directory's times lie ahead of the clock
            // (the clock set back): a stop never waits longer than that second.
            let wait = min(StoreFileStamps.settleNanoseconds, StoreFileStamps.settleNanoseconds - (StoreFileStamps.now() - first.newestChange))
            if settling, shards.values.contains(StoreFileStamps.unsettled), wait > 0 {
                // A millisecond past the second, for the file system's coarse clock.
                let total = wait + 1_000_000
                var pause = timespec(tv_sec: Int(total / 1_000_000_000), tv_nsec: Int(total % 1_000_000_000))
                var left = timespec()
                while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
                shards = try shardStamps(now: StoreFileStamps.now()).stamps
            }
            stamps.shards = shards
        } catch {
            throw StoreError(operation: "write index snapshot", error)
        }
        let parts = StoreIndexSnapshot(generation: generation, storeCreated: storeCreated, index: index, stamps: stamps).encodedParts()
        let byteCount = parts.reduce(0) { $0 + $1.count }
        do {
            try DurableFile.makeDirectory(layout.indexDirectory)
            try DurableFile.write(parts: parts, to: layout.snapshot)
        } catch {
            throw StoreError(operation: "write index snapshot", error)
        }
        commitsSinceSnapshot = 0
        snapshotIsCurrent = true
        let elapsed = clock.now - start
        lastSnapshot = (byteCount, Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))
        logger.info("index snapshot written", metadata: [
            "path": "\(layout.snapshot)", "generation": "\(generation)", "articles": "\(counts.articles)",
            "bytes": "\(byteCount)",
            "seconds": "\(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds))",
        ])
    }

    /// Every shard directory's stamp for a snapshot made at `now`, and the newest change
    /// among them (nanoseconds since 1970).
    private func shardStamps(now: Int64) throws(SystemError) -> (stamps: [String: UInt64], newestChange: Int64) {
        var shards: [String: UInt64] = [:]
        var newest: Int64 = 0
        for name in try SystemCall.listDirectory(layout.articles) {
            guard let status = try SystemCall.status(layout.articles + "/" + name), status.st_mode & S_IFMT == S_IFDIR else { continue }
            shards[name] = StoreFileStamps.shardStamp(status, now: now)
            newest = max(newest, StoreFileStamps.changed(status))
        }
        return (shards, newest)
    }

    /// Takes the snapshot's index and reads again the article files changed since it: only in
    /// shard directories whose own stamp changed (or was too recent to trust), and there only
    /// the files whose stamp differs. Returns how many files were read; throws `.stale` when the
    /// files cannot be reconciled with the snapshot by reading them again.
    private func catchUp(from snapshot: StoreIndexSnapshot) throws(SnapshotRefusal) -> Int {
        index = snapshot.index
        stamps = snapshot.stamps
        unreadableIDs = Set(stamps.unreadable.keys)
        generation = snapshot.generation

        var dirty: [String] = []
        var present: Set<String> = []
        do {
            for name in try SystemCall.listDirectory(layout.articles).sorted() {
                guard let status = try SystemCall.status(layout.articles + "/" + name), status.st_mode & S_IFMT == S_IFDIR else {
                    continue
                }
                present.insert(name)
                let known = snapshot.stamps.shards[name]
                if known == nil || known == StoreFileStamps.unsettled || known != StoreFileStamps.stamp(status) {
                    dirty.append(name)
                }
            }
        } catch {
            throw .unreadable("\(error)")
        }
        for shard in snapshot.stamps.shards.keys.sorted() where !present.contains(shard) {
            throw .stale("the shard directory articles/\(shard) is gone")
        }
        guard !dirty.isEmpty else { return 0 }

        // The snapshot's articles in each shard to check, to notice a file that is gone.
        let checked = Set(dirty)
        var expected: [String: [Int]] = [:]
        for (position, summary) in index.summaries.enumerated() {
            let shard = String(summary.id.prefix(2))
            if checked.contains(shard) { expected[shard, default: []].append(position) }
        }
        var read = 0
        for shard in dirty {
            read += try catchUp(shard: shard, expecting: expected[shard] ?? [])
        }
        return read
    }

    /// Catches up with one shard directory; see `catchUp(from:)`.
    private func catchUp(shard: String, expecting positions: [Int]) throws(SnapshotRefusal) -> Int {
        let shardPath = layout.articles + "/" + shard
        removeTemporaryFiles(in: shardPath)
        let names: [String]
        do {
            names = try SystemCall.listDirectory(shardPath).sorted()
        } catch {
            throw .unreadable("\(error)")
        }
        unsyncedDirectories.insert(shardPath)
        var seen: Set<String> = []
        var read = 0
        for name in names {
            guard let id = StoreLayout.id(fromFileName: name), id.hasPrefix(shard) else { continue }
            let path = shardPath + "/" + name
            let stamp: UInt64
            do {
                guard let status = try SystemCall.status(path) else { continue }
                stamp = StoreFileStamps.stamp(status)
            } catch {
                throw .unreadable("\(error)")
            }
            seen.insert(id)
            if let position = index.position(of: id) {
                guard stamps.articles[position] != stamp else { continue }
                try reread(id: id, at: position, path: path)
                read += 1
            } else if stamps.unreadable[id] != stamp {
                // New since the snapshot, or an unreadable file that was changed: read it.
                load(id: id, path: path)
                read += 1
            }
        }
        for position in positions where !seen.contains(index.id(at: position)) {
            throw .stale("the article file \(layout.file(of: index.id(at: position))) is gone")
        }
        for id in stamps.unreadable.keys where id.hasPrefix(shard) && !seen.contains(id) {
            stamps.unreadable[id] = nil
            unreadableIDs.remove(id)
        }
        generation += UInt64(read)
        return read
    }

    /// Reads again an article the snapshot holds whose file changed. Only growth can be taken
    /// in (what a commit does: versions and sightings added, the summary replaced); anything
    /// else means the snapshot's view of it is wrong and throws `.stale`.
    private func reread(id: String, at position: Int, path: String) throws(SnapshotRefusal) {
        let stamp: UInt64
        let article: Article
        do {
            guard let status = try SystemCall.status(path) else { throw SnapshotRefusal.stale("the article file \(path) is gone") }
            stamp = StoreFileStamps.stamp(status)
            article = try read(id: id)
        } catch let refusal as SnapshotRefusal {
            throw refusal
        } catch {
            throw .stale("the article file \(path) changed and cannot be read (\(error))")
        }
        guard article.id == id else { throw .stale("the article file \(path) now holds article \(article.id)") }
        let indexed = index.indexedVersions[position]
        guard article.versions.count >= indexed,
            article.versions.prefix(indexed).allSatisfy({ index.article(withContent: ContentKey($0.contentHash)) != nil })
        else {
            throw .stale("the article file \(path) lost or rewrote versions the snapshot holds")
        }
        index.record(article)
        stamps.set(stamp, at: position)
    }

    /// Whether `articles/` holds any shard directory (a store with articles, or damaged ones).
    private func storeHasShards() -> Bool {
        guard let names = try? SystemCall.listDirectory(layout.articles) else { return false }
        return !names.isEmpty
    }
}
