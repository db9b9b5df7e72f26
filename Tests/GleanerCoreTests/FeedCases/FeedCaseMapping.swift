import Foundation
@testable import GleanerCore

/// Maps feedparser's result keys onto what `FeedReader` keeps, and decides which `Expect:`
/// expressions concern something Gleaner keeps (the rest are "not applicable", with a reason).
enum FeedCaseMapping {
    /// The key paths (numeric indexes dropped) the harness maps, with their Gleaner field.
    static let mappedPaths: [String: String] = [
        "feed": "Feed", "entries": "Feed.items",
        "feed.title": "Feed.title", "feed.title_detail.value": "Feed.title", "feed.link": "Feed.link",
        "feed.ttl": "Feed.ttlMinutes",
        "entries.title": "draft.headline", "entries.title_detail.value": "draft.headline",
        "entries.link": "FeedItem.link", "entries.id": "FeedItem.id", "entries.guid": "FeedItem.id",
        "entries.author": "draft.author[0]", "entries.author_detail.name": "draft.author[0]",
        "entries.authors": "draft.author", "entries.authors.name": "draft.author",
        "entries.published": "draft.datePublished", "entries.published_parsed": "draft.datePublished",
        "entries.issued": "draft.datePublished", "entries.issued_parsed": "draft.datePublished",
        "entries.created": "draft.datePublished", "entries.created_parsed": "draft.datePublished",
        "entries.updated": "draft.dateModified", "entries.updated_parsed": "draft.dateModified",
        "entries.modified": "draft.dateModified", "entries.modified_parsed": "draft.dateModified",
        "entries.date": "draft.dateModified", "entries.date_parsed": "draft.dateModified",
        "entries.summary": "draft.articleBody", "entries.description": "draft.articleBody",
        "entries.summary_detail.value": "draft.articleBody",
        "entries.content": "draft.articleBody", "entries.content.value": "draft.articleBody",
        "entries.tags": "draft.keywords", "entries.tags.term": "draft.keywords",
        "entries.category": "draft.keywords[0]",
        "entries.enclosures": "draft.image", "entries.enclosures.href": "draft.image.url",
    ]

    /// Directories whose cases test things Gleaner does not keep, and why.
    static let unmappedFamilies: [String: String] = [
        "wellformed/sanitize": "feedparser's HTML sanitizer output (Gleaner keeps text, not sanitized HTML)",
        "wellformed/itunes": "iTunes podcast metadata",
        "wellformed/cdf": "Microsoft CDF channels",
        "wellformed/geo": "GeoRSS coordinates", "illformed/geo": "GeoRSS coordinates",
        "wellformed/media-rss": "Media RSS metadata", "wellformed/psc": "Podlove chapters",
        "wellformed/lang": "per-element xml:lang of feed fields (*_detail.language)",
        "illformed/chardet": "charset guessing reported through `encoding`",
    ]

    /// nil when the expectation applies; else why not.
    static func notApplicable(family: String, expression: String, parsed: PythonExpression?) -> String? {
        if let reason = unmappedFamilies[family] { return reason }
        guard let parsed else { return "expression outside the supported Python subset" }
        let (paths, names) = references(strippingBozo(parsed))
        if names.contains("bozo") || names.contains("bozo_exception") { return "bozo (well-formedness) check" }
        if let other = names.subtracting(["feed", "entries", "len"]).sorted().first {
            return "uses `\(other)` (parser metadata)"
        }
        if paths.isEmpty { return "no expectation on content" }
        if let unmapped = paths.first(where: { mappedPaths[$0] == nil }) { return "key \(unmapped)" }
        return nil
    }

    /// `not bozo and X` is X: the reader recovers ill-formed feeds and reports no bozo flag.
    static func strippingBozo(_ e: PythonExpression) -> PythonExpression {
        if case .and(let left, let right) = e, case .not(.name("bozo")) = left { return right }
        if case .and(let left, let right) = e { return .and(strippingBozo(left), right) }
        return e
    }

    /// Key paths and bare names an expression reads.
    static func references(_ e: PythonExpression) -> (Set<String>, Set<String>) {
        var paths: Set<String> = [], names: Set<String> = []
        func visit(_ e: PythonExpression) {
            if let path = path(e) { paths.insert(path); return }
            switch e {
            case .name(let n): names.insert(n)
            case .literal: break
            case .tuple(let a), .list(let a): a.forEach(visit)
            case .index(let a, let b): visit(a); visit(b)
            case .attribute(let a, _): visit(a)
            case .call(let c, let args):
                if case .name(let n) = c { names.insert(n) } else { visit(c) }
                args.forEach(visit)
            case .not(let a), .negate(let a): visit(a)
            case .compare(let a, _, let b), .and(let a, let b), .or(let a, let b): visit(a); visit(b)
            }
        }
        visit(e)
        return (paths, names)
    }

    private static func path(_ e: PythonExpression) -> String? {
        switch e {
        case .name(let n) where n == "feed" || n == "entries": return n
        case .index(let base, .literal(.int)): return path(base)
        case .index(let base, .literal(.string(let key))), .attribute(let base, let key):
            return path(base).map { "\($0).\(key)" }
        case .call(.attribute(let base, "get"), let args):
            if case .literal(.string(let key))? = args.first { return path(base).map { "\($0).\(key)" } }
            return nil
        default: return nil
        }
    }

    // MARK: Feed → feedparser shape

    static func globals(_ feed: Feed) -> [String: PythonValue] {
        var top: [String: PythonValue] = [:]
        if let title = feed.title { top["title"] = .text(title); top["title_detail"] = .dict(["value": .text(title)]) }
        if let link = feed.link { top["link"] = .string(link) }
        if let ttl = feed.ttlMinutes { top["ttl"] = .string(String(ttl)) }
        return ["feed": .dict(top), "entries": .list(feed.items.map(entry))]
    }

    private static func entry(_ item: FeedItem) -> PythonValue {
        let d = item.draft
        var e: [String: PythonValue] = [:]
        if let title = d.headline { e["title"] = .text(title); e["title_detail"] = .dict(["value": .text(title)]) }
        if let link = item.link { e["link"] = .string(link) }
        if let id = item.id { e["id"] = .string(id); e["guid"] = .string(id) }
        if let first = d.author.first { e["author"] = .person(first); e["author_detail"] = .dict(["name": .person(first)]) }
        e["authors"] = .list(d.author.map { .dict(["name": .person($0)]) })
        for (keys, date) in [(["published", "issued", "created"], d.datePublished),
            (["updated", "modified", "date"], d.dateModified ?? d.datePublished)]
        {
            guard let date else { continue }
            for key in keys { e[key] = .instant(date); e[key + "_parsed"] = timeTuple(date) }
        }
        // Gleaner keeps one body per item (the content, or the summary when there is none).
        let body = PythonValue.text(d.articleBody)
        e["summary"] = body
        e["description"] = body
        e["summary_detail"] = .dict(["value": body])
        e["content"] = .list([.dict(["value": body])])
        e["tags"] = .list(d.keywords.map { .dict(["term": .text($0)]) })
        if let first = d.keywords.first { e["category"] = .text(first) }
        e["enclosures"] = .list(d.image.compactMap { $0.url.map { .dict(["href": .string($0)]) } })
        return .dict(e)
    }

    /// Python's `time.struct_time` in UTC: (year, month, day, hour, minute, second, weekday
    /// with Monday 0, day of year, dst 0).
    static func timeTuple(_ date: Date) -> PythonValue {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let yday = calendar.ordinality(of: .day, in: .year, for: date) ?? 0
        let weekday = ((c.weekday ?? 1) + 5) % 7
        return .tuple([c.year, c.month, c.day, c.hour, c.minute, c.second, weekday, yday, 0].map { .int($0 ?? 0) })
    }
}
