import Foundation
import Logging

/// Building the index from nothing by reading every article file: what a store without a
/// usable index snapshot does at open (about 1.2 ms of CPU per article, for the JSON, the
/// normalization and the near-duplicate sketch of every version, spread over every core by
/// `ArticleFileReader`).
extension ArticleStore {
    /// Reads every article file into an empty index, shard by shard and in name order within
    /// a shard, so the index is the same however many cores read it. Every shard directory is
    /// then marked for a sync, so a snapshot made of what was read never claims a rename a
    /// power cut could undo.
    func rebuildIndex() throws {
        index = StoreIndex()
        stamps = StoreFileStamps()
        unreadableIDs = []
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
            unsyncedDirectories.insert(shardPath)
            let files = names.compactMap { name -> (id: String, path: String)? in
                guard let id = StoreLayout.id(fromFileName: name), id.hasPrefix(shard) else { return nil }
                return (id, shardPath + "/" + name)
            }
            for (file, outcome) in zip(files, ArticleFileReader.read(files)) {
                take(outcome, id: file.id, path: file.path)
            }
        }
        generation = UInt64(index.counts.articles + unreadableIDs.count)
    }

    /// Reads one article file into the index, or records it as unreadable. Returns whether the
    /// file was readable.
    @discardableResult
    func load(id: String, path: String) -> Bool {
        take(ArticleFileReader.read(id: id, path: path), id: id, path: path)
    }

    /// Takes what reading the file of article `id` gave into the index, or records the file
    /// as unreadable (it is left as it is, and its id never handed out again). Returns whether
    /// the file was readable.
    @discardableResult
    private func take(_ outcome: ArticleFileReader.Outcome, id: String, path: String) -> Bool {
        switch outcome {
        case .gone:
            return false
        case .noStatus(let error):
            logger.error("cannot stat an article file; it is left as it is", metadata: ["path": "\(path)", "error": "\(error)"])
            return false
        case .read(let stamp, let article, let shingles):
            index.record(article, knownShingles: shingles)
            stamps.set(stamp, at: index.position(of: id)!)
            unreadableIDs.remove(id)
            stamps.unreadable[id] = nil
            return true
        case .unreadable(let stamp, let error):
            unreadableIDs.insert(id)
            stamps.unreadable[id] = stamp
            logger.error(
                "skipping an unreadable article file; it is left as it is",
                metadata: ["path": "\(path)", "error": "\(error)"])
            return false
        }
    }
}
