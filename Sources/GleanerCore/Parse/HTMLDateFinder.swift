import Foundation

/// Finds when a page's article was published and last modified, trying the page's statements
/// in order of how reliable they are (after htmldate, measured on the benchmark's tuning pages):
/// a whole day in the article's address ("/2019/08/02/"), JSON-LD, `<meta>` tags, `itemprop`
/// elements, `<time>` and `<abbr class=published>` elements, then a day written in an element
/// marked as a date or post-meta line or just after the headline. A date before 1995 or after
/// `now` (plus a day, for zones) is not plausible and is passed over.
struct HTMLDateFinder {
    let root: MarkupNode
    let metas: MetaTags
    /// The article's own address (canonical) first, then the address it was fetched from.
    let addresses: [String]
    let now: Date
    /// The page's JSON-LD values: a `datePublished` of a non-article object (a WebPage) still
    /// dates the page.
    var linkedData: [Any] = []
    /// The text around the page's heading, where a written date is looked for last.
    var window: HeadingWindow?

    static let publishedKeys = [
        "article:published_time", "og:published_time", "article.published", "datepublished", "published_time",
        "article:published", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued",
        "dcterms.issued", "dc.date.created", "dcterms.created", "dc.created", "dc.date", "dcterms.date",
        "citation_publication_date", "citation_date", "parsely-pub-date", "sailthru.date", "date",
        "originalpublicationdate", "article.created", "bt:pubdate", "cxenseparse:recs:publishtime", "release_date",
        "og:article:published_time", "article_date_original", "prism.publicationdate", "dc.date.available",
        "displaydate", "date_published", "datecreated",
    ]
    static let modifiedKeys = [
        "article:modified_time", "og:updated_time", "article:modified", "datemodified", "dcterms.modified",
        "dc.date.modified", "modified_time", "lastmod", "last-modified", "revised", "og:article:modified_time",
    ]

    /// A whole day in the address, JSON-LD (`linkedPublished`, the article's), the date
    /// `<meta>` tags, any JSON-LD object's, `itemprop`, `<time>`, and days written in the page.
    func published(linkedPublished: Date? = nil) -> Date? {
        if let day = addressDay(), let date = plausible(day.date) { return date }
        if let date = plausible(linkedPublished) { return date }
        if let date = plausible(Self.publishedKeys.lazy.flatMap { metas.all($0) }.compactMap(Self.lenient).first) {
            return date
        }
        if let date = plausible(linkedData.lazy.compactMap({ SchemaOrgArticle.firstString("datePublished", in: $0) })
            .compactMap(Self.lenient).first)
        {
            return date
        }
        if let date = itemprop(["datepublished", "datecreated"]) { return date }
        if let date = timeElement() { return date }
        return writtenDay() ?? window.flatMap(dayNearHeading)
    }

    func modified() -> Date? {
        plausible(Self.modifiedKeys.lazy.flatMap { metas.all($0) }.compactMap(Self.lenient).first)
            ?? plausible(linkedData.lazy.compactMap({ SchemaOrgArticle.firstString("dateModified", in: $0) })
                .compactMap(Self.lenient).first)
            ?? itemprop(["datemodified"])
    }

    /// A machine-readable date, or at least its day when the rest is malformed
    /// ("2022-01-10T22:06:08:684Z").
    static func lenient(_ value: String) -> Date? {
        if let date = DateParsing.parse(value) { return date }
        let start = value.trimmingCharacters(in: .whitespaces).prefix(10)
        guard start.count == 10, start.first?.isNumber == true else { return nil }
        return TextDates.first(in: String(start))?.date
    }

    private func plausible(_ date: Date?) -> Date? {
        guard let date else { return nil }
        let earliest = Date(timeIntervalSince1970: 788_918_400)  // 1995-01-01
        return date >= earliest && date <= now.addingTimeInterval(86_400) ? date : nil
    }

    /// `itemprop=datePublished` on any element: its `datetime` or `content`, else its text.
    private func itemprop(_ names: Set<String>) -> Date? {
        // Lowercased only where there is an itemprop (the names are never empty).
        for node in root.descendants(where: { $0["itemprop"].map { names.contains($0.lowercased()) } ?? false }) {
            if let value = node["datetime"] ?? node["content"], let date = plausible(DateParsing.parse(value)) {
                return date
            }
            if node.name != "meta", let date = plausible(TextDates.first(in: node.cleanText.prefix(120).description)?.date) {
                return date
            }
        }
        return nil
    }

    /// The `<time>` (or `<abbr class=published title=…>`) that says it is the publication
    /// (`pubdate`, a class naming it published or the entry's date); else the first `<time>`
    /// with a machine-readable date that is not in a comment.
    private func timeElement() -> Date? {
        let times = root.descendants { $0.name == "time" || ($0.name == "abbr" && $0["title"] != nil) }
            .filter { !Self.inComments($0) }
        func value(_ node: MarkupNode) -> Date? {
            let machine = node.name == "abbr" ? node["title"] : node["datetime"]
            if let machine, let date = plausible(DateParsing.parse(machine)) { return date }
            if let day = TextDates.first(in: String(node.cleanText.prefix(120))) { return plausible(day.date) }
            return nil
        }
        let marked = times.filter { node in
            let hints = KeywordMatcher.hints(of: node)
            return node["pubdate"] != nil || Self.publishedHints.matchesAny(hints)
                || (KeywordMatcher.occurs("date", in: hints) && !Self.modifiedHints.matchesAny(hints))
        }
        if let date = marked.lazy.compactMap(value).first { return date }
        return times.lazy.filter { $0.name == "time" && $0["datetime"] != nil }.compactMap(value).first
    }

    /// Elements never taken for a date line (a set built once, not an array per element).
    private static let neverDateLines: Set<String> = ["script", "style", "a", "html", "body"]
    private static let publishedHints = KeywordMatcher(["publish", "entry-date", "post-date"])
    private static let modifiedHints = KeywordMatcher(["update", "modif"])
    private static let writtenDateHints = KeywordMatcher(
        ["date", "time", "meta", "posted", "publish", "byline", "submitted", "info", "datum", "fecha"])

    private static func inComments(_ node: MarkupNode) -> Bool {
        var ancestor = node.parent
        while let current = ancestor {
            if current.name == "footer" || KeywordMatcher.occurs("comment", in: KeywordMatcher.hints(of: current)) { return true }
            ancestor = current.parent
        }
        return false
    }

    /// A whole day in the address: /2019/08/02/, /2019-08-02-, /20190802/.
    func addressDay() -> TextDates.Day? {
        for address in addresses {
            guard let path = URL(string: address)?.path, !path.isEmpty else { continue }
            let parts = path.split(separator: "/")
            for (index, part) in parts.enumerated() where part.count == 4 {
                guard let year = Int(part), index + 2 < parts.count, parts[index + 1].count <= 2, parts[index + 2].count <= 2,
                    let month = Int(parts[index + 1]), let day = Int(parts[index + 2])
                else { continue }
                if let found = TextDates.first(in: "\(year)-\(month)-\(day)") { return found }
            }
            for part in parts {
                if let found = Self.compactDay(part) { return found }
            }
        }
        return nil
    }

    /// "2019-08-02-title" or "20190802" as a path segment (or its start).
    private static func compactDay(_ part: Substring) -> TextDates.Day? {
        let digits = Array(part.utf8.prefix(10))
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            return Int(String(decoding: digits[range], as: UTF8.self))
        }
        if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-"),
            let y = number(0..<4), let m = number(5..<7), let d = number(8..<10)
        {
            return TextDates.first(in: "\(y)-\(m)-\(d)")
        }
        if part.utf8.count == 8, let y = number(0..<4), let m = number(4..<6), let d = number(6..<8), (1995...2100).contains(y) {
            return TextDates.first(in: "\(y)-\(m)-\(d)")
        }
        return nil
    }

    /// A day written in a short element whose class or id marks it as the post's date or meta
    /// line ("postmeta", "entry-date", "dateline", "submitted"…), outside comments.
    private func writtenDay() -> Date? {
        let candidates = root.descendants { node in
            guard !Self.neverDateLines.contains(node.name) else { return false }
            let hints = KeywordMatcher.hints(of: node)
            return !hints.isEmpty && Self.writtenDateHints.matchesAny(hints) && !Self.modifiedHints.matchesAny(hints)
        }
        for node in candidates where !Self.inComments(node) {
            let text = node.cleanText
            guard !text.isEmpty, text.count <= 200 else { continue }
            if let date = plausible(TextDates.first(in: text)?.date) { return date }
        }
        return nil
    }
}
