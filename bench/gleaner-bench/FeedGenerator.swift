import Foundation

/// A small deterministic random generator (SplitMix64), so every run serves, parses and
/// shuffles the same way.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

/// Writes realistic feeds for the benchmarks: RSS 2.0 with `content:encoded` (CDATA) and
/// Dublin Core authors, and Atom 1.0 with entity-escaped HTML content, made of varied
/// sentences so no two feeds or items share their text. Deterministic for a given seed.
struct FeedGenerator {
    enum Format { case rss, atom }

    /// One feed of `items` entries whose size lands near `targetBytes`.
    static func feed(_ format: Format, number: Int, items: Int, targetBytes: Int) -> [UInt8] {
        var random = SeededRandom(seed: UInt64(number) &* 7919 &+ (format == .rss ? 1 : 2))
        // What is left after the item scaffolding goes into each item's paragraphs.
        let bodyPerItem = max(200, targetBytes / items - 900)
        var entries: [String] = []
        for index in 0..<items {
            let title = sentence(&random, words: 6 + random.below(6), period: false)
            let summary = sentence(&random, words: 25 + random.below(15))
            var paragraphs: [String] = []
            var length = 0
            while length < bodyPerItem {
                let paragraph = (0..<(2 + random.below(4))).map { _ in sentence(&random, words: 8 + random.below(18)) }
                    .joined(separator: " ")
                let html = random.below(4) == 0
                    ? "<p>\(paragraph) <a href=\"/related/\(random.below(100_000)).html\">More</a>.</p>"
                    : "<p>\(paragraph)</p>"
                paragraphs.append(html)
                length += html.utf8.count
            }
            let item = Item(
                feed: number, index: index, title: title, summary: summary, body: paragraphs.joined(separator: "\n"),
                author: random.pick(authors), category: random.pick(categories), minutesAgo: index * 37 + random.below(30))
            entries.append(format == .rss ? rssItem(item) : atomEntry(item))
        }
        let text = format == .rss ? rssDocument(number: number, items: entries) : atomDocument(number: number, entries: entries)
        return Array(text.utf8)
    }

    private struct Item {
        var feed: Int
        var index: Int
        var title: String
        var summary: String
        var body: String
        var author: String
        var category: String
        var minutesAgo: Int
        var link: String { "https://news\(feed % 17).example.com/2026/11/\(feed)/story-\(index).html" }
    }

    private static func rssDocument(number: Int, items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
        <channel>
        <title>Example News \(number)</title>
        <link>https://news\(number % 17).example.com/</link>
        <atom:link href="https://news\(number % 17).example.com/feed/\(number).xml" rel="self" type="application/rss+xml"/>
        <description>Stories from desk \(number) of Example News.</description>
        <language>en-gb</language>
        <lastBuildDate>\(rfc822(minutesAgo: 0))</lastBuildDate>
        <ttl>60</ttl>
        \(items.joined(separator: "\n"))
        </channel>
        </rss>

        """
    }

    private static func rssItem(_ item: Item) -> String {
        """
        <item>
        <title>\(escaped(item.title))</title>
        <link>\(item.link)</link>
        <guid isPermaLink="false">urn:gleaner-bench:\(item.feed):\(item.index)</guid>
        <pubDate>\(rfc822(minutesAgo: item.minutesAgo))</pubDate>
        <dc:creator>\(item.author)</dc:creator>
        <category>\(item.category)</category>
        <description>\(escaped(item.summary))</description>
        <content:encoded><![CDATA[\(item.body)]]></content:encoded>
        </item>
        """
    }

    private static func atomDocument(number: Int, entries: [String]) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
        <title>Example Journal \(number)</title>
        <id>urn:gleaner-bench:journal:\(number)</id>
        <link rel="alternate" href="https://journal\(number % 13).example.org/"/>
        <link rel="self" href="https://journal\(number % 13).example.org/atom/\(number).xml"/>
        <updated>\(rfc3339(minutesAgo: 0))</updated>
        \(entries.joined(separator: "\n"))
        </feed>

        """
    }

    private static func atomEntry(_ item: Item) -> String {
        """
        <entry>
        <title type="text">\(escaped(item.title))</title>
        <id>urn:gleaner-bench:journal:\(item.feed):\(item.index)</id>
        <link rel="alternate" type="text/html" href="\(item.link)"/>
        <published>\(rfc3339(minutesAgo: item.minutesAgo + 5))</published>
        <updated>\(rfc3339(minutesAgo: item.minutesAgo))</updated>
        <author><name>\(item.author)</name></author>
        <category term="\(item.category)"/>
        <summary type="text">\(escaped(item.summary))</summary>
        <content type="html">\(escaped(item.body))</content>
        </entry>
        """
    }

    static func sentence(_ random: inout SeededRandom, words count: Int, period: Bool = true) -> String {
        var words: [String] = []
        for position in 0..<count {
            var word = random.pick(vocabulary)
            if position == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            if random.below(23) == 0 { word = random.pick(names) }
            if random.below(41) == 0 { word = String(random.below(10_000)) }
            words.append(word)
        }
        var text = words.joined(separator: " ")
        if count > 12, random.below(3) == 0 {
            // A comma and, now and then, an ampersand or quotes that need escaping in XML.
            text = text.replacingOccurrences(of: " the ", with: random.below(2) == 0 ? ", the " : " & the ")
        }
        if random.below(9) == 0 { text = "\u{201C}\(text)\u{201D}" }
        return period ? text + "." : text
    }

    private static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A fixed "now" (2026-11-23 08:00 UTC), so the bytes do not depend on the day of the run.
    static let now: time_t = 1_795_420_800

    static func rfc822(minutesAgo: Int) -> String { format(minutesAgo: minutesAgo, "%a, %d %b %Y %H:%M:%S +0000") }
    static func rfc3339(minutesAgo: Int) -> String { format(minutesAgo: minutesAgo, "%Y-%m-%dT%H:%M:%SZ") }

    private static func format(minutesAgo: Int, _ pattern: String) -> String {
        var seconds = now - time_t(minutesAgo * 60)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static let vocabulary: [String] = """
        the a of and to in that for on with as by at from council government minister report said would could \
        year week market prices energy water school hospital police city county village river bridge road rail \
        station budget plan vote election party leader members local national regional study research data \
        scientists university students teachers workers union strike agreement talks deal company shares profit \
        loss growth inflation bank rates housing homes rent tenants landlords court judge case trial evidence \
        witness storm flood rain wind temperature summer winter season team match goal coach players league \
        championship final injury museum exhibition artist festival music film book author library history \
        archive garden park forest wildlife species farmers harvest crops food supply shops customers online \
        service network internet software security breach users privacy officials agency department review \
        inquiry findings published announced expected warned described increased fell rose remained despite \
        after before during while although because however meanwhile later earlier today yesterday tomorrow \
        new old first last major minor public private small large long short early late several many few most
        """.split(separator: " ").map(String.init)

    private static let names = [
        "Amsterdam", "Lisbon", "Kraków", "Zürich", "Nairobi", "Osaka", "Valparaíso", "Reykjavík", "Ouagadougou",
        "Halvorsen", "Okonkwo", "Nguyễn", "Fitzgerald", "Moreau", "Kowalczyk", "Tanaka", "Ibrahim", "O'Neill",
    ]
    private static let authors = [
        "Maria Kowalczyk", "James O'Neill", "Aiko Tanaka", "Chidi Okonkwo", "Élodie Moreau", "Lars Halvorsen",
        "Linh Nguyễn", "Sara Ibrahim", "Tomás Fitzgerald",
    ]
    private static let categories = ["Politics", "Business", "Science", "Sport", "Culture", "Local", "World", "Technology"]
}
