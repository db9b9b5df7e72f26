import CLibXML2
import Foundation

/// The one way into feeds, for fetched feeds (the scheduler) and inbox files
/// (`DocumentParser`) alike, so both read a feed the same way: decodes the document, tells
/// RSS / RDF / Atom / JSON Feed apart and hands it to the reader for that family. Stateless.
public enum FeedReader {
    /// How many bytes a gzip-compressed feed may inflate to.
    public static let maxDecodedSize = 64 << 20

    /// The feed in `document` (gzip and encoding handled as `DocumentParser` does: BOM,
    /// Content-Type charset of `document.contentType`, XML prolog, UTF-8, Windows-1252), or
    /// nil when it is not a feed.
    public static func read(_ document: Document) throws(ParseError) -> Feed? {
        xmlInitParser()
        let (text, name) = try DocumentText.decode(document, maxDecodedSize: maxDecodedSize)
        return try read(text: text, name: name, input: document.name, url: document.url)
    }

    /// The feed in already decoded text, or nil when the text is not a feed.
    static func read(text: String, name: String, input: String, url: String?) throws(ParseError) -> Feed? {
        let text = FeedEntities.demoronized(text)
        switch InputFormat.sniff(text, name: name) {
        case .feed:
            return try FeedXMLReader(input: input, baseURL: url).read(text)
        case .html where looksLikeFeedBehindDoctype(text):
            return try FeedXMLReader(input: input, baseURL: url).read(text)
        case .json:
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let version = object["version"] as? String, version.contains("jsonfeed.org")
            else { return nil }
            return FeedJSONReader(baseURL: url.flatMap { URL(string: $0) }).feed(from: object)
        case .html, .text:
            return nil
        }
    }

    /// A feed that starts with an (X)HTML doctype still has a feed's root element and no `<html>`.
    static func looksLikeFeedBehindDoctype(_ text: String) -> Bool {
        let head = text.prefix(4096).lowercased()
        return !head.contains("<html") && ["<rss", "<feed", "<rdf:rdf"].contains { head.contains($0) }
    }
}
