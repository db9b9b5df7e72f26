import ArgumentParser
import Foundation

/// `gleaner-bench dedup`: Gleaner's identity and dedup against Python datasketch's MinHashLSH on
/// the same labelled set (`DedupSet`), in the same run, each as its own process reading the
/// documents in the same order. Scored pairwise: two documents are a true pair when they render
/// the same page; a predicted pair when the side put them in one article (cluster).
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup", abstract: "Gleaner's dedup against datasketch MinHashLSH on renderings of the corpus pages.")

    @Option(help: "The Python with datasketch installed.")
    var python = "python3"

    @Option(help: "The datasketch side of the benchmark.")
    var script = "bench/datasketch_dedup.py"

    @Option(help: "The directory holding trafilatura-eval.tar.gz and readability-test-pages.tar.gz.")
    var corpus = "../shared/corpus"

    @Option(help: "Similarity threshold for both sides (Gleaner's dedup.nearDuplicate).")
    var threshold = 0.8

    @Option(help: "Keep the documents and each side's clusters in this directory (to study the misses).")
    var keep: String?

    func run() throws {
        let work = try TemporaryDirectory(prefix: "gleaner-bench-dedup")
        let corpus = try ExtractionCorpus.load(corpus: corpus, work: work)
        let pages = corpus.eval.map { ($0.id, $0.path, $0.url) } + corpus.readability.map { ($0.id, $0.path, "http://fakehost/test/page.html") }
        guard !pages.isEmpty else {
            print("skipped: neither trafilatura-eval.tar.gz nor readability-test-pages.tar.gz is in \(self.corpus)")
            return
        }
        let set = try DedupSet.make(from: pages.map { (id: $0.0, path: $0.1, url: $0.2) }, into: work.path("documents"))
        let list = work.path("documents.tsv")
        try (set.items.map { "\($0.name)\t\($0.path)" }.joined(separator: "\n") + "\n").write(toFile: list, atomically: true, encoding: .utf8)
        print("dedup benchmark: \(set.pages) pages of the corpus with 60 words of article text or more "
            + "(\(set.copies) more left out as near copies of another page), \(set.items.count) documents (\(DedupSet.Kind.allCases.map(\.rawValue).joined(separator: ", ")) of each), threshold \(threshold)")

        let version = (try? capture([python, "-c", "import datasketch; print(datasketch.__version__)"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        let sides = [
            try side("gleaner", [try selfExecutable(), "dedup-run", "--threshold", String(threshold)], list: list, work: work),
            try side("datasketch \(version) MinHashLSH", [python, script, "--threshold", String(threshold)], list: list, work: work),
        ]
        DedupReport.print(sides, set: set)
        if let keep {
            _ = try ChildProcess(["cp", "-r", work.root + "/.", keep]).waitForSuccess()
            print("documents, lists and clusters kept in \(keep)")
        }
    }

    private func side(_ name: String, _ command: [String], list: String, work: TemporaryDirectory) throws -> DedupSide {
        let side = try SideProcess<DedupSummary>(command + ["--list", list], name: name, work: work)
        var clusters: [String: String] = [:]
        for line in side.lines {
            let fields = line.split(separator: "\t").map(String.init)
            if fields.count == 2 { clusters[fields[0]] = fields[1] }
        }
        return DedupSide(name: name, clusters: clusters, summary: side.summary, usage: side.usage)
    }
}

struct DedupSide {
    var name: String
    /// Document name → the article (cluster) the side put it in.
    var clusters: [String: String]
    var summary: DedupSummary
    var usage: ChildUsage
}

struct DedupSummary: Decodable {
    var documents: Int
    var seconds: Double
}

/// Pairwise precision, recall and F1 of each side, recall per pair of rendering kinds, and cost.
enum DedupReport {
    static func print(_ sides: [DedupSide], set: DedupSet) {
        Swift.print(
            Report.pad("side", 30) + Report.pad("precision", 11) + Report.pad("recall", 8) + Report.pad("F1", 7)
                + Report.pad("articles", 10) + Report.pad("ms/doc", 9) + Report.pad("peak RSS", 11) + "recall by kinds")
        for side in sides {
            let score = pairwise(side, set: set)
            let kinds = score.byKinds.sorted { $0.key < $1.key }.map { "\($0.key) \(Report.fixed($0.value, 3))" }.joined(separator: ", ")
            Swift.print(
                Report.pad(side.name, 30) + Report.pad(Report.fixed(score.precision, 4), 11) + Report.pad(Report.fixed(score.recall, 4), 8)
                    + Report.pad(Report.fixed(score.f1, 4), 7) + Report.pad(String(Set(side.clusters.values).count), 10)
                    + Report.pad(Report.fixed(side.summary.seconds * 1000 / Double(max(1, side.summary.documents)), 2), 9)
                    + Report.pad(Report.mebibytes(side.usage.peakRSSKiB), 11) + kinds)
        }
        Swift.print("(targets: precision 0.999 or higher, recall 0.97 or higher; \(set.pages) true articles; Gleaner's ms/doc includes parsing and a durable commit)")
    }

    struct Score {
        var precision: Double
        var recall: Double
        var f1: Double
        var byKinds: [String: Double]
    }

    static func pairwise(_ side: DedupSide, set: DedupSet) -> Score {
        func pairs(_ n: Int) -> Int { n * (n - 1) / 2 }
        var predicted: [String: Int] = [:]
        var joint: [String: Int] = [:]
        var truth: [Int: Int] = [:]
        for item in set.items {
            let cluster = side.clusters[item.name] ?? "missing:\(item.name)"
            predicted[cluster, default: 0] += 1
            joint["\(cluster)\u{0}\(item.page)", default: 0] += 1
            truth[item.page, default: 0] += 1
        }
        let truePositives = joint.values.reduce(0) { $0 + pairs($1) }
        let predictedPairs = predicted.values.reduce(0) { $0 + pairs($1) }
        let truePairs = truth.values.reduce(0) { $0 + pairs($1) }
        let precision = predictedPairs == 0 ? 1 : Double(truePositives) / Double(predictedPairs)
        let recall = truePairs == 0 ? 1 : Double(truePositives) / Double(truePairs)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)

        // Recall of each pair of kinds: of the pages' (kind A, kind B) pairs, how many share a cluster.
        var byPage: [Int: [DedupSet.Kind: String]] = [:]
        for item in set.items { byPage[item.page, default: [:]][item.kind] = side.clusters[item.name] }
        var byKinds: [String: Double] = [:]
        let kinds = DedupSet.Kind.allCases
        for (i, a) in kinds.enumerated() {
            for b in kinds[(i + 1)...] {
                let together = byPage.values.filter { $0[a] != nil && $0[a] == $0[b] }.count
                byKinds["\(a.rawValue)~\(b.rawValue)"] = Double(together) / Double(max(1, byPage.count))
            }
        }
        return Score(precision: precision, recall: recall, f1: f1, byKinds: byKinds)
    }
}
