/// The formats an input can be in, and how to tell them apart from the content, with the
/// file extension only as a tie-breaker. Stateless.
enum InputFormat: Equatable {
    case feed, html, json, text

    /// Decides from the first kilobytes of text, falling back on the name's extension.
    static func sniff(_ text: String, name: String) -> InputFormat {
        var head = Substring(text.prefix(4096))
        head = head.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        let ext = name.lowercased().split(separator: ".").last.map(String.init) ?? ""
        if head.first == "{" || head.first == "[" { return .json }
        let lower = head.lowercased()
        if head.first == "<" {
            // Comments and processing instructions may come first; look for the root element.
            let markers: [(String, InputFormat)] = [
                ("<rss", .feed), ("<rdf:rdf", .feed), ("<feed", .feed), ("<channel", .feed),
                ("<!doctype html", .html), ("<html", .html), ("<head", .html), ("<body", .html),
            ]
            var best: (index: String.Index, format: InputFormat)?
            for (marker, format) in markers {
                if let r = lower.range(of: marker), best == nil || r.lowerBound < best!.index {
                    best = (r.lowerBound, format)
                }
            }
            if let best { return best.format }
            let htmlTags = ["<div", "<p>", "<p ", "<article", "<meta", "<title", "<section", "<span", "<a ", "<h1", "<h2", "<table", "<br"]
            if htmlTags.contains(where: { lower.contains($0) }) {
                return ["txt", "text"].contains(ext) ? .text : .html
            }
            if ["xml", "rss", "atom", "rdf"].contains(ext) { return .feed }
        }
        switch ext {
        case "html", "htm", "xhtml", "shtml":
            return lower.contains("<") ? .html : .text
        default:
            return .text
        }
    }
}
