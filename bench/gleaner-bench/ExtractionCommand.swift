import ArgumentParser
import Foundation

/// `gleaner-bench extraction`: Gleaner's article extraction against trafilatura on the same
/// pages in the same run. trafilatura-eval is scored as its authors score it (snippets; plus
/// headline, date and author where annotated), Readability's test pages by headline, byline and
/// publication-day agreement and word-shingle overlap with the expected article. Each side runs
/// as its own process over every page on one thread (`extract-pages` and
/// bench/trafilatura_bench.py); the same Swift code scores both.
struct ExtractionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction", abstract: "Gleaner's extraction against trafilatura on trafilatura-eval and Readability's test pages.")

    @Option(help: "The Python with trafilatura installed.")
    var python = "python3"

    @Option(help: "The trafilatura side of the benchmark.")
    var script = "bench/trafilatura_bench.py"

    @Option(help: "The directory holding trafilatura-eval.tar.gz and readability-test-pages.tar.gz.")
    var corpus = "../shared/corpus"

    @Flag(help: "Also run trafilatura's fast mode (no fallback extractors).")
    var fast = false

    @Flag(help: "Run and score Gleaner alone (quick checks while working; the figures that count compare both).")
    var gleanerOnly = false

    func run() throws {
        let work = try TemporaryDirectory(prefix: "gleaner-bench-extraction")
        let corpus = try ExtractionCorpus.load(corpus: corpus, work: work)
        guard !corpus.eval.isEmpty || !corpus.readability.isEmpty else {
            print("skipped: neither trafilatura-eval.tar.gz nor readability-test-pages.tar.gz is in \(self.corpus)")
            return
        }
        let evalPages = corpus.eval.map { PageList(id: $0.id, path: $0.path, url: $0.url) }
        let readabilityPages = corpus.readability.map { PageList(id: $0.id, path: $0.path, url: "http://fakehost/test/page.html") }
        let list = work.path("pages.tsv")
        try PageList.write(evalPages + readabilityPages, to: list)
        let version = (try? capture([python, "-c", "import trafilatura; print(trafilatura.__version__)"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"

        var sides = [try run("gleaner", [try selfExecutable(), "extract-pages", "--list", list], work: work)]
        if !gleanerOnly {
            sides.append(try run("trafilatura \(version)", [python, script, "--list", list, "--mode", "standard"], work: work))
        }
        if fast, !gleanerOnly {
            sides.append(try run("trafilatura \(version) fast", [python, script, "--list", list, "--mode", "fast"], work: work))
        }

        if corpus.eval.isEmpty {
            print("skipped trafilatura-eval: trafilatura-eval.tar.gz is absent")
        } else {
            ExtractionReport.eval(corpus.eval, sides: sides)
        }
        if corpus.readability.isEmpty {
            print("\nskipped Readability's pages: readability-test-pages.tar.gz is absent")
        } else {
            ExtractionReport.readability(corpus.readability, sides: sides)
        }
        ExtractionReport.speed(sides, pages: evalPages.count + readabilityPages.count)
    }

    private func run(_ name: String, _ command: [String], work: TemporaryDirectory) throws -> ExtractionSide {
        let side = try SideProcess<ExtractionSummary>(command, name: name, work: work)
        var pages: [String: ExtractedPage] = [:]
        let decoder = JSONDecoder()
        for line in side.lines {
            let page = try decoder.decode(ExtractedPage.self, from: Data(line.utf8))
            pages[page.id] = page
        }
        return ExtractionSide(name: name, pages: pages, summary: side.summary, usage: side.usage)
    }
}

/// One side's output and cost.
struct ExtractionSide {
    var name: String
    var pages: [String: ExtractedPage]
    var summary: ExtractionSummary
    var usage: ChildUsage
}

/// What each side prints: pages, the extraction loop's wall seconds, failures.
struct ExtractionSummary: Decodable {
    var pages: Int
    var seconds: Double
    var failures: Int
}
