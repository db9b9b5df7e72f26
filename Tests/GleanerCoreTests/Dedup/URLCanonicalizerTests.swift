import Testing
@testable import GleanerCore

@Suite struct URLCanonicalizerTests {
    @Test(arguments: [
        ("HTTPS://Example.COM/News/Story", "https://example.com/News/Story"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?utm_source=x&utm_medium=rss", "https://example.com/a"),
        ("https://example.com/a?id=7&fbclid=abc&gclid=1&mc_cid=2&mc_eid=3", "https://example.com/a?id=7"),
        ("https://example.com/a?", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/%7euser/%2f", "https://example.com/~user/%2F"),
        ("  https://example.com./a  ", "https://example.com/a"),
        ("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"),
    ])
    func canonicalizes(input: String, expected: String) {
        #expect(URLCanonicalizer.canonicalize(input) == expected)
    }

    @Test(arguments: ["", "example.com/a", "/relative/path", "mailto:someone@example.com", "ftp://example.com/f", "https:///nohost"])
    func refusesWhatIsNotAnAbsoluteWebAddress(input: String) {
        #expect(URLCanonicalizer.canonicalize(input) == nil)
    }

    @Test func spellingsOfOneAddressAgree() {
        let spellings = [
            "https://news.example.org/2025/06/story.html?utm_campaign=feed#top",
            "HTTPS://NEWS.EXAMPLE.ORG:443/2025/06/story.html",
            "https://news.example.org/2025/06/./story.html?fbclid=IwAR0",
        ]
        let canonical = Set(spellings.map(URLCanonicalizer.canonicalize))
        #expect(canonical == ["https://news.example.org/2025/06/story.html"])
    }
}
