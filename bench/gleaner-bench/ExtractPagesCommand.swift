import ArgumentParser
import Foundation
import GleanerCore

/// `gleaner-bench extract-pages --list FILE --out FILE`: the Gleaner side of the extraction
/// benchmark, run as its own process so its CPU and peak memory are its own. Reads each page
/// in turn (one page in memory at a time, as in the daemon) and runs `DocumentParser` — the
/// code path of the daemon and of `gleanerctl extract` — over it on one thread, and writes one
/// JSON line per page (the first article's body, headline, authors and publication day). The
/// loop is timed; the summary is one JSON line on stdout.
struct ExtractPagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-pages", abstract: "Extract a list of pages with DocumentParser (extraction benchmark's Gleaner side).")

    @Option(help: "id TAB path TAB url, one page a line.")
    var list: String

    @Option(help: "Where the JSON lines go.")
    var out: String

    @Option(help: "Also write every page's whole draft (every metadata field) here, one JSON line a page, to check that a change leaves the output as it was.")
    var drafts: String?

    func run() throws {
        let pages = try PageList.read(list)
        let source = SourceRef(kind: .inbox, name: "bench")
        let parser = DocumentParser(maxDecodedSize: 64 << 20)
        let received = Date()
        var results: [ExtractedPage] = []
        results.reserveCapacity(pages.count)
        var failures = 0
        // Kept only when asked for: the benchmark's own run holds no more than its summary lines.
        var whole: [ArticleDraft?] = []
        let clock = CycleClock.now()
        for page in pages {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: page.path)))
            let document = Document(
                name: URL(fileURLWithPath: page.path).lastPathComponent, bytes: bytes, source: source,
                url: page.url.isEmpty ? nil : page.url, receivedAt: received)
            do {
                let draft = try parser.parse(document).first
                results.append(ExtractedPage(id: page.id, draft: draft))
                if drafts != nil { whole.append(draft) }
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("gleaner-bench extract-pages: \(page.id): \(error)\n".utf8))
                results.append(ExtractedPage(id: page.id, draft: nil))
                if drafts != nil { whole.append(nil) }
            }
        }
        let cost = CycleClock.now().since(clock)
        let encoder = JSONEncoder()
        var output = Data()
        for result in results {
            output.append(try encoder.encode(result))
            output.append(0x0A)
        }
        try output.write(to: URL(fileURLWithPath: out))
        if let drafts {
            let draftEncoder = ArticleJSON.encoder()
            draftEncoder.outputFormatting.insert(.sortedKeys)
            var lines = Data()
            for (page, draft) in zip(pages, whole) {
                lines.append(Data("\(page.id)\t".utf8))
                if let draft { lines.append(try draftEncoder.encode(draft)) }
                lines.append(0x0A)
            }
            try lines.write(to: URL(fileURLWithPath: drafts))
        }
        print("{\"pages\":\(pages.count),\"seconds\":\(cost.wall),\"cpu\":\(cost.user + cost.system),\"failures\":\(failures)}")
    }
}

/// One page's extraction as both sides write it: body text, headline, authors joined by "; "
/// (trafilatura's own separator) and the publication day as YYYY-MM-DD.
struct ExtractedPage: Codable {
    var id: String
    var text: String
    var title: String?
    var author: String?
    var date: String?

    init(id: String, draft: ArticleDraft?) {
        self.id = id
        text = draft?.articleBody ?? ""
        title = draft?.headline
        author = draft.flatMap { $0.author.isEmpty ? nil : $0.author.joined(separator: "; ") }
        date = draft?.datePublished.map(Self.day)
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// The page list both sides read: id TAB path TAB url, one page a line.
struct PageList {
    var id: String
    var path: String
    var url: String

    static func read(_ file: String) throws -> [PageList] {
        try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw BenchError("\(file): expected id TAB path TAB url, found \(line)") }
            return PageList(id: fields[0], path: fields[1], url: fields[2])
        }
    }

    static func write(_ pages: [PageList], to file: String) throws {
        let text = pages.map { "\($0.id)\t\($0.path)\t\($0.url)\n" }.joined()
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
