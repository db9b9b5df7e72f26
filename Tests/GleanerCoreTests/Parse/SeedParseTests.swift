import Foundation
import Testing
@testable import GleanerCore

/// The five plain-text seeds of the corpus: headline found where there is one and never
/// invented, boilerplate out of the body, real paragraphs kept.
@Suite(.enabled(if: ParseTestSupport.corpus != nil, "corpus not found at ../shared/corpus"))
struct SeedParseTests {
    static let boilerplate = [
        "Follow us on social", "keep reading", "Show less", "Newsletter", "Subscribe now", "View Publication",
        "tax-exempt donation", "Thanks to our readers and supporters", "Related Categories", "image>",
        "Top Photo:", "Analysis | Middle East", "Diplomacy Watch", "QiOSK", "Getty Images", "Photo-illustration",
    ]

    func parse(_ prefix: String) throws -> ArticleDraft {
        let document = try #require(try ParseTestSupport.seed(prefix))
        let drafts = try DocumentParser().parse(document)
        #expect(drafts.count == 1)
        let draft = try #require(drafts.first)
        for phrase in Self.boilerplate {
            #expect(!draft.articleBody.contains(phrase), "\(prefix): body holds \"\(phrase)\"")
        }
        #expect(!draft.articleBody.contains("\n\n\n"))
        #expect(!draft.articleBody.contains("\u{A0}"))
        #expect(draft.articleBody == draft.articleBody.trimmingCharacters(in: .whitespacesAndNewlines))
        return draft
    }

    func paragraphs(_ draft: ArticleDraft) -> [String] {
        draft.articleBody.components(separatedBy: "\n\n")
    }

    @Test func seed000HasHeadlineKeywordsAndBody() throws {
        let draft = try parse("000")
        #expect(draft.headline == "With Iran, Vladimir Putin Is Both Arsonist And Firefighter")
        #expect(draft.keywords.first == "Arms Control and Proliferation")
        #expect(draft.keywords.contains("United States"))
        let body = paragraphs(draft)
        #expect(body.first?.hasPrefix("n recent weeks, much to the chagrin") == true)
        #expect(body.last?.hasPrefix("When they do, they could have an important ally") == true)
        #expect(body.count == 10)
        #expect(!draft.articleBody.contains("With Iran, Vladimir Putin Is Both"))
    }

    @Test func seed001HasNoHeadlineAndKeepsOneParagraphPerLine() throws {
        let draft = try parse("001")
        #expect(draft.headline == nil)
        let body = paragraphs(draft)
        #expect(body.first?.hasPrefix("President Donald Trump’s pivot toward improving ties") == true)
        #expect(body.last?.hasPrefix("“All the while, Russia, Iran, and India") == true)
        #expect(body.contains("No Guarantees"))
        #expect(draft.image.contains { $0.credit == "ATTA KENARE/AFP/Getty Images" && $0.url != nil })
    }

    @Test func seed002DropsBannerDekDonationTeasersAndNewsletter() throws {
        let draft = try parse("002")
        #expect(draft.headline == "Why Russia won’t save Iran")
        #expect(draft.alternativeHeadline?.hasPrefix("A recent meeting between Vladimir Putin") == true)
        #expect(draft.articleSection == "Analysis | Middle East")
        let body = paragraphs(draft)
        #expect(body.first?.hasPrefix("On October 11, a rare high-level international forum") == true)
        #expect(body.last?.hasPrefix("The best Iran could hope for") == true)
        #expect(!draft.articleBody.contains("Why Russia won’t save Iran"))
        #expect(!draft.articleBody.contains("Samantha Power"))
        #expect(draft.image.contains { $0.caption?.hasPrefix("Russian President Vladimir Putin meets") == true })
    }

    @Test func seed003HasNoHeadlineAndDropsTheAuthorNote() throws {
        let draft = try parse("003")
        #expect(draft.headline == nil)
        let body = paragraphs(draft)
        #expect(body.first?.hasPrefix("President Donald J. Trump is seeking") == true)
        #expect(body.last?.hasPrefix("Thus, while Trump may hope") == true)
        #expect(!draft.articleBody.contains("The author is grateful"))
    }

    @Test func seed004TakesTheAuthorFromTheBio() throws {
        let draft = try parse("004")
        #expect(draft.headline == nil)
        #expect(draft.author == ["Henry Rome"])
        let body = paragraphs(draft)
        #expect(body.first?.hasPrefix("To foster doubts about the wisdom") == true)
        #expect(body.last?.hasPrefix("Finally, Washington should encourage") == true)
        #expect(!draft.articleBody.contains("senior fellow at The Washington Institute"))
    }

    @Test func printsDrafts() throws {
        for prefix in ["000", "001", "002", "003", "004"] {
            let document = try #require(try ParseTestSupport.seed(prefix))
            let drafts = try DocumentParser().parse(document)
            let data = try ArticleJSON.encoder(pretty: true).encode(drafts)
            if ProcessInfo.processInfo.environment["PRINT_DRAFTS"] != nil { print(String(decoding: data, as: UTF8.self)) }
            #expect(!data.isEmpty)
        }
    }
}
