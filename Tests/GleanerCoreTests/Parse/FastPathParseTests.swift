import Testing
@testable import GleanerCore

/// The parse path's shortcuts give what the general path gives: the byte-level
/// `TextNormalizer.inline`, plain feed text taken without an HTML parser, and the
/// entity repair that only scans where it must.
@Suite struct FastPathParseTests {
    /// Reference: the scalar-at-a-time rule `inline` implements.
    private func slowInline(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if TextNormalizer.isSpace(v) {
                pendingSpace = !out.isEmpty
                continue
            }
            if TextNormalizer.isDropped(v) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    private let samples = [
        "", "   ", "plain words", "  lead and trail \n", "tabs\tand\r\nbreaks",
        "no\u{00A0}break\u{2003}em\u{3000}ideographic\u{205F}space", "zero\u{200B}width\u{FEFF}bom\u{00AD}shy",
        "control\u{007F}del\u{0085}next\u{0090}c1", "Zürich — “quoted” ’s", "emoji 👩‍👩‍👧 and e\u{0301}",
        "中文 日本語\u{3000}한국어", "x\u{10FFFF}y", " \u{0301}combining after space",
    ]

    @Test func byteInlineMatchesScalarRule() {
        for sample in samples {
            #expect(TextNormalizer.inline(sample) == slowInline(sample), "\(sample.debugDescription)")
            let sub = sample.dropFirst()
            #expect(TextNormalizer.inline(sub) == slowInline(String(sub)), "\(sub.debugDescription)")
        }
    }

    @Test func wordCountMatchesUnicodeWhiteSpace() {
        for sample in samples {
            var expected = 0
            var inWord = false
            for scalar in sample.unicodeScalars {
                let space = scalar.properties.isWhitespace
                if !space, !inWord { expected += 1 }
                inWord = !space
            }
            #expect(FeedContentRule.words(sample) == expected, "\(sample.debugDescription)")
        }
        #expect(FeedContentRule.words("one two\u{00A0}three\u{3000}four") == 4)
    }

    @Test func plainFeedTextSkipsTheHTMLParserWithTheSameResult() {
        for sample in samples {
            #expect(FeedText.isPlainText(sample), "\(sample.debugDescription)")
            let parsed = HTMLContentExtractor.text(ofFragment: sample, keepingEveryParagraph: true)
            #expect(FeedText.htmlText(sample) == parsed, "\(sample.debugDescription)")
        }
    }

    @Test func markupAndUnsafeCharactersTakeTheParser() {
        #expect(!FeedText.isPlainText("a <b>bold</b> word"))
        #expect(!FeedText.isPlainText("fish &amp; chips"))
        #expect(!FeedText.isPlainText("nul\u{0000}byte"))
        #expect(!FeedText.isPlainText("non\u{FFFE}char"))
        #expect(!FeedText.isPlainText("non\u{FFFF}char"))
        #expect(FeedText.isPlainText("replacement \u{FFFD} is fine"))
        #expect(FeedText.htmlText("a <b>bold</b> word") == "a bold word")
    }

    @Test func entityRepairKeepsCDATAAndDeclaredEntities() {
        let xml = "<!DOCTYPE rss [<!ENTITY who \"Ann\">]><rss>&who; &eacute; a&b <![CDATA[&nbsp; x]]> &#X41;</rss>"
        let repaired = FeedEntities.numericHTMLEntities(in: xml)
        #expect(repaired.hasSuffix("<rss>Ann &#233; a&amp;b <![CDATA[&nbsp; x]]> &#65;</rss>"))
        #expect(FeedEntities.numericHTMLEntities(in: "no ampersand <b>here</b>") == "no ampersand <b>here</b>")
        #expect(FeedEntities.demoronized("it\u{0092}s") == "it\u{2019}s")
        #expect(FeedEntities.demoronized("caf\u{00E9}") == "caf\u{00E9}")
    }

    @Test func sniffFindsTheRootMarkerInTheHead() {
        #expect(InputFormat.sniff("<?xml version=\"1.0\"?><!-- x --><RSS version=\"2.0\">", name: "a") == .feed)
        #expect(InputFormat.sniff("<!DOCTYPE HTML><html><body><rss>", name: "a") == .html)
        #expect(InputFormat.sniff("<div>hello</div>", name: "a.txt") == .text)
        #expect(InputFormat.sniff("<x/>", name: "a.atom") == .feed)
        #expect(InputFormat.sniff("hello", name: "a.html") == .text)
    }
}
