import Foundation

/// Reads schema.org article objects (JSON-LD in pages, JSON article files): finds them in
/// arrays and `@graph`s and copies the fields Gleaner keeps into a draft. Works on the values
/// `JSONSerialization` produces. Stateless.
enum SchemaOrgArticle {
    /// The article objects in a JSON value, in document order (through arrays and `@graph`s).
    static func articles(in json: Any) -> [[String: Any]] {
        var found: [[String: Any]] = []
        visitObjects(in: json, inside: { object in object["@graph"].map { [$0] } ?? [] }) { object in
            if isArticle(object) { found.append(object) }
            return true
        }
        return found
    }

    /// Every object with an `@id` in a JSON value, by that id (the targets of references).
    static func objectsByID(in json: Any) -> [String: [String: Any]] {
        var found: [String: [String: Any]] = [:]
        visitObjects(in: json, inside: nestedValues) { object in
            if let id = string(object["@id"]), object.count > 1, found[id] == nil { found[id] = object }
            return true
        }
        return found
    }

    /// Every object in a JSON value, breadth first, until `visit` returns false: through arrays,
    /// and into the values `inside` picks from each object; at most 10,000 values, so a hostile
    /// document cannot make this run long.
    private static func visitObjects(in json: Any, inside: ([String: Any]) -> [Any], _ visit: ([String: Any]) -> Bool) {
        var queue: [Any] = [json]
        var index = 0
        while index < queue.count, index < 10_000 {
            let value = queue[index]
            index += 1
            if let array = value as? [Any] {
                queue.append(contentsOf: array)
            } else if let object = value as? [String: Any] {
                guard visit(object) else { return }
                queue.append(contentsOf: inside(object))
            }
        }
    }

    private static func nestedValues(_ object: [String: Any]) -> [Any] {
        object.values.filter { $0 is [Any] || $0 is [String: Any] }
    }

    /// The first value under `key` in any object of a JSON value (breadth first) that `accept`
    /// makes something of.
    static func firstValue<T>(_ key: String, in json: Any, accept: (Any) -> T?) -> T? {
        var found: T?
        visitObjects(in: json, inside: nestedValues) { object in
            found = object[key].flatMap(accept)
            return found == nil
        }
        return found
    }

    static func firstString(_ key: String, in json: Any) -> String? {
        firstValue(key, in: json) { string($0).flatMap(nonEmpty) }
    }

    static func isArticle(_ object: [String: Any]) -> Bool {
        types(of: object).contains { type in
            let local = type.split(separator: "/").last.map(String.init) ?? type
            return local.hasSuffix("Article") || local == "BlogPosting" || local == "LiveBlogPosting"
                || local == "SocialMediaPosting" || local == "Report"
        }
    }

    static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return object["@type"] as? [String] ?? []
    }

    /// Fills the fields of `draft` that are still empty from one article object. The body is
    /// taken only when `takeBody` (a page's JSON-LD body is the page's own text anyway).
    static func fill(_ draft: inout ArticleDraft, from object: [String: Any], base: URL?, takeBody: Bool) {
        func text(_ key: String) -> String? { string(object[key]).flatMap(nonEmpty) }
        draft.headline = draft.headline ?? text("headline") ?? text("name")
        draft.alternativeHeadline = draft.alternativeHeadline ?? text("alternativeHeadline")
        if draft.author.isEmpty { draft.author = names(object["author"]) }
        draft.datePublished = draft.datePublished ?? text("datePublished").flatMap(DateParsing.parse)
        draft.dateModified = draft.dateModified ?? text("dateModified").flatMap(DateParsing.parse)
        if draft.articleSection == nil {
            draft.articleSection = string(object["articleSection"]).flatMap(nonEmpty)
                ?? (object["articleSection"] as? [Any])?.lazy.compactMap { string($0).flatMap(nonEmpty) }.first
        }
        if draft.keywords.isEmpty { draft.keywords = keywordList(object["keywords"]) }
        if draft.inLanguage == nil {
            draft.inLanguage = text("inLanguage")
                ?? (object["inLanguage"] as? [String: Any]).flatMap { string($0["alternateName"] ?? $0["name"]) }
        }
        draft.publisher = draft.publisher ?? names(object["publisher"]).first
        if draft.image.isEmpty { draft.image = images(object["image"], base: base) }
        if draft.url == nil {
            let page = object["mainEntityOfPage"].flatMap { string($0) ?? string(($0 as? [String: Any])?["@id"]) }
            draft.url = (text("url") ?? page).flatMap { URLResolution.resolve($0, against: base) }
        }
        if takeBody, draft.articleBody.isEmpty, let body = string(object["articleBody"]) {
            draft.articleBody = body.contains("<") && body.contains(">")
                ? HTMLContentExtractor.text(ofFragment: body)
                : TextNormalizer.bodyFromText(body)
        }
    }

    static func string(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// The value on one line, HTML references left in it by the site decoded; nil when empty.
    static func nonEmpty(_ s: String) -> String? {
        let clean = MetaTags.decodedAgain(TextNormalizer.inline(s))
        return clean.isEmpty ? nil : clean
    }

    /// Names from a string, a `{name}` object or an array of either. An object that is only a
    /// reference (`{"@id": …}`, as Yoast's `@graph` writes authors) is looked up in `objects`.
    static func names(_ value: Any?, objects: [String: [String: Any]] = [:]) -> [String] {
        var result: [String] = []
        func add(_ v: Any?) {
            if let s = string(v).flatMap(nonEmpty) {
                if !result.contains(s) { result.append(s) }
            } else if var o = v as? [String: Any] {
                if o["name"] == nil, let id = string(o["@id"]), let found = objects[id] { o = found }
                if let s = string(o["name"]).flatMap(nonEmpty), !result.contains(s) { result.append(s) }
            }
        }
        if let array = value as? [Any] { array.forEach(add) } else { add(value) }
        return result
    }

    static func keywordList(_ value: Any?) -> [String] {
        var terms: [String] = []
        let raw: [String]
        if let s = value as? String {
            raw = s.split(separator: ",").map(String.init)
        } else {
            raw = (value as? [Any])?.compactMap { string($0) } ?? []
        }
        for term in raw {
            let clean = TextNormalizer.inline(term)
            if !clean.isEmpty, !terms.contains(clean) { terms.append(clean) }
        }
        return terms
    }

    static func images(_ value: Any?, base: URL?) -> [ImageRef] {
        var result: [ImageRef] = []
        func add(_ v: Any?) {
            var image = ImageRef()
            if let s = string(v) {
                image.url = URLResolution.resolve(s, against: base)
            } else if let o = v as? [String: Any] {
                image.url = (string(o["url"]) ?? string(o["contentUrl"])).flatMap { URLResolution.resolve($0, against: base) }
                image.caption = string(o["caption"]).flatMap(nonEmpty)
                image.credit = string(o["creditText"]).flatMap(nonEmpty)
                    ?? names(o["copyrightHolder"]).first ?? names(o["author"]).first
            }
            if image != ImageRef(), !result.contains(where: { $0.url != nil && $0.url == image.url }) {
                result.append(image)
            }
        }
        if let array = value as? [Any] { array.forEach(add) } else { add(value) }
        return result
    }
}

/// Resolves the addresses found in documents against the document's own address.
enum URLResolution {
    static func resolve(_ raw: String, against base: URL?) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.lowercased().hasPrefix("javascript:"),
            !trimmed.lowercased().hasPrefix("data:")
        else { return nil }
        guard let url = URL(string: trimmed, relativeTo: base) ?? URL(string: trimmed.addingPercentEncoding(
            withAllowedCharacters: .urlFragmentAllowed.union(.urlQueryAllowed)) ?? "", relativeTo: base)
        else { return nil }
        let absolute = url.absoluteURL
        guard absolute.scheme != nil else { return nil }
        return absolute.absoluteString
    }
}
