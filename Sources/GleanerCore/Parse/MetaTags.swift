import Foundation

/// The `<meta>` values of a page by key, in document order, those given by `property` first.
/// A tag is filed under each of its `property`, `name`, `itemprop` and `http-equiv`, lowercased, with Dublin Core's two spellings
/// ("dc:date" and "DC.date") made one ("dc.date"). RDFa elements that carry `property` and
/// `content` ("<span property="dc:created" content="…">") count too: they state the same facts.
struct MetaTags {
    /// Values by `property` (RDFa, the vocabulary's own attribute): a page that states a key
    /// both ways means these (`<meta property="og:title">` over `<meta name="og:title">`).
    private var stated: [String: [String]] = [:]
    private var values: [String: [String]] = [:]

    /// No values (a page not read yet).
    init() {}

    init(root: MarkupNode) {
        for node in root.descendants(where: { $0.name == "meta" || ($0["property"] != nil && $0["content"] != nil) }) {
            guard let content = node["content"].map({ Self.decodedAgain(TextNormalizer.inline($0)) }), !content.isEmpty
            else { continue }
            // RDFa allows several properties in one attribute: "dc:date dc:created".
            for key in node["property"].map({ $0.split(separator: " ") }) ?? [] {
                stated[Self.normalized(key), default: []].append(content)
            }
            let keys = [node["name"], node["itemprop"], node["http-equiv"]].compactMap { $0 }
            for key in keys.flatMap({ $0.split(separator: " ") }) {
                values[Self.normalized(key), default: []].append(content)
            }
        }
    }

    /// Values some sites escape twice ("Redacci&amp;oacute;n" arrives as "Redacci&oacute;n"):
    /// their references are decoded once more, by libxml2 as in the page.
    static func decodedAgain(_ value: String) -> String {
        // Most values hold no "&" byte, and so no "&" character: no character search needed.
        guard value.utf8.contains(0x26) else { return value }
        guard let amp = value.firstIndex(of: "&"), value[amp...].contains(";") else { return value }
        let escaped = value.replacingOccurrences(of: "<", with: "&lt;")
        guard let root = MarkupReader.html("<p>" + escaped + "</p>", url: nil) else { return value }
        let decoded = root.cleanText
        return decoded.isEmpty ? value : decoded
    }

    static func normalized(_ key: Substring) -> String {
        // ASCII keys (nearly all) folded on the bytes; others lowercased as Unicode says.
        var key = key.utf8.allSatisfy({ $0 < 0x80 })
            ? String(decoding: key.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
            : key.lowercased()
        for prefix in ["dc:", "dcterms:"] where key.hasPrefix(prefix) {
            key = prefix.dropLast() + "." + key.dropFirst(prefix.count)
        }
        return key
    }

    /// The first value of the first key present.
    func first(_ keys: String...) -> String? { first(keys) }

    func first(_ keys: [String]) -> String? {
        for key in keys { if let value = stated[key]?.first ?? values[key]?.first { return value } }
        return nil
    }

    func all(_ key: String) -> [String] { (stated[key] ?? []) + (values[key] ?? []) }
}
