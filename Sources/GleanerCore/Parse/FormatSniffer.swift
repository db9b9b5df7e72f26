/// The formats an input can be in, and how to tell them apart from the content, with the
/// file extension only as a tie-breaker. Stateless.
enum InputFormat: Equatable {
    case feed, html, json, text

    /// Decides from the first 4 KiB of text (after leading white space and byte order marks),
    /// falling back on the name's extension. Works on bytes: it runs on every input, and
    /// cutting a String at a character count means finding grapheme boundaries all the way.
    static func sniff(_ text: String, name: String) -> InputFormat {
        var start = text.unicodeScalars.startIndex
        while start < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[start]
            guard scalar.properties.isWhitespace || scalar == "\u{FEFF}" else { break }
            start = text.unicodeScalars.index(after: start)
        }
        // Asked for only when the content does not decide (most inputs never need it).
        var ext: String { name.lowercased().split(separator: ".").last.map(String.init) ?? "" }
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
        var copy = text
        let head: [UInt8] = copy.withUTF8 { bytes in
            // The markers are ASCII, so the head's bytes with ASCII letters lowercased are
            // enough: no Unicode lowercasing or Foundation substring search for each marker.
            let end = min(bytes.count, offset + 4096)
            return [UInt8](unsafeUninitializedCapacity: end - offset) { out, count in
                for k in offset..<end {
                    let byte = bytes[k]
                    out[k - offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                count = end - offset
            }
        }
        let first = head.first
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return .json }
        let lower = head
        if first == UInt8(ascii: "<") {
            // Comments and processing instructions may come first; look for the root element.
            // Every marker starts with "<", so one walk over the "<"s finds the earliest (no
            // marker is a prefix of another, so at most one matches at a position).
            var sawHTMLTag = false
            var index = lower.firstIndex(of: UInt8(ascii: "<"))
            while let at = index {
                let rest = lower[at...]
                if let format = Self.rootMarkers.first(where: { rest.starts(with: $0.marker) })?.format { return format }
                if !sawHTMLTag { sawHTMLTag = Self.htmlTags.contains { rest.starts(with: $0) } }
                index = lower[(at + 1)...].firstIndex(of: UInt8(ascii: "<"))
            }
            if sawHTMLTag { return ["txt", "text"].contains(ext) ? .text : .html }
            if ["xml", "rss", "atom", "rdf"].contains(ext) { return .feed }
        }
        switch ext {
        case "html", "htm", "xhtml", "shtml":
            return lower.contains(UInt8(ascii: "<")) ? .html : .text
        default:
            return .text
        }
    }

    /// The root elements that decide the format, and the tags that only HTML has.
    private static let rootMarkers: [(marker: [UInt8], format: InputFormat)] = {
        let markers: [(String, InputFormat)] = [
            ("<rss", .feed), ("<rdf:rdf", .feed), ("<feed", .feed), ("<channel", .feed),
            ("<!doctype html", .html), ("<html", .html), ("<head", .html), ("<body", .html),
        ]
        return markers.map { (Array($0.0.utf8), $0.1) }
    }()
    private static let htmlTags = [
        "<div", "<p>", "<p ", "<article", "<meta", "<title", "<section", "<span", "<a ", "<h1", "<h2", "<table", "<br",
    ].map { Array($0.utf8) }
}
