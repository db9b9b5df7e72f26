/// Article texts made up for tests: random words from a fixed vocabulary with a seeded
/// generator, so each text is reproducible and any two differ in almost every phrase.
struct SyntheticArticles {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    private static let vocabulary: [String] = """
        minister council harbour treaty budget tariff pipeline election coalition senate court
        ruling protest border ceasefire summit export grain shipment drone missile reactor
        inspector sanction embassy envoy governor province rebel militia convoy refinery
        currency inflation deficit reform parliament opposition candidate ballot verdict appeal
        strike union factory railway airport bridge harvest drought flood storm wildfire
        vaccine hospital clinic outbreak school teacher student campus research laboratory
        satellite launch orbit telescope archive museum festival stadium league transfer
        merger lawsuit regulator audit scandal resignation spokesman statement interview
        report survey census quarter forecast tender contract licence permit quota subsidy
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    mutating func next() -> UInt64 {
        // xorshift64*: small, fast and good enough to make texts differ.
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    mutating func sentence(words: Int) -> String {
        var parts: [String] = []
        for _ in 0..<words {
            parts.append(Self.vocabulary[Int(next() % UInt64(Self.vocabulary.count))])
        }
        return parts.joined(separator: " ").prefix(1).uppercased() + parts.joined(separator: " ").dropFirst() + "."
    }

    /// A headline line, a blank line and `paragraphs` paragraphs of about 40 words each.
    mutating func article(paragraphs: Int = 3) -> (headline: String, text: String) {
        let headline = String(sentence(words: 6).dropLast())
        var text = headline + "\n\n"
        for index in 0..<paragraphs {
            text += sentence(words: 20) + " " + sentence(words: 20)
            text += index + 1 < paragraphs ? "\n\n" : "\n"
        }
        return (headline, text)
    }
}
