import Testing
@testable import GleanerCore

@Suite struct ContentKeyTests {
    @Test func aHashGleanerWroteIsReadAsItsDigest() {
        let hash = "sha256:" + "0123456789abcdef" + "fedcba9876543210" + "00000000000000ff" + "8000000000000001"
        let key = ContentKey(hash)
        #expect(key == ContentKey(w0: 0x0123_4567_89AB_CDEF, w1: 0xFEDC_BA98_7654_3210, w2: 0xFF, w3: 0x8000_0000_0000_0001))
    }

    @Test func equalHashesGiveEqualKeysAndDifferentOnesDifferentKeys() {
        let a = ContentNormalizer.contentHash("The council met on Tuesday.")
        let b = ContentNormalizer.contentHash("The council met on Wednesday.")
        #expect(ContentKey(a) == ContentKey(String(a)))
        #expect(ContentKey(a) != ContentKey(b))
        #expect(ContentKey(a) != .absent)
    }

    /// A hand-edited file may hold anything: such a hash is keyed by its own text, so it
    /// matches itself and nothing else — not the digest its hex digits would spell.
    @Test func anyOtherTextIsKeyedByItsOwnDigest() {
        let digits = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
        let upper = "sha256:" + digits.uppercased()
        let short = "sha256:" + digits.dropLast()
        let other = "md5:d41d8cd98f00b204e9800998ecf8427e"
        let proper = ContentKey("sha256:" + digits)
        for text in [upper, String(short), other, ""] {
            #expect(ContentKey(text) == ContentKey(text), "\(text)")
            #expect(ContentKey(text) != proper, "\(text)")
            #expect(ContentKey(text) != .absent, "\(text)")
        }
        #expect(ContentKey(upper) != ContentKey(String(short)))
    }
}
