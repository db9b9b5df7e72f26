import Foundation

/// The line shapes plain-text article dumps are read by: what a headline, a section line, a
/// photo credit, a caption, a banner, a donation appeal or an author bio looks like. Rules go
/// by shape, keywords and position, never by the sentences of particular sites. Stateless.
enum PlainTextShapes {
    static func words(_ line: String) -> Int {
        line.split(whereSeparator: { $0 == " " }).count
    }

    /// Ends like a sentence (a period, question mark, colon... possibly inside a quote).
    static func endsLikeSentence(_ line: String) -> Bool {
        var tail = Substring(line)
        while let last = tail.last, "\"'”’)]»".contains(last) { tail = tail.dropLast() }
        guard let last = tail.last else { return false }
        return ".!?;:,…".contains(last)
    }

    /// Short, no sentence ending: a headline, a subheading, a label.
    static func isTitleLike(_ line: String) -> Bool {
        line.count <= 160 && words(line) <= 24 && !endsLikeSentence(line) && !line.contains("image>")
    }

    /// "Analysis | Middle East": a few short parts separated by vertical bars.
    static func isSectionLine(_ line: String) -> Bool {
        guard line.count <= 80, line.contains("|") else { return false }
        let parts = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && words($0) <= 4 }
    }

    /// "Related Categories: a; b; c", "Tags: a, b": the listed terms.
    static func keywordList(_ line: String) -> [String]? {
        let labels = ["related categories", "related topics", "categories", "topics", "tags", "keywords"]
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard labels.contains(label) else { return nil }
        let list = line[line.index(after: colon)...]
        let separator: Character = list.contains(";") ? ";" : ","
        let terms = list.split(separator: separator).map { TextNormalizer.inline($0) }.filter { !$0.isEmpty }
        return terms.isEmpty ? nil : terms
    }

    /// Navigation and promotion lines that scrapers leave in and that carry no article text.
    static func isBanner(_ line: String) -> Bool {
        // Every paragraph of every page passes here: long ones leave before being lowercased.
        guard hasAtMost(60, characters: line) else { return false }
        let lower = line.lowercased()
        guard lower.count <= 60 else { return false }
        if bannerLines.contains(trimmedPunctuation(lower)) { return true }
        if lower.hasPrefix("follow us") || lower.hasPrefix("share on ") || lower.hasPrefix("click here") {
            return true
        }
        return isTeaserEnd(line)
    }

    /// `line.trimmingCharacters(in: CharacterSet(charactersIn: " .:!"))` on the bytes: the
    /// characters are ASCII, which in UTF-8 never occur inside another character's bytes.
    private static func trimmedPunctuation(_ line: String) -> String {
        let utf8 = line.utf8
        func trimmed(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x2E || byte == 0x3A || byte == 0x21 }
        guard let first = utf8.first, let last = utf8.last, trimmed(first) || trimmed(last) else { return line }
        let start = utf8.firstIndex { !trimmed($0) } ?? utf8.endIndex
        guard start != utf8.endIndex else { return "" }
        let end = utf8.index(after: utf8.lastIndex { !trimmed($0) }!)
        return String(decoding: utf8[start..<end], as: UTF8.self)
    }

    /// The whole lines `isBanner` knows (built once: a set literal in the function hashed all
    /// of them again for every paragraph of every page).
    private static let bannerLines: Set<String> = [
        "newsletter", "newsletters", "latest", "view publication", "advertisement", "advertisements",
        "share", "share this", "share this article", "share this story", "print", "email", "comments",
        "read more", "keep reading", "show less", "show more", "skip to content", "skip to main content",
        "related", "related articles", "related stories", "most popular", "trending", "sponsored",
        "subscribe", "subscribe now", "sign up", "log in", "login", "menu", "search", "close",
    ]

    /// The "keep readingShow less" line that closes each teaser of another article.
    static func isTeaserEnd(_ line: String) -> Bool {
        guard hasAtMost(40, characters: line) else { return false }
        let lower = line.lowercased()
        return lower.count <= 40 && (lower.contains("keep reading") || lower.contains("show less"))
    }

    /// "Subscribe now to our weekly round-up…", "Sign up for our newsletter…".
    static func isSubscriptionPitch(_ line: String) -> Bool {
        guard hasAtMost(500, characters: line) else { return false }
        // ASCII keywords on bytes with ASCII letters folded: what `lowercased()` would match.
        let bytes = KeywordMatcher.asciiLowercasedBytes(line)
        if subscribing.startsAny(bytes) { return true }
        return KeywordMatcher.occurs(newsletter, in: bytes) && subscribing.matchesAny(bytes)
    }

    private static let newsletter = Array("newsletter".utf8)
    private static let subscribing = KeywordMatcher(["sign up", "subscribe"])
    private static let donationCues = KeywordMatcher([
        "donation", "donate", "tax-exempt", "tax-deductible", "supporters", "contributions",
        "giving", "support our", "support us", "become a member", "membership", "fundrais",
    ])
    private static let selfReferences = KeywordMatcher([" we ", " our ", " us "])
    private static let readerAddresses = KeywordMatcher([" you", "readers"])

    /// `line.count <= limit` without counting past the limit (grapheme breaking a long
    /// paragraph to learn it is long was a cost on every paragraph).
    static func hasAtMost(_ limit: Int, characters line: String) -> Bool {
        if line.utf8.count <= limit { return true }
        // ASCII other than CR is a character a byte (no grapheme rule joins two such bytes):
        // when the first limit + 1 bytes are such, there are more than `limit` characters.
        if line.utf8.prefix(limit + 1).allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return false }
        var count = 0
        for _ in line {
            count += 1
            if count > limit { return false }
        }
        return true
    }

    /// A fundraising appeal: several fundraising words, the site speaking of itself ("we",
    /// "our") and to its readers ("you", "readers").
    static func isDonationAppeal(_ line: String) -> Bool {
        // Matched on the lowercased bytes, fewest tests first: most paragraphs have no cue.
        var lower: [UInt8] = [0x20]
        lower.reserveCapacity(line.utf8.count + 2)
        for byte in line.utf8 { lower.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) }
        lower.append(0x20)
        guard donationCues.count(in: lower) >= 2 else { return false }
        return selfReferences.matchesAny(lower) && readerAddresses.matchesAny(lower)
    }

    enum PhotoLine {
        case caption(String, credit: String?)
        case credit(String)
    }

    /// "Top Photo: …", "Photo: …", "Top image credit: …", "Photo-illustration by X", "Photo by X".
    static func photoLine(_ line: String) -> PhotoLine? {
        // Every paragraph passes here: only the line's head is lowercased (every prefix and
        // label looked for is in its first 40 characters), and a colon is looked for there.
        let lower = line.prefix(40).lowercased()
        let byPrefixes = ["photo-illustration by ", "photo illustration by ", "photo by ", "photograph by ",
                          "illustration by ", "image by ", "photos by "]
        if byPrefixes.contains(where: { lower.hasPrefix($0) }), line.count <= 120 { return .credit(line) }
        let labels = ["top photo", "top image", "photo", "image", "picture", "caption", "pictured", "above",
                      "main photo", "main image", "header image", "featured image", "lead image", "top"]
        guard line.utf8.prefix(64).contains(UInt8(ascii: ":")), let colon = line.firstIndex(of: ":") else { return nil }
        var label = line[..<colon].lowercased().trimmingCharacters(in: .whitespaces)
        for suffix in [" credit", " caption"] where label.hasSuffix(suffix) { label.removeLast(suffix.count) }
        guard labels.contains(label), label != "top" || lower.hasPrefix("top photo") else { return nil }
        var text = TextNormalizer.inline(line[line.index(after: colon)...])
        guard !text.isEmpty else { return nil }
        // A trailing "(Agency/Photographer via REUTERS)" is the credit of the caption.
        var credit: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "("), text.distance(from: open, to: text.endIndex) <= 80 {
            credit = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            text = TextNormalizer.inline(text[..<open])
        }
        return .caption(text, credit: credit)
    }

    /// The credit line under an image: short, no sentence, and naming an agency or a slash.
    static func isCredit(_ line: String) -> Bool {
        guard line.count <= 100, !endsLikeSentence(line) || line.hasSuffix(".") && words(line) <= 6 else { return false }
        let lower = line.lowercased()
        let agencies = ["getty", "reuters", "afp", "ap photo", "associated press", "images", "photo", "credit",
                        "courtesy", "©", "shutterstock", "epa", "via ", "pool", "wikimedia", "alamy", "istock"]
        return line.contains("/") || agencies.contains(where: { lower.contains($0) })
    }

    /// "Jane Doe is a senior fellow at …": the name of the author a closing bio describes.
    static func bioAuthor(_ line: String) -> String? {
        guard line.count <= 400 else { return nil }
        guard let isRange = line.range(of: " is ") ?? line.range(of: " was ") ?? line.range(of: " writes ") else {
            return nil
        }
        let name = String(line[..<isRange.lowerBound])
        let nameWords = name.split(separator: " ")
        guard (2...4).contains(nameWords.count),
            nameWords.allSatisfy({ $0.first?.isUppercase == true || $0.count <= 3 && $0.first?.isLetter == true }),
            nameWords.first?.first?.isUppercase == true, nameWords.last?.first?.isUppercase == true,
            !["The", "This", "It", "He", "She", "They"].contains(String(nameWords[0]))
        else { return nil }
        let lower = line[isRange.upperBound...].lowercased()
        let roles = ["fellow", "director", "professor", "editor", "correspondent", "writer", "journalist", "analyst",
                     "researcher", "author", "contributor", "reporter", "columnist", "scholar", "lecturer",
                     "founder", "president", "chair", "expert", "associate", "student", "candidate", "officer",
                     "ambassador", "adviser", "advisor", "specialist", "producer", "commentator"]
        return roles.contains(where: { lower.contains($0) }) ? name : nil
    }

    /// "By Jane Doe", "By Jane Doe and John Roe": the names a byline line gives.
    static func bylineNames(_ line: String) -> [String]? {
        guard line.count <= 100, line.lowercased().hasPrefix("by ") else { return nil }
        let list = line.dropFirst(3).replacingOccurrences(of: " and ", with: ",")
        let names = list.split(separator: ",").map { TextNormalizer.inline($0) }.filter { !$0.isEmpty }
        let plausible = names.allSatisfy { name in
            let parts = name.split(separator: " ")
            return (1...4).contains(parts.count) && parts.allSatisfy { $0.first?.isUppercase == true || $0.count <= 3 }
        }
        return !names.isEmpty && plausible ? names : nil
    }

    /// "March 5, 2024", "Published: 2024-03-05 10:00": a line that is only a date.
    static func dateLine(_ line: String) -> Date? {
        guard line.count <= 60 else { return nil }
        var text = Substring(line)
        for label in ["published:", "published on", "published", "updated:", "posted:", "posted on", "posted", "date:"]
        where text.lowercased().hasPrefix(label) {
            text = text.dropFirst(label.count)
        }
        return DateParsing.parse(String(text))
    }

    /// "The author is grateful…", "The author thanks…": a closing note about the author.
    static func isAuthorNote(_ line: String) -> Bool {
        let lower = line.lowercased()
        return line.count <= 400 && (lower.hasPrefix("the author ") || lower.hasPrefix("the authors ")
            || lower.hasPrefix("the writer ") || lower.hasPrefix("about the author"))
    }
}
