import Foundation

/// Chooses a page's headline and takes the site's name off it. Candidates in order: JSON-LD
/// `headline`/`name` (when they differ, the one the page's `<title>` agrees with, as some sites
/// put their own name in `name`), the title `<meta>` tags, then `<title>` or the page's single
/// `<h1>`. A segment set off by a separator ("|", "-", "–", "—", "·", "»", "›", ":" …) at either
/// end is the site's name when it matches `og:site_name`/the publisher, or the address's host.
struct HTMLTitle {
    let root: MarkupNode
    let metas: MetaTags
    /// Names the site goes by: og:site_name, application-name, the publisher.
    let siteNames: [String]
    /// The host's distinctive label ("japantimes" for www.japantimes.co.jp), when known.
    let hostLabel: String?

    init(root: MarkupNode, metas: MetaTags, siteNames: [String], address: String?) {
        self.root = root
        self.metas = metas
        // "Aktuálně.cz - Víte, co se právě děje": the name is the part before the slogan.
        let names = siteNames + siteNames.compactMap { name in
            Self.separators.compactMap { Self.find($0, in: name) }.min { $0.lowerBound < $1.lowerBound }
                .map { String(name[..<$0.lowerBound]) }
        }
        self.siteNames = names.map(Self.squeezed).filter { !$0.isEmpty }
        hostLabel = address.flatMap { URL(string: $0)?.host }.flatMap { Self.label(ofHost: $0) }
    }

    static let metaKeys = ["dc.title", "dcterm.title", "dcterms.title", "og:title", "title", "twitter:title", "parsely-title"]

    func headline(linkedHeadline: String?, linkedName: String?) -> String? {
        let candidates = [linkedChoice(headline: linkedHeadline, name: linkedName)] + Self.metaKeys.map { metas.first($0) }
        for case let candidate? in candidates where !isSiteName(Substring(candidate)) {
            return withoutSiteName(candidate)
        }
        return pageTitle()
    }

    private var titleElement: String? {
        root.descendants(where: { $0.name == "title" }).first.map(\.cleanText).flatMap { $0.isEmpty ? nil : $0 }
    }

    private func linkedChoice(headline: String?, name: String?) -> String? {
        guard let headline else { return name }
        guard let name, name != headline, let title = titleElement else { return headline }
        // Compared with the title and, as Readability does, the title without its last segment
        // when three words or more are left (the site's name is usually that segment).
        var titles = [title]
        if let cut = lastSeparator(in: title), title[..<cut.lowerBound].split(separator: " ").count >= 3 {
            titles.append(String(title[..<cut.lowerBound]))
        }
        let headlineMatches = titles.contains { Self.similarity(headline, $0) > 0.75 }
        let nameMatches = titles.contains { Self.similarity(name, $0) > 0.75 }
        return headlineMatches && !nameMatches ? headline : name
    }

    /// `<title>` without the site's name: the `<h1>` that begins it, else the title with the
    /// site's segment removed; without a `<title>`, the single `<h1>`.
    private func pageTitle() -> String? {
        let h1s = root.descendants { $0.name == "h1" }.map(\.cleanText).filter { !$0.isEmpty }
        guard let title = titleElement else { return h1s.count == 1 ? h1s[0] : nil }
        for h1 in h1s where title.hasPrefix(h1) && title.count > h1.count {
            let rest = title.dropFirst(h1.count)
            if Self.separators.contains(where: { rest.hasPrefix($0) }) { return h1 }
        }
        let cleaned = withoutSiteName(title)
        // A `<title>` alone still ends in the site's name more often than not, as Readability
        // assumes: its last segment goes when three words or more are left.
        let hierarchical = [" | ", " - ", " – ", " — ", " » ", " · "]
        if cleaned == title,
            let cut = hierarchical.compactMap({ Self.find($0, in: title, backwards: true) }).max(by: { $0.lowerBound < $1.lowerBound }),
            title[..<cut.lowerBound].split(separator: " ").count >= 3
        {
            return String(title[..<cut.lowerBound])
        }
        return cleaned
    }

    static let separators = [" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " « ", " › ", " ‹ ", " // ", " / ", ": ", " : "]

    /// The title with a site-name segment removed from its end or start (once each).
    func withoutSiteName(_ raw: String) -> String {
        var title = TextNormalizer.inline(raw)
        // The page's own heading is the headline with the site's name left out.
        // The part before any separator may be it ("Enchufla Figuren - Salsa-Figuren - Rueda"),
        // or the part after one, the kicker before it left out.
        let headings = Set(root.descendants { $0.name == "h1" || $0.name == "h2" }.map(\.cleanText).filter { !$0.isEmpty })
        for separator in Self.separators {
            var from = title.startIndex
            while let cut = Self.find(separator, in: title, from: from) {
                if headings.contains(String(title[..<cut.lowerBound])) { return String(title[..<cut.lowerBound]) }
                // Or the part after it, below a kicker ("Klimaschutz: …", "Kücknitz - …").
                let rest = String(title[cut.upperBound...]).trimmingCharacters(in: .whitespaces)
                if headings.contains(rest) { return rest }
                from = cut.upperBound
            }
        }
        if let cut = lastSeparator(in: title), isSiteName(title[cut.upperBound...]) {
            let kept = String(title[..<cut.lowerBound]).trimmingCharacters(in: .whitespaces)
            if !kept.isEmpty { title = kept }
        }
        if let cut = firstSeparator(in: title), isSiteName(title[..<cut.lowerBound]) {
            let kept = String(title[cut.upperBound...]).trimmingCharacters(in: .whitespaces)
            if !kept.isEmpty { title = kept }
        }
        return title
    }

    private func lastSeparator(in title: String) -> Range<String.Index>? {
        Self.separators.compactMap { Self.find($0, in: title, backwards: true) }.max { $0.lowerBound < $1.lowerBound }
    }

    private func firstSeparator(in title: String) -> Range<String.Index>? {
        Self.separators.compactMap { Self.find($0, in: title) }.min { $0.lowerBound < $1.lowerBound }
    }

    private func isSiteName(_ segment: Substring) -> Bool {
        let squeezed = Self.squeezed(String(segment))
        guard !squeezed.isEmpty else { return false }
        if siteNames.contains(squeezed) { return true }
        // The host's label in a short segment ("The Japan Times" for japantimes.co.jp), not in a
        // headline that mentions the site ("How we designed Dropbox's ATF").
        guard let hostLabel, squeezed.count >= 4, segment.split(separator: " ").count <= 5 else { return false }
        return (squeezed.contains(hostLabel) && squeezed.count <= hostLabel.count * 2 + 4)
            || (hostLabel.contains(squeezed) && squeezed.count * 2 >= hostLabel.count)
    }

    /// `title.range(of: separator)` (from `from`, or the last one when `backwards`), found on
    /// the bytes when every character of the title is one Foundation's search would compare
    /// as it is (ASCII, Latin-1 letters and signs, common dashes and quotes: nothing that
    /// combines, decomposes into a separator or is ignored), else by Foundation itself: a
    /// title is searched for every separator, and each Foundation search copies it.
    static func find(_ separator: String, in title: String, from: String.Index? = nil, backwards: Bool = false) -> Range<String.Index>? {
        guard title.unicodeScalars.allSatisfy({ plainForSearch($0.value) }) else {
            if backwards { return title.range(of: separator, options: .backwards) }
            if let from { return title.range(of: separator, range: from..<title.endIndex) }
            return title.range(of: separator)
        }
        let text = Array(title.utf8), key = Array(separator.utf8)
        guard !key.isEmpty, key.count <= text.count else { return nil }
        let lowest = from.map { title.utf8.distance(from: title.utf8.startIndex, to: $0) } ?? 0
        guard lowest <= text.count - key.count else { return nil }
        func matches(_ at: Int) -> Bool { text[at] == key[0] && text[at..<(at + key.count)].elementsEqual(key) }
        let found = backwards
            ? stride(from: text.count - key.count, through: lowest, by: -1).first(where: matches)
            : stride(from: lowest, through: text.count - key.count, by: 1).first(where: matches)
        guard let found else { return nil }
        let start = title.utf8.index(title.utf8.startIndex, offsetBy: found)
        return start..<title.utf8.index(start, offsetBy: key.count)
    }

    private static func plainForSearch(_ v: UInt32) -> Bool {
        (v >= 0x20 && v < 0x7F) || (v >= 0xA0 && v <= 0xFF && v != 0xAD)
            || v == 0x2013 || v == 0x2014 || v == 0x2018 || v == 0x2019 || v == 0x201C || v == 0x201D
            || v == 0x2039 || v == 0x203A
    }

    /// Lowercased letters and digits only: "The Japan Times" → "thejapantimes".
    static func squeezed(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The label that names the site: the longest label left after dropping "www"-like
    /// prefixes and the public suffix's short labels ("co", "uk", "com"…).
    static func label(ofHost host: String) -> String? {
        let generic: Set<String> = ["www", "m", "amp", "blog", "blogs", "news", "com", "org", "net", "co", "de", "uk",
                                    "fr", "es", "it", "at", "ch", "info", "io", "jp", "eu", "gov", "edu", "ac", "or"]
        let labels = host.lowercased().split(separator: ".").map(String.init).filter { !generic.contains($0) }
        guard let longest = labels.max(by: { $0.count < $1.count }) else { return nil }
        let squeezed = Self.squeezed(longest)
        return squeezed.count >= 4 ? squeezed : nil
    }

    /// How much of `title` `candidate` covers: the share of the title's characters in words the
    /// candidate also has (Readability's measure for choosing between JSON-LD name and headline).
    static func similarity(_ candidate: String, _ title: String) -> Double {
        func words(_ s: String) -> [String] {
            s.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let known = Set(words(candidate))
        let titleWords = words(title)
        let total = titleWords.joined(separator: " ").count
        guard total > 0 else { return 0 }
        let missing = titleWords.filter { !known.contains($0) }.joined(separator: " ").count
        return 1 - Double(missing) / Double(total)
    }
}
