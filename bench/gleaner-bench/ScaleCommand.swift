import ArgumentParser
import Foundation
import GleanerCore

/// `gleaner-bench scale`: how identity, dedup and the store hold up as the store grows. For
/// each size, a store of that many generated articles (realistic lengths, every text different)
/// is written straight in the documented on-disk format (docs/store.md; one sync at the end,
/// not an fsync per file — this is set-up, not what is measured), then `scale-probe` opens it in
/// its own process — the restart — and ingests new articles through the real `Ingestor`.
struct ScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Restart time, time per new article and memory at growing store sizes.")

    @Option(help: "Store sizes, comma-separated.")
    var sizes = "10000,100000"

    @Option(help: "New articles ingested at each size (half of them near copies of stored ones).")
    var probe = 200

    @Option(help: "Where the stores are built (one at a time; removed after).")
    var dir: String?

    func run() throws {
        let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !counts.isEmpty else { throw BenchError("--sizes: expected numbers like 10000,100000") }
        let work = try TemporaryDirectory(prefix: "gleaner-bench-scale")
        print("scale benchmark: stores of \(counts.map(String.init).joined(separator: ", ")) generated articles; \(probe) new ones ingested at each size")
        print(
            Report.pad("stored", 10) + Report.pad("written", 10) + Report.pad("on disk", 11) + Report.pad("restart", 10)
                + Report.pad("RSS open", 11) + Report.pad("ms/new", 9) + Report.pad("ms/near", 9) + Report.pad("peak RSS", 11) + "outcomes")
        for count in counts {
            let root = (dir ?? work.root) + "/store-\(count)"
            try? FileManager.default.removeItem(atPath: root)
            let clock = ContinuousClock()
            let start = clock.now
            let bytes = try ScaleStore.write(count: count, to: root)
            let written = clock.now - start
            let side = try SideProcess<ScaleSummary>(
                [try selfExecutable(), "scale-probe", "--store", root, "--stored", String(count), "--probe", String(probe)],
                name: "probe-\(count)", work: work)
            let s = side.summary
            print(
                Report.pad(String(count), 10) + Report.pad(Report.seconds(seconds(written)), 10)
                    + Report.pad(Report.fixed(Double(bytes) / 1_048_576, 1) + " MiB", 11) + Report.pad(Report.seconds(s.openSeconds), 10)
                    + Report.pad(Report.mebibytes(s.openRSSKiB), 11) + Report.pad(Report.fixed(s.newMilliseconds, 2), 9)
                    + Report.pad(Report.fixed(s.nearMilliseconds, 2), 9) + Report.pad(Report.mebibytes(side.usage.peakRSSKiB), 11)
                    + s.outcomes)
            try? FileManager.default.removeItem(atPath: root)
        }
        print("(restart: opening the store, index rebuilt; ms/new: a new article through parse, identity, dedup and a durable commit; ms/near: a near copy of a stored article, found and sighted)")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// What `scale-probe` prints.
struct ScaleSummary: Decodable {
    var openSeconds: Double
    var openRSSKiB: Int
    var newMilliseconds: Double
    var nearMilliseconds: Double
    var outcomes: String
}

/// Generated stores: article documents in the on-disk format, written without per-file fsync.
enum ScaleStore {
    /// Writes `count` articles under `root`; returns the bytes written.
    static func write(count: Int, to root: String) throws -> Int {
        let encoder = ArticleJSON.encoder(pretty: true)
        try FileManager.default.createDirectory(atPath: root + "/articles", withIntermediateDirectories: true)
        let marker = "{\n  \"format\" : \(Article.currentFormat),\n  \"created\" : \"2026-11-23T00:00:00Z\"\n}\n"
        try marker.write(toFile: root + "/gleaner-store.json", atomically: true, encoding: .utf8)
        var total = 0
        var madeShards = Set<String>()
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        for number in 0..<count {
            let article = ScaleText.article(number, at: base.addingTimeInterval(Double(number)))
            let shard = root + "/articles/" + String(article.id.prefix(2))
            if madeShards.insert(shard).inserted {
                try FileManager.default.createDirectory(atPath: shard, withIntermediateDirectories: true)
            }
            var data = try encoder.encode(article)
            data.append(0x0A)
            guard FileManager.default.createFile(atPath: shard + "/" + article.id + ".json", contents: data) else {
                throw BenchError("cannot write article \(number) under \(shard)")
            }
            total += data.count
        }
        sync()
        return total
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
        let hash = PreparedDraft(draft).contentHash
        let first = ArticleVersion(
            version: 1, capturedAt: date, source: SourceRef(kind: .feed, name: "scale"), contentHash: hash,
            headline: draft.headline, articleBody: draft.articleBody)
        var id = String(UInt64(number) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        id = String(repeating: "0", count: max(0, 16 - id.count)) + id
        return Article(id: id, draft: draft, firstVersion: first)
    }
}
