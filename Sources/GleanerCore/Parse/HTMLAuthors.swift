import Foundation

/// Finds who wrote a page's article: JSON-LD authors, then the author `<meta>` tags, then the
/// page's byline (`rel=author`, `itemprop=author`, an element whose class or id says byline or
/// author). Each name is cleaned of "By"/"Von"/"Posted by", dates, roles and trailing labels;
/// form labels ("Name *"), profile addresses and e-mail addresses are not names. A source that
/// only names the site itself (its og:site_name, publisher or host) or gives a login counts only
/// when no source names a person.
struct HTMLAuthors {
    let root: MarkupNode
    let metas: MetaTags
    let siteNames: [String]
    let hostLabel: String?
    let window: HeadingWindow

    static let metaKeys = ["author", "article:author", "og:article:author", "dc.creator", "parsely-author", "sailthru.author", "byl",
                           "citation_author", "dcterms.creator"]

    /// The names, best source first; `linked` are the JSON-LD article's authors.
    func names(linked: [String]) -> [String] {
        var fallback: [String] = []
        let sources: [() -> [String]] = [
            { linked },
            { Self.metaKeys.flatMap { metas.all($0) } },
            { bylines() },
            { writtenByline() },
        ]
        for source in sources {
            let names = unique(source().compactMap(Self.clean))
            guard !names.isEmpty else { continue }
            let people = names.filter { !isSiteName($0) && !Self.isHandle($0) }
            if !people.isEmpty { return people }
            if fallback.isEmpty { fallback = names }
        }
        return fallback
    }

    /// A login rather than a name ("robert.stitz", "gabor_munier"): used only when no source
    /// gives a written-out name.
    static func isHandle(_ name: String) -> Bool {
        !name.contains(" ") && (name.contains(".") || name.contains("_"))
    }

    private func unique(_ names: [String]) -> [String] {
        names.reduce(into: []) { list, name in if !list.contains(name) { list.append(name) } }
    }

    private func isSiteName(_ name: String) -> Bool {
        let squeezed = HTMLTitle.squeezed(name)
        if siteNames.contains(where: { HTMLTitle.squeezed($0) == squeezed }) { return true }
        // "mdr.de" for mdr.de; but "Wolfgang Michal" on wolfgangmichal.de is a person.
        guard let hostLabel, squeezed.count >= 3, name.contains(".") || !name.contains(" ") else { return false }
        return squeezed.contains(hostLabel) || hostLabel.contains(squeezed)
    }

    /// Words that open a byline line in the languages of the corpus.
    private static let openers: Set<String> = ["by", "von", "par", "por", "door", "di", "av", "af"]

    /// A byline written as a line of its own just under the heading ("von Andreas Kürten"):
    /// an opener word, then two to four capitalised words.
    private func writtenByline() -> [String] {
        for text in window.after(400).dropFirst() where text.count <= 60 {
            let words = text.split(separator: " ")
            guard let first = words.first, Self.openers.contains(first.lowercased()) else { continue }
            let name = words.dropFirst().prefix { word in word.first?.isUppercase == true }.prefix(4)
            guard name.count >= 2 else { continue }
            return [name.joined(separator: " ")]
        }
        return []
    }

    /// The page's byline elements, in document order, outside forms and comment threads.
    private func bylines() -> [String] {
        let marked = root.descendants { node in
            guard !Self.neverBylines.contains(node.name) else { return false }
            if Self.isAuthor(node["rel"]) || Self.isAuthor(node["itemprop"]) { return true }
            let hints = KeywordMatcher.hints(of: node)
            return Self.bylineHints.matchesAny(hints) && !Self.notBylineHints.matchesAny(hints)
        }
        var found: [String] = []
        for node in marked where !Self.inFormOrComments(node) {
            let named = node.descendants { MarkupReader.equalsLowercased($0["itemprop"], "name") }.first
            let text = (named ?? node).cleanText
            guard text.count <= 120 else { continue }
            found.append(text)
            if found.count >= 3 { break }
        }
        return found
    }

    /// Elements that never hold a byline (a set built once, not an array per element).
    private static let neverBylines: Set<String> = [
        "script", "style", "form", "label", "input", "textarea", "img", "meta", "link", "body", "html",
    ]

    /// `value?.lowercased() == "author"`.
    private static func isAuthor(_ value: String?) -> Bool { MarkupReader.equalsLowercased(value, "author") }

    /// Inside a form, a comment thread or the page's footer (an article's own `<footer>` often
    /// holds its byline, so only a footer outside any article or main counts).
    private static func inFormOrComments(_ node: MarkupNode) -> Bool {
        var ancestor = node.parent
        var inFooter = false
        while let current = ancestor {
            if current.name == "form" { return true }
            if current.name == "footer" { inFooter = true }
            if current.name == "article" || current.name == "main" { inFooter = false }
            let hints = KeywordMatcher.hints(of: current)
            if KeywordMatcher.occurs("comment", in: hints) || KeywordMatcher.occurs("respond", in: hints) { return true }
            ancestor = current.parent
        }
        return inFooter
    }

    private static let bylineHints = KeywordMatcher(["byline", "author", "autor", "submitted"])
    private static let notBylineHints = KeywordMatcher(["bio", "avatar", "image", "photo", "img", "description", "about", "comment"])

    private static let prefixes = [
        "written by", "posted by", "submitted by", "published by", "veröffentlicht von", "geschrieben von", "erstellt von",
        "ein beitrag von", "beitrag von", "blog beitrag von", "redaktion:", "autor:", "autorin:", "author:", "text:",
        "von:", "by:", "by", "von", "par", "door", "di", "por",
    ]
    /// Texts bylines hold that are labels, not names.
    private static let labels: Set<String> = [
        "posted on", "posted", "veröffentlicht am", "name", "name *", "name (erforderlich)", "no author", "follow",
        "author", "autor", "by", "von", "admin", "redaktion", "unknown", "anonymous", "share", "teilen", "e-mail",
    ]

    /// `text.range(of: marker, options: .caseInsensitive)`, on the bytes with ASCII letters
    /// folded when the text is ASCII (where Foundation's comparison is just that, and a
    /// non-ASCII marker cannot occur), else by Foundation.
    private static func caseInsensitiveRange(of marker: String, in text: String) -> Range<String.Index>? {
        let bytes = Array(text.utf8)
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return text.range(of: marker, options: .caseInsensitive) }
        let key = Array(marker.utf8)
        guard !key.contains(where: { $0 >= 0x80 }) else { return nil }
        func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        guard !key.isEmpty, key.count <= bytes.count else { return nil }
        for start in 0...(bytes.count - key.count) where (0..<key.count).allSatisfy({ folded(bytes[start + $0]) == folded(key[$0]) }) {
            let lower = text.utf8.index(text.utf8.startIndex, offsetBy: start)
            return lower..<text.utf8.index(lower, offsetBy: key.count)
        }
        return nil
    }

    /// A name as a byline writes it, cleaned; nil when nothing name-like is left.
    static func clean(_ raw: String) -> String? {
        var name = TextNormalizer.inline(raw)
        guard !name.isEmpty, !name.hasPrefix("http://"), !name.hasPrefix("https://"), !name.hasPrefix("//"),
            !name.contains("@") || name.contains(" ")
        else { return nil }
        // What follows a date or a separator is the date or the role, not the name.
        for marker in [" | ", " – ", " — ", " - ", " am ", " on ", " le ", " el ", " il ", " says", " sagt", "\u{00B7}"] {
            if let range = caseInsensitiveRange(of: marker, in: name), range.lowerBound > name.startIndex {
                name = String(name[..<range.lowerBound])
            }
        }
        // "By Nathan Willis March 25, 2015": the name ends where the date begins.
        if let date = TextDates.firstRange(in: name), date.lowerBound > name.startIndex {
            name = String(name[..<date.lowerBound])
        }
        var changed = true
        while changed {
            changed = false
            // Lowercased again only when a prefix was taken off, not once per prefix tried.
            var lower = name.lowercased()
            for prefix in prefixes {
                guard lower.hasPrefix(prefix) else { continue }
                let rest = name.dropFirst(prefix.count)
                // "By Jane" but not "Bydgoszcz": a prefix ends at a space or a colon.
                guard prefix.hasSuffix(":") || rest.first == " " || rest.isEmpty else { continue }
                name = TextNormalizer.inline(rest)
                lower = name.lowercased()
                changed = true
            }
        }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:|-–—*"))
        guard !name.isEmpty, !labels.contains(name.lowercased()), name.count <= 80,
            name.split(separator: " ").count <= 8,
            name.contains(where: \.isLetter)
        else { return nil }
        return name
    }
}
