import Dispatch
import Foundation

/// Reads article files for the index: the stamp first (so a change made while a file is read
/// shows as a change later), then the JSON, then the shingles of every version long enough to
/// have them. Reading is most of a rebuild's cost (about 1 ms an article: the JSON, the
/// normalization and the shingles), so a rebuild reads a shard's files on every core and
/// takes them into the index one by one, in name order, as before.
enum ArticleFileReader {
    /// What reading one file gave.
    enum Outcome {
        /// The file is gone (removed since it was listed).
        case gone
        /// Its status cannot be read: it is left as it is.
        case noStatus(any Error)
        case read(stamp: UInt64, article: Article, shingles: [Int: Shingles])
        /// It exists but does not hold the article its name says, or cannot be decoded.
        case unreadable(stamp: UInt64, any Error)
    }

    /// Reads the file of article `id` at `path`.
    static func read(id: String, path: String) -> Outcome {
        let stamp: UInt64
        do {
            guard let status = try SystemCall.status(path) else { return .gone }
            stamp = StoreFileStamps.stamp(status)
        } catch {
            return .noStatus(error)
        }
        do {
            let article = try decode(path: path)
            guard article.id == id else {
                throw StoreError(operation: "read article", path: path, reason: "the file holds article \(article.id)")
            }
            var shingles: [Int: Shingles] = [:]
            for version in article.versions {
                let words = ContentNormalizer.words(normalized: PreparedDraft.content(of: version))
                if words.count >= Shingles.minimumWords { shingles[version.version] = Shingles(words: words) }
            }
            return .read(stamp: stamp, article: article, shingles: shingles)
        } catch {
            return .unreadable(stamp: stamp, error)
        }
    }

    /// Reads every file of `files` (id and path), on every core; the outcomes in the same order.
    static func read(_ files: [(id: String, path: String)]) -> [Outcome] {
        let slots = OutcomeSlots(files.count)
        let workers = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for number in stride(from: worker, to: files.count, by: workers) {
                slots.set(number, read(id: files[number].id, path: files[number].path))
            }
        }
        return slots.outcomes
    }

    /// The article in the file at `path`.
    static func decode(path: String) throws -> Article {
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
}

/// One slot per file for the reading workers; each worker fills only its own slots, so the
/// lock is held for a store and never contended for long.
private final class OutcomeSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [ArticleFileReader.Outcome]

    init(_ count: Int) { slots = Array(repeating: .gone, count: count) }

    func set(_ number: Int, _ outcome: ArticleFileReader.Outcome) { lock.withLock { slots[number] = outcome } }

    var outcomes: [ArticleFileReader.Outcome] { lock.withLock { slots } }
}
