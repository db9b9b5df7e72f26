import CLibXML2
import Foundation

/// The parse stage: turns one `Document` (raw bytes as they arrived) into the article drafts
/// it carries. Decompresses gzip, decodes the text, sniffs the format and hands the text to
/// the reader for that format. A value with no state; safe to share between threads.
public struct DocumentParser: Sendable {
    /// How many bytes a `.gz` input may inflate to; more is refused (a gzip bomb).
    public var maxDecodedSize: Int

    public init(maxDecodedSize: Int = 64 << 20) {
        self.maxDecodedSize = maxDecodedSize
        // Sets up libxml2's globals once, before any thread parses (idempotent).
        xmlInitParser()
    }

    public func parse(_ document: Document) throws(ParseError) -> [ArticleDraft] {
        let (text, name) = try DocumentText.decode(document, maxDecodedSize: maxDecodedSize)
        var format = InputFormat.sniff(text, name: name)
        if format == .html, Self.mayHoldFeedRoot(text), FeedReader.looksLikeFeedBehindDoctype(text) { format = .feed }
        switch format {
        case .feed:
            // The same reader the fetcher uses, so inbox feeds and fetched feeds agree.
            let feed = try FeedReader.read(text: text, name: name, input: document.name, url: document.url)
            guard let feed else {
                throw .parse(document.name, "the XML is not a feed (its root element is not rss, rdf:RDF or feed)")
            }
            return feed.items.map(\.draft)
        case .html:
            return [try HTMLArticleParser(input: document.name, documentURL: document.url, receivedAt: document.receivedAt).parse(text)]
        case .json:
            if let drafts = try JSONArticleParser(input: document.name, baseURL: document.url).parse(text) {
                return drafts
            }
            return [try plainText(text, input: document.name)]
        case .text:
            return [try plainText(text, input: document.name)]
        }
    }

    /// Whether the text holds "<rss", "<feed" or "<rdf:rdf" in any letter case, on the bytes:
    /// the feed check lowercases the page's head, and only these ASCII letters lowercase to
    /// what it looks for, so a page without them is no feed (nearly every page).
    static func mayHoldFeedRoot(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let end = base + bytes.count
            var from = base
            // Each "<" found by memchr (vectorised), its next three bytes compared folded.
            while from < end, let found = memchr(from, 0x3C, end - from) {
                let at = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self))
                guard end - at > 3 else { return false }
                let a = at[1] | 0x20, b = at[2] | 0x20, c = at[3] | 0x20
                if a == UInt8(ascii: "r") && ((b == UInt8(ascii: "s") && c == UInt8(ascii: "s")) || (b == UInt8(ascii: "d") && c == UInt8(ascii: "f"))) {
                    return true
                }
                if a == UInt8(ascii: "f") && b == UInt8(ascii: "e") && c == UInt8(ascii: "e") { return true }
                from = at + 1
            }
            return false
        }
    }

    private func plainText(_ text: String, input: String) throws(ParseError) -> ArticleDraft {
        let draft = PlainTextParser().parse(text)
        guard !draft.articleBody.isEmpty else { throw .parse(input, "no article text found") }
        return draft
    }
}
