import Foundation
import Testing
@testable import GleanerCore

/// `FeedReader` on hostile and broken input: no external entity or network access, no entity
/// expansion blow-up, ill-formed feeds recovered, encodings from BOM, header and prolog.
@Suite struct FeedReaderSafetyTests {
    func read(_ bytes: [UInt8], contentType: String? = nil) throws -> Feed? {
        try FeedReader.read(Document(
            name: "feed.xml", bytes: bytes, source: SourceRef(kind: .feed, name: "x"), url: "https://x.example/feed",
            contentType: contentType, receivedAt: Date()))
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let xml = """
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <rss><channel><title>T &secret;</title><item><title>I</title></item></channel></rss>
            """
        let feed = try #require(try read(Array(xml.utf8)))
        #expect(!(feed.title ?? "").contains("root:"))
        #expect(feed.items.count == 1)
    }

    @Test func nestedEntityBombIsNotExpanded() throws {
        var decls = "<!ENTITY a0 \"lol\">"
        for i in 1...9 { decls += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i - 1);", count: 10) + "\">" }
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(decls)]><rss><channel><title>&a9;</title></channel></rss>"
        let started = Date()
        let feed = try read(Array(xml.utf8))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect((feed?.title ?? "").count < 10_000)
    }

    @Test func illFormedFeedIsRecovered() throws {
        let xml = "<rss><channel><title>Broken & open<item><title>One</title><link>https://x.example/1?a=1&b=2</link></item>"
        let feed = try #require(try read(Array(xml.utf8)))
        #expect(feed.items.first?.draft.headline == "One")
        #expect(feed.items.first?.link == "https://x.example/1?a=1&b=2")
    }

    @Test func encodingFromHeaderBOMAndProlog() throws {
        let body = "<rss><channel><title>Caf\u{E9} \u{2019}</title></channel></rss>"
        // Windows-1252 bytes, declared only by the HTTP header.
        let cp1252 = Array(body.unicodeScalars.map { $0.value == 0x2019 ? 0x92 : UInt8($0.value) })
        #expect(try read(cp1252, contentType: "application/rss+xml; charset=windows-1252")?.title == "Café \u{2019}")
        // UTF-16LE with a byte order mark.
        let utf16: [UInt8] = [0xFF, 0xFE] + body.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try read(utf16)?.title == "Café \u{2019}")
        // ISO-8859-1 declared by the prolog (read as Windows-1252, as browsers do).
        let latin = Array("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>".utf8) + cp1252
        #expect(try read(latin)?.title == "Café \u{2019}")
    }

    @Test func gzipAndEmptyInput() throws {
        #expect(throws: ParseError.self) { try read([]) }
        #expect(throws: ParseError.self) { try read([0x1F, 0x8B, 0x08, 0x00, 0x01]) }
    }
}
