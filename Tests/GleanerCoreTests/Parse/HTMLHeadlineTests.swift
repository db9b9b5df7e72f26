import Foundation
import Testing
@testable import GleanerCore

/// Headline choice on pages written for this project: the page's own heading inside a
/// `<title>` or `og:title` that adds a kicker before it or the site's name after it.
@Suite struct HTMLHeadlineTests {
    let parser = DocumentParser()

    func headline(head: String, body: String) throws -> String? {
        let html = "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">" + head + "</head><body>" + body
            + "<p>Der Hafenrat hat am Montagabend nach langer Debatte beschlossen, die alte Mole noch vor dem Winter zu erneuern.</p>"
            + "</body></html>"
        let doc = ParseTestSupport.document(html, name: "case.html", url: "https://hafen.example/mole")
        return try #require(try parser.parse(doc).first).headline
    }

    @Test func kickerBeforeTheHeadingIsLeftOut() throws {
        let found = try headline(
            head: "<title>Klimaschutz: Die alte Mole wird erneuert | Hafenblatt</title>"
                + "<meta property=\"og:title\" content=\"Klimaschutz: Die alte Mole wird erneuert\">",
            body: "<h1>Die alte Mole wird erneuert</h1>")
        #expect(found == "Die alte Mole wird erneuert")
    }

    @Test func headingBeforeTheSiteNameStays() throws {
        let found = try headline(
            head: "<title>Die alte Mole wird erneuert - Hafenblatt</title>", body: "<h1>Die alte Mole wird erneuert</h1>")
        #expect(found == "Die alte Mole wird erneuert")
    }

    @Test func titleWithoutAMatchingHeadingKeepsItsKicker() throws {
        // No heading says which part is the headline: the kicker is not cut on a guess.
        let found = try headline(
            head: "<meta property=\"og:title\" content=\"Klimaschutz: Die alte Mole wird erneuert\">", body: "<h2>Mehr zum Thema</h2>")
        #expect(found == "Klimaschutz: Die alte Mole wird erneuert")
    }
}
