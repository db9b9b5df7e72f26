/// The first half of the parse stage, shared by `DocumentParser` and `FeedReader` so inbox
/// files and fetched bodies are decoded alike: gzip inflated (bounded), then bytes to text by
/// BOM, the Content-Type charset, the XML prolog or HTML `<meta>`, UTF-8, Windows-1252.
/// Stateless.
enum DocumentText {
    /// The document's text and its name without a `.gz` suffix.
    static func decode(_ document: Document, maxDecodedSize: Int) throws(ParseError) -> (text: String, name: String) {
        var bytes = document.bytes
        var name = document.name
        if GzipDecoder.isGzip(bytes) {
            switch GzipDecoder(maxDecodedSize: maxDecodedSize).decode(bytes) {
            case .success(let inflated): bytes = inflated
            case .failure(let failure): throw .decode(document.name, failure.description)
            }
            if name.lowercased().hasSuffix(".gz") { name.removeLast(3) }
        }
        let text: String
        switch TextDecoding.decode(bytes, contentType: document.contentType) {
        case .success(let decoded): text = decoded
        case .failure(let failure): throw .decode(document.name, failure.description)
        }
        if text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
            throw .decode(document.name, TextFailure.empty.description)
        }
        return (text, name)
    }
}
