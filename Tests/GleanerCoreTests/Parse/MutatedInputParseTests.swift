import Foundation
import Testing
@testable import GleanerCore

/// Damaged inputs of every format: bytes flipped, cut short, spliced. The parser must
/// answer with drafts or a `ParseError` naming the input, never trap.
@Suite struct MutatedInputParseTests {
    static let samples: [(String, String)] = [
        ("page.html", HTMLParseTests.page),
        ("feed.xml", """
            <?xml version="1.0"?><rss version="2.0"><channel><item><title>T &amp; U</title>
            <link>https://x.example/a</link><description>&lt;p&gt;Body text.&lt;/p&gt;</description></item></channel></rss>
            """),
        ("feed.atom", """
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>E</title><link href="/e"/>
            <content type="html">&lt;p&gt;Entry text.&lt;/p&gt;</content></entry></feed>
            """),
        ("a.json", #"{"@type":"NewsArticle","headline":"H","articleBody":"Body.","datePublished":"2024-01-01"}"#),
        ("a.txt", "Headline Here\n\nA dek line without a full stop at all\n\nAnalysis | World\n\nBody text.\n"),
    ]

    @Test func damagedInputsNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let parser = DocumentParser()
        for (name, text) in Self.samples {
            let original = Array(text.utf8)
            for round in 0..<60 {
                var bytes = original
                switch round % 3 {
                case 0:
                    for _ in 0..<Int.random(in: 1...8, using: &generator) {
                        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                    }
                case 1:
                    bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
                default:
                    let cut = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes.insert(contentsOf: bytes[cut...].prefix(40), at: Int.random(in: 0..<bytes.count, using: &generator))
                }
                do {
                    let drafts = try parser.parse(ParseTestSupport.document(bytes, name: name))
                    for draft in drafts {
                        #expect(!draft.articleBody.contains("\n\n\n"))
                        #expect(draft.articleBody == draft.articleBody.trimmingCharacters(in: .whitespacesAndNewlines))
                    }
                } catch {
                    #expect(error.description.hasPrefix("\(name): "))
                    #expect(error.blamesInput)
                }
            }
        }
    }
}
