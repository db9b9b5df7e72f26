import Foundation
import GleanerCore

/// The labelled set of the dedup benchmark, made from the extraction corpus: for each page whose
/// article Gleaner extracts with enough words to judge, four renderings that are one article —
/// the extracted article as a text dump, the raw text of the whole page, the article's text
/// framed by another site's header and footer, and the article with a few words edited. Every
/// page is a different article: pages whose article text is itself a near copy of another
/// page's (the Readability set has several "Lorem ipsum" test pages, and a few stories appear
/// under two addresses) are left out, since a label saying they differ would be false. Written
/// as text files (no URL, so identity is by content alone).
struct DedupSet {
    enum Kind: String, CaseIterable {
        case extracted, raw, framed, edited
    }

    struct Item {
        var name: String
        var path: String
        var page: Int
        var kind: Kind
    }

    var items: [Item] = []
    var pages = 0
    /// Pages left out because their article text is a near copy of a page already taken.
    var copies = 0

    /// Renders `pages` (their HTML files) into `directory`; pages with fewer than `minimumWords`
    /// words of article text are left out (near-duplicate matching needs text to judge).
    static func make(from pages: [(id: String, path: String, url: String)], into directory: String, minimumWords: Int = 60) throws -> DedupSet {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let parser = DocumentParser(maxDecodedSize: 64 << 20)
        var rendered: [(article: String, words: [Substring], raw: String)] = []
        var seen = CopyFinder()
        var copies = 0
        for page in pages {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: page.path)))
            let document = Document(
                name: URL(fileURLWithPath: page.path).lastPathComponent, bytes: bytes,
                source: SourceRef(kind: .inbox, name: "bench"), url: page.url, receivedAt: Date())
            guard let draft = try? parser.parse(document).first else { continue }
            let words = draft.articleBody.split(whereSeparator: \.isWhitespace)
            guard words.count >= minimumWords else { continue }
            guard seen.insertUnlessCopy(words) else {
                copies += 1
                continue
            }
            let article = [draft.headline, draft.articleBody].compactMap { $0 }.joined(separator: "\n\n")
            rendered.append((article, words, RawPageText.text(ofHTML: String(decoding: bytes, as: UTF8.self))))
        }
        var set = DedupSet()
        set.pages = rendered.count
        set.copies = copies
        let rawWords = rendered.map { $0.raw.split(whereSeparator: \.isWhitespace) }
        for (index, page) in rendered.enumerated() {
            // Another site's furniture: the start and end of the raw text of the next page whose
            // first and last 80 words are not its article (a short page's raw text is mostly
            // article, and framing with it would make the framed text a copy of that page).
            let furniture = furniture(after: index, rendered: rendered, rawWords: rawWords)
            let framed = furniture.header + "\n\n" + page.article + "\n\n" + furniture.footer
            var edited = page.words
            for fraction in [4, 2] { edited[edited.count / fraction] = "altered" }
            edited[edited.count * 3 / 4] = "changed"
            let texts: [(Kind, String)] = [
                (.extracted, page.article), (.raw, page.raw), (.framed, framed),
                (.edited, edited.joined(separator: " ")),
            ]
            for (kind, text) in texts {
                let name = String(format: "p%04d-%@", index, kind.rawValue)
                let path = directory + "/" + name + ".txt"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                set.items.append(Item(name: name, path: path, page: index, kind: kind))
            }
        }
        // One fixed shuffle, so neither side sees the renderings of a page together.
        var generator = SeededRandom(seed: 0x6c65_616e_6572)
        set.items.shuffle(using: &generator)
        return set
    }
}

extension DedupSet {
    /// The first and last 80 words of the raw text of the first page after `index` whose
    /// 160 such words share under a tenth of their word 3-shingles with its own article.
    static func furniture(
        after index: Int, rendered: [(article: String, words: [Substring], raw: String)], rawWords: [[Substring]]
    ) -> (header: String, footer: String) {
        for step in 1..<max(2, rendered.count) {
            let donor = (index + step) % rendered.count
            let words = rawWords[donor]
            guard words.count >= 400 else { continue }
            let header = Array(words.prefix(80)), footer = Array(words.suffix(80))
            let article = shingles(rendered[donor].words)
            let edges = shingles(header).union(shingles(footer))
            guard !edges.isEmpty, Double(edges.intersection(article).count) / Double(edges.count) < 0.1 else { continue }
            return (header.joined(separator: " "), footer.joined(separator: " "))
        }
        return ("", "")
    }

    static func shingles(_ words: [Substring]) -> Set<String> {
        let lowered = words.map { $0.lowercased() }
        guard lowered.count >= 3 else { return [] }
        return Set((0...(lowered.count - 3)).map { lowered[$0..<($0 + 3)].joined(separator: " ") })
    }
}

/// Finds pages whose article text has word 3-shingles in common with an earlier page's at a
/// Jaccard index of 0.5 or more, through an inverted index of shingle hashes.
struct CopyFinder {
    private var pagesOfShingle: [Int: [Int]] = [:]
    private var sizes: [Int] = []

    /// Records `words` as a new page and returns true, or returns false (recording nothing) when
    /// they are a near copy of a page recorded before.
    mutating func insertUnlessCopy(_ words: [Substring]) -> Bool {
        let lowered = words.map { $0.lowercased() }
        var shingles = Set<Int>()
        if lowered.count >= 3 {
            for i in 0...(lowered.count - 3) { shingles.insert(lowered[i..<(i + 3)].joined(separator: " ").hashValue) }
        }
        var shared: [Int: Int] = [:]
        for shingle in shingles { for page in pagesOfShingle[shingle] ?? [] { shared[page, default: 0] += 1 } }
        for (page, count) in shared where Double(count) / Double(shingles.count + sizes[page] - count) >= 0.5 { return false }
        let page = sizes.count
        sizes.append(shingles.count)
        for shingle in shingles { pagesOfShingle[shingle, default: []].append(page) }
        return true
    }
}

/// The visible text of a whole page: scripts, styles and comments removed, tags turned into
/// line breaks, a few entities decoded — what a careless text dump of the page gives.
enum RawPageText {
    static func text(ofHTML html: String) -> String {
        var text = html
        for (open, close) in [("<script", "</script>"), ("<style", "</style>"), ("<!--", "-->"), ("<noscript", "</noscript>")] {
            text = removing(from: text, open: open, close: close)
        }
        return ExtractionScoring.textOfHTML(text)
            .split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static func removing(from text: String, open: String, close: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: open, options: .caseInsensitive) {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: close, options: .caseInsensitive) else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
