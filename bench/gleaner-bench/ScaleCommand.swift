import ArgumentParser
import Foundation
import GleanerCore

#if canImport(Glibc)
import Glibc
#endif

/// `gleaner-bench scale`: how identity, dedup and the store hold up as the store grows. For
/// each size, a store of that many generated articles (realistic lengths, every text different)
/// is written straight in the documented on-disk format (docs/store.md; one sync at the end,
/// not an fsync per file — this is set-up, not what is measured), then `scale-probe` opens it in
/// its own process twice: first without an index snapshot (the index is rebuilt from every
/// article file, then the snapshot is written), then again from that snapshot — the restart —
/// and ingests new articles through the real `Ingestor`. With `--keep`, a generated store is
/// kept and reused by later runs, each of which works on a hard-linked copy of it (the store
/// replaces files by renaming new ones over them, so the kept files never change): a million
/// articles take many minutes to write.
struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Restart time, time per new article and memory at growing store sizes.")

    @Option(help: "Store sizes, comma-separated.")
    var sizes = "10000,100000"

    @Option(help: "New articles ingested at each size (half of them near copies of stored ones).")
    var probe = 200

    @Option(help: "Where the stores are built (one at a time; removed after).")
    var dir: String?

    @Option(help: "Keep the generated stores in this directory and reuse them in later runs (each run works on a hard-linked copy).")
    var keep: String?

    func run() throws {
        let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty else { throw BenchError("--sizes: expected numbers like 10000,100000") }
        let work = try TemporaryDirectory(prefix: "gleaner-bench-scale")
        print("scale benchmark: stores of \(counts.map(String.init).joined(separator: ", ")) generated articles; \(probe) new ones ingested at each size")
        print(
            Report.pad("stored", 10) + Report.pad("written", 10) + Report.pad("on disk", 11) + Report.pad("rebuild", 10)
                + Report.pad("snap write", 11) + Report.pad("index B/art", 12) + Report.pad("restart", 10)
                + Report.pad("RSS open", 11) + Report.pad("of it file", 11) + Report.pad("ms/new", 9) + Report.pad("ms/near", 9) + Report.pad("peak RSS", 11) + "outcomes")
        for count in counts {
            let root: String
            let bytes: Int
            let written: String
            let clock = ContinuousClock()
            if let keep {
                let kept = keep + "/store-\(count)"
                let mark = kept + ".complete"
                if let recorded = try? String(contentsOfFile: mark, encoding: .utf8), let size = Int(recorded.trimmingCharacters(in: .whitespacesAndNewlines)) {
                    bytes = size
                    written = "kept"
                } else {
                    try? FileManager.default.removeItem(atPath: kept)
                    let start = clock.now
                    bytes = try ScaleStore.write(count: count, to: kept)
                    written = Report.seconds(seconds(clock.now - start))
                    try "\(bytes)\n".write(toFile: mark, atomically: true, encoding: .utf8)
                }
                root = keep + "/work-\(count)"
                try? FileManager.default.removeItem(atPath: root)
                try ScaleStore.link(kept, to: root)
            } else {
                root = (dir ?? work.root) + "/store-\(count)"
                try? FileManager.default.removeItem(atPath: root)
                let start = clock.now
                bytes = try ScaleStore.write(count: count, to: root)
                written = Report.seconds(seconds(clock.now - start))
            }
            // Without a snapshot: the rebuild, which then writes the snapshot.
            let rebuild = try SideProcess<ScaleSummary>(
                [try selfExecutable(), "scale-probe", "--store", root, "--stored", String(count), "--probe", "0"],
                name: "rebuild-\(count)", work: work)
            let r = rebuild.summary
            guard !r.fromSnapshot, r.snapshotBytes > 0 else { throw BenchError("the first open of store-\(count) did not rebuild and save the index") }
            let side = try SideProcess<ScaleSummary>(
                [try selfExecutable(), "scale-probe", "--store", root, "--stored", String(count), "--probe", String(probe)],
                name: "probe-\(count)", work: work)
            let s = side.summary
            guard s.fromSnapshot else { throw BenchError("the restart of store-\(count) did not load the index snapshot") }
            print(
                Report.pad(String(count), 10) + Report.pad(written, 10)
                    + Report.pad(Report.fixed(Double(bytes) / 1_048_576, 1) + " MiB", 11) + Report.pad(Report.seconds(r.loadSeconds), 10)
                    + Report.pad(Report.seconds(r.snapshotSeconds), 11) + Report.pad(String(r.snapshotBytes / count), 12)
                    + Report.pad(Report.seconds(s.openSeconds), 10)
                    + Report.pad(Report.mebibytes(s.openRSSKiB), 11) + Report.pad(Report.mebibytes(s.openFileRSSKiB), 11) + Report.pad(Report.fixed(s.newMilliseconds, 2), 9)
                    + Report.pad(Report.fixed(s.nearMilliseconds, 2), 9) + Report.pad(Report.mebibytes(side.usage.peakRSSKiB), 11)
                    + s.outcomes)
            // A kept store's working copy stays, for a look at the store the run left (the next
            // run removes it).
            if keep == nil { try? FileManager.default.removeItem(atPath: root) }
        }
        print("(rebuild: opening the store without an index snapshot, every article file read; snap write: writing the snapshot after it; index B/art: the snapshot's bytes per article; restart: opening the store from the snapshot; RSS open: after that open, of it file: the part that is the mapped snapshot (page cache the kernel can drop and read again); ms/new: a new article through parse, identity, dedup and a durable commit; ms/near: a near copy of a stored article, found and sighted)")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What `scale-probe` prints.
struct ScaleSummary: Decodable {
    var openSeconds: Double
    var loadSeconds: Double
    var fromSnapshot: Bool
    var snapshotSeconds: Double
    var snapshotBytes: Int
    var openRSSKiB: Int
    var openFileRSSKiB: Int
    var newMilliseconds: Double
    var nearMilliseconds: Double
    var outcomes: String
}

/// Generated stores: article documents in the on-disk format, written without per-file fsync,
/// on every core (the documents are independent; a million must be written in minutes).
enum ScaleStore {
    /// A copy of the store at `source` made of hard links to its files, at `target`.
    static func link(_ source: String, to target: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: target + "/articles", withIntermediateDirectories: true)
        try manager.copyItem(atPath: source + "/gleaner-store.json", toPath: target + "/gleaner-store.json")
        for shard in try manager.contentsOfDirectory(atPath: source + "/articles") {
            let from = source + "/articles/" + shard
            let to = target + "/articles/" + shard
            try manager.createDirectory(atPath: to, withIntermediateDirectories: false)
            for name in try manager.contentsOfDirectory(atPath: from) {
                guard Glibc.link(from + "/" + name, to + "/" + name) == 0 else {
                    throw BenchError("cannot link \(from)/\(name) to \(to): \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// Writes `count` articles under `root`; returns the bytes written.
    static func write(count: Int, to root: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        let marker = "{\n  \"format\" : \(Article.currentFormat),\n  \"created\" : \"2026-11-23T00:00:00Z\"\n}\n"
        try marker.write(toFile: root + "/gleaner-store.json", atomically: true, encoding: .utf8)
        // Every shard the generator's ids can fall in, made up front so workers need no lock for them.
        for shard in 0..<256 {
            try FileManager.default.createDirectory(atPath: root + "/articles/" + String(format: "%02x", shard), withIntermediateDirectories: true)
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let results = WorkerResults(workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let encoder = ArticleJSON.encoder(pretty: true)
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            var total = 0
            do {
                for number in stride(from: worker, to: count, by: workers) {
                    let article = ScaleText.article(number, at: base.addingTimeInterval(Double(number)))
                    let path = root + "/articles/" + String(article.id.prefix(2)) + "/" + article.id + ".json"
                    var data = try encoder.encode(article)
                    data.append(0x0A)
                    guard FileManager.default.createFile(atPath: path, contents: data) else {
                        throw BenchError("cannot write article \(number) to \(path)")
                    }
                    total += data.count
                }
                results.set(worker, .success(total))
            } catch {
                results.set(worker, .failure(error))
            }
        }
        sync()
        return try results.all().reduce(0, +)
    }
}

/// What each generator worker wrote, or why it stopped. Each worker sets only its own slot.
final class WorkerResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Int, any Error>?]

    init(_ count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ worker: Int, _ result: Result<Int, any Error>) { lock.withLock { results[worker] = result } }

    func all() throws -> [Int] {
        try lock.withLock { results }.map { result in
            guard let result else { throw BenchError("a generator worker did not finish") }
            return try result.get()
        }
    }
}

/// Article texts for the scale benchmark: 300 to 1,200 words of varied sentences from a seeded
/// generator, so every stored article is different and near copies are made on purpose only.
enum ScaleText {
    static func body(_ number: Int) -> String {
        var random = SeededRandom(seed: UInt64(number) &* 0x2545_F491_4F6C_DD1D &+ 17)
        let words = 300 + random.below(900)
        var paragraphs: [String] = []
        var written = 0
        while written < words {
            let sentences = (0..<(2 + random.below(4))).map { _ in FeedGenerator.sentence(&random, words: 8 + random.below(18)) }
            written += sentences.reduce(0) { $0 + $1.split(separator: " ").count }
            paragraphs.append(sentences.joined(separator: " "))
        }
        return paragraphs.joined(separator: "\n\n")
    }

    static func headline(_ number: Int) -> String {
        var random = SeededRandom(seed: UInt64(number) &+ 0x5bd1_e995)
        return FeedGenerator.sentence(&random, words: 6 + random.below(6), period: false)
    }

    static func article(_ number: Int, at date: Date) -> Article {
        var draft = ArticleDraft(articleBody: body(number))
        draft.headline = headline(number)
        draft.url = "https://scale.example.org/\(number / 1000)/story-\(number).html"
        // Only the hash: the stored document needs nothing else of what PreparedDraft works out.
        let hash = ContentNormalizer.contentHash(draft.articleBody)
        let first = ArticleVersion(
            version: 1, capturedAt: date, source: SourceRef(kind: .feed, name: "scale"), contentHash: hash,
            headline: draft.headline, articleBody: draft.articleBody)
        var id = String(UInt64(number) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        id = String(repeating: "0", count: max(0, 16 - id.count)) + id
        return Article(id: id, draft: draft, firstVersion: first)
    }
}
