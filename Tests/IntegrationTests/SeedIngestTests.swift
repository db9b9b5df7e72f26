import Foundation
import Testing

extension IntegrationSuite {
    /// The five seed articles (real scraped text dumps) through the real daemon.
    @Suite struct SeedIngest {
        static let seeds: URL? = Binaries.corpus?.appendingPathComponent("seeds")

        /// Phrases that belong to the sites around the articles, never to an article body.
        static let boilerplate = [
            "Follow us on social", "keep reading", "Show less", "Subscribe now", "Newsletter",
            "View Publication", "Related Categories", "tax-exempt donation", "Top Photo:",
            "Analysis | Middle East", "<image>", "Henry Rome is a senior fellow",
        ]

        /// Seeds that open with a headline, and what it is; the others have none.
        static let headlines = [
            "000": "With Iran, Vladimir Putin Is Both Arsonist And Firefighter",
            "002": "Why Russia won\u{2019}t save Iran",
        ]

        @Test(.enabled(if: seeds != nil, "../shared/corpus/seeds is absent: seed tests skipped"))
        func eachSeedBecomesOneCleanArticle() throws {
            let seeds = try #require(Self.seeds)
            let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()
            #expect(names.count == 5)
            let daemon = try DaemonHarness()
            try daemon.start()
            for name in names {
                try daemon.drop(name, Data(contentsOf: seeds.appendingPathComponent(name)))
            }
            try waitUntil("all seeds ingested") { daemon.names(in: ".done").count == names.count }
            #expect(daemon.names(in: ".failed").isEmpty)

            let articles = try daemon.export()
            #expect(articles.count == names.count)
            for name in names {
                let article = try #require(
                    articles.first { sourceNames(of: $0).contains(name) }, "no article came from \(name)")
                let body = try #require(article["articleBody"] as? String)
                let prefix = String(name.prefix(3))
                #expect(article["headline"] as? String == Self.headlines[prefix], "headline of \(name)")
                for phrase in Self.boilerplate {
                    #expect(!body.contains(phrase), "\(name): body keeps boilerplate \(phrase.debugDescription)")
                }
                if let headline = Self.headlines[prefix] {
                    #expect(!body.contains(headline), "\(name): body repeats the headline")
                }
                #expect(body.components(separatedBy: "\n\n").count >= 5, "\(name): paragraphs lost")
                #expect(!body.contains("\n\n\n"))
            }
        }

        @Test(.enabled(if: seeds != nil, "../shared/corpus/seeds is absent: seed tests skipped"))
        func theSameSeedUnderTwoNamesIsOneArticleWithASighting() throws {
            let seeds = try #require(Self.seeds)
            let text = try String(contentsOf: seeds.appendingPathComponent("002_d51f0a02a60bb0e6.txt"), encoding: .utf8)
            let daemon = try DaemonHarness()
            try daemon.start()
            try daemon.drop("first.txt", text)
            try waitUntil("first copy ingested") { daemon.names(in: ".done") == ["first.txt"] }
            try daemon.drop("second.txt", text)
            // The same text again with other whitespace and straight quotes for curly ones.
            let respaced = text.replacingOccurrences(of: "\u{2019}", with: "'")
                .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
                .replacingOccurrences(of: ". ", with: ".   ")
            try daemon.drop("third.txt", respaced)
            try waitUntil("both copies ingested") { daemon.names(in: ".done").count == 3 }

            let articles = try daemon.export()
            #expect(articles.count == 1)
            let sightings = try #require(articles.first?["sightings"] as? [[String: Any]])
            #expect(sightings.count == 2)
            #expect(sightings.allSatisfy { $0["match"] as? String == "exact" })
            let status = try daemon.status()
            #expect(status["articles"] as? Int == 1)
            #expect(status["sightings"] as? Int == 2)
        }
    }
}
