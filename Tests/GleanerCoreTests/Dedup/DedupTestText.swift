/// Seeded prose-like text for the dedup tests: words made of syllables, so two passages from
/// different seeds share almost no three-word shingles, while a passage is the same on every run.
enum DedupTestText {
    private static let syllables = [
        "ka", "lo", "mi", "ter", "san", "po", "ri", "del", "vo", "na", "mar", "chi", "ben", "ul", "tos", "ga", "fer", "li",
        "ro", "den", "sta", "qui", "mo", "ran", "el", "pa", "tin", "zu", "ver", "os",
    ]

    static func words(_ count: Int, seed: UInt64) -> String {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 1...3, using: &generator)
            return (0..<length).map { _ in syllables.randomElement(using: &generator)! }.joined()
        }.joined(separator: " ")
    }

    /// `text` with the words at three places (a quarter, a half, three quarters in) replaced.
    static func edited(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        for place in [words.count / 4, words.count / 2, words.count * 3 / 4] { words[place] = "altered" }
        return words.joined(separator: " ")
    }

    /// A site's furniture: navigation before the article, teasers and a footer after it.
    struct Site {
        var navigation: String
        var teasers: String
        var footer: String

        init(seed: UInt64, navigation: Int = 200, teasers: Int = 250, footer: Int = 150) {
            self.navigation = DedupTestText.words(navigation, seed: seed)
            self.teasers = DedupTestText.words(teasers, seed: seed &+ 1)
            self.footer = DedupTestText.words(footer, seed: seed &+ 2)
        }

        /// The whole page's text around `article`, as a raw text dump gives it.
        func page(_ article: String) -> String {
            [navigation, article, teasers, footer].joined(separator: "\n\n")
        }
    }
}
