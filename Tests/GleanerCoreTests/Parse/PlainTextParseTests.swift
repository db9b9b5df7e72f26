import Foundation
import Testing
@testable import GleanerCore

/// Plain-text rules on small inputs written for the purpose: paragraph separators, headline
/// shapes, boilerplate lines, images, bios and normalization.
@Suite struct PlainTextParseTests {
    func parse(_ text: String) throws -> ArticleDraft {
        try #require(try DocumentParser().parse(ParseTestSupport.document(text, name: "story.txt")).first)
    }

    @Test func paragraphSeparatorsAllGiveOneBlankLine() throws {
        let blank = "First paragraph of the story.\n\nSecond paragraph of the story."
        let nbsp = "First paragraph of the story.\n\u{A0}\nSecond paragraph of the story."
        let none = "First paragraph of the story.\nSecond paragraph of the story."
        let crlf = "First paragraph of the story.\r\n\r\n\r\n   \r\nSecond paragraph of the story.\r\n"
        for text in [blank, nbsp, none, crlf] {
            #expect(try parse(text).articleBody == "First paragraph of the story.\n\nSecond paragraph of the story.")
        }
    }

    @Test func normalizesSpacesAndControlCharacters() throws {
        let draft = try parse("  Too   many\tspaces\u{A0}here,\u{7} and a bell.  \n\n\n\nNext\u{200B} one.")
        #expect(draft.articleBody == "Too many spaces here, and a bell.\n\nNext one.")
    }

    @Test func hardWrappedTextIsJoinedIntoParagraphs() throws {
        let text = """
            The council met on Tuesday evening to discuss the budget for the coming
            year, and after a long debate it approved the plan with a narrow margin
            of two votes.

            Opponents said the plan cut too deeply into the library service and the
            youth centres, and they promised to raise the matter again next spring.
            """
        let draft = try parse(text)
        #expect(draft.headline == nil)
        #expect(draft.articleBody.components(separatedBy: "\n\n").count == 2)
        #expect(draft.articleBody.hasPrefix("The council met on Tuesday evening to discuss the budget for the coming year, and"))
    }

    @Test func headlineDekSectionAndKeywords() throws {
        let text = """
            Follow us on social

            Storm Floods Coastal Towns

            Storm Floods Coastal Towns

            Residents were evacuated as the sea wall gave way overnight

            News | Weather

            Tags: storms, floods, coast

            Hundreds of residents left their homes overnight as water poured over the sea wall.

            The council said repairs would take weeks.

            Newsletter

            Subscribe now to get our daily briefing in your inbox.

            Maria Lopez is a staff reporter covering the coast.
            """
        let draft = try parse(text)
        #expect(draft.headline == "Storm Floods Coastal Towns")
        #expect(draft.alternativeHeadline == "Residents were evacuated as the sea wall gave way overnight")
        #expect(draft.articleSection == "News | Weather")
        #expect(draft.keywords == ["storms", "floods", "coast"])
        #expect(draft.author == ["Maria Lopez"])
        #expect(draft.articleBody == """
            Hundreds of residents left their homes overnight as water poured over the sea wall.

            The council said repairs would take weeks.
            """)
    }

    @Test func bylineAndDateLinesAreMetadataNotHeadline() throws {
        let draft = try parse("By Ana Lima and Tom Berg\n\nMarch 5, 2024\n\nThe port reopened on Tuesday after a week of repairs.")
        #expect(draft.headline == nil)
        #expect(draft.author == ["Ana Lima", "Tom Berg"])
        #expect(draft.datePublished == Date(timeIntervalSince1970: 1_709_596_800))
        #expect(draft.articleBody == "The port reopened on Tuesday after a week of repairs.")
        let titled = try parse("Port Reopens\nBy Ana Lima\nPublished: 2024-03-05\nThe port reopened on Tuesday.")
        #expect(titled.headline == "Port Reopens")
        #expect(titled.author == ["Ana Lima"])
        #expect(titled.articleBody == "The port reopened on Tuesday.")
    }

    @Test func noHeadlineIsInventedForTextThatStartsWithTheBody() throws {
        let draft = try parse("The minister resigned on Friday after a week of pressure.\nHer deputy takes over.")
        #expect(draft.headline == nil)
        #expect(draft.alternativeHeadline == nil)
        #expect(draft.articleBody == "The minister resigned on Friday after a week of pressure.\n\nHer deputy takes over.")
    }

    @Test func imageTagsCreditsAndCaptions() throws {
        let text = """
            Crowds gathered in the square before dawn to watch the parade.
            <image>https://img.example/parade.jpg</image>
            JANE ROE/Reuters
            Photo: The parade passes the old town hall. (Jane Roe/Reuters)
            The parade lasted four hours.
            <image>A float shaped like a dragon</image>
            """
        let draft = try parse(text)
        #expect(draft.image == [
            ImageRef(url: "https://img.example/parade.jpg", caption: "The parade passes the old town hall.", credit: "JANE ROE/Reuters"),
            ImageRef(caption: "A float shaped like a dragon"),
        ])
        #expect(draft.articleBody == "Crowds gathered in the square before dawn to watch the parade.\n\nThe parade lasted four hours.")
    }

    @Test func teasersOfOtherArticlesAreCut() throws {
        let text = """
            The talks ended without agreement, both sides said on Sunday evening.

            Negotiators will meet again next month in Geneva.

            Europe | Trade
            Tariffs rise again

            Tariffs rise again

            The new duties take effect on Monday and cover steel and aluminium imports.

            keep readingShow less

            Latest
            """
        let draft = try parse(text)
        #expect(draft.articleBody == "The talks ended without agreement, both sides said on Sunday evening.\n\nNegotiators will meet again next month in Geneva.")
    }

    @Test func donationAppealIsDropped() throws {
        let text = """
            The harvest was the best in a decade, farmers said.

            We rely on readers like you. Please consider a tax-deductible donation to support our reporting this year.

            Prices are expected to fall.
            """
        #expect(try parse(text).articleBody == "The harvest was the best in a decade, farmers said.\n\nPrices are expected to fall.")
    }
}
