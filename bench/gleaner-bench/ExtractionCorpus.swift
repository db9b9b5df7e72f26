import Foundation

/// The two page sets of the extraction benchmark, unpacked from ../shared/corpus into a
/// temporary directory: trafilatura's evaluation pages with their snippet annotations, and
/// Mozilla Readability's test pages with the article and metadata that library expects.
struct ExtractionCorpus {
    /// One trafilatura-eval page: the snippets that must and must not be in the text, and the
    /// annotated metadata ("" or absent when not annotated).
    struct EvalPage {
        var id: String
        var path: String
        var url: String
        var with: [String]
        var without: [String]
        var title: String?
        var date: String?
        var author: String?
        /// Kept aside from tuning: gains must carry over to these (a fixed fifth, by file name).
        var heldOut: Bool
    }

    /// One Readability test page and what that library makes of it.
    struct ReadabilityPage {
        var id: String
        var path: String
        var expectedText: String
        var title: String?
        var byline: String?
        var publishedTime: String?
    }

    var eval: [EvalPage] = []
    var readability: [ReadabilityPage] = []

    /// Unpacks whichever archives exist under `corpus` into `work`; a missing archive leaves its
    /// set empty (the command says so).
    static func load(corpus: String, work: TemporaryDirectory) throws -> ExtractionCorpus {
        var result = ExtractionCorpus()
        let evalArchive = corpus + "/trafilatura-eval.tar.gz"
        if FileManager.default.fileExists(atPath: evalArchive) {
            _ = try ChildProcess(["tar", "-xzf", evalArchive, "-C", work.root]).waitForSuccess()
            result.eval = try evalPages(work.path("trafilatura-eval"))
        }
        let readabilityArchive = corpus + "/readability-test-pages.tar.gz"
        if FileManager.default.fileExists(atPath: readabilityArchive) {
            _ = try ChildProcess(["tar", "-xzf", readabilityArchive, "-C", work.root]).waitForSuccess()
            result.readability = try readabilityPages(work.path("readability-test-pages"))
        }
        return result
    }

    private static func evalPages(_ root: String) throws -> [EvalPage] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/evaldata.json"))
        guard let entries = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
            throw BenchError("\(root)/evaldata.json: expected an object of pages")
        }
        var pages: [EvalPage] = []
        for (url, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard let file = entry["file"] as? String, !file.isEmpty else { continue }
            let path = [root + "/eval/" + file, root + "/cache/" + file].first { FileManager.default.fileExists(atPath: $0) }
            guard let path else { continue }
            func text(_ key: String) -> String? { (entry[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
            pages.append(
                EvalPage(
                    id: "eval:\(file)", path: path, url: url,
                    with: (entry["with"] as? [Any])?.compactMap { $0 as? String } ?? [],
                    without: (entry["without"] as? [Any])?.compactMap { $0 as? String } ?? [],
                    title: text("title"), date: text("date"), author: text("author"), heldOut: heldOut(file)))
        }
        return pages
    }

    private static func readabilityPages(_ root: String) throws -> [ReadabilityPage] {
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        var pages: [ReadabilityPage] = []
        for name in names {
            let directory = root + "/" + name
            let source = directory + "/source.html"
            guard FileManager.default.fileExists(atPath: source) else { continue }
            let expected = (try? String(contentsOfFile: directory + "/expected.html", encoding: .utf8)) ?? ""
            var metadata: [String: Any] = [:]
            if let data = FileManager.default.contents(atPath: directory + "/expected-metadata.json") {
                metadata = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            }
            func text(_ key: String) -> String? { (metadata[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
            pages.append(
                ReadabilityPage(
                    id: "readability:\(name)", path: source, expectedText: ExtractionScoring.textOfHTML(expected),
                    title: text("title"), byline: text("byline"), publishedTime: text("publishedTime")))
        }
        return pages
    }

    /// A fixed fifth of the pages by an FNV-1a hash of the file name: stable across runs and
    /// machines, unrelated to content.
    static func heldOut(_ name: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash % 5 == 0
    }
}
