import Foundation

/// The page's visible text pieces in document order, and where its heading begins: the `<h1>`
/// that holds the headline, else the first `<h1>` (pages also use `<h1>` for their logo or for
/// screen-reader labels). The text just after the heading is where a page writes its byline
/// and date when it marks up neither.
struct HeadingWindow {
    private(set) var texts: [String] = []
    private(set) var heading: Int?
    private var headingMatched = false
    private let headline: String?

    init(root: MarkupNode, headline: String?) {
        self.headline = headline
        collect(root.firstChild("body") ?? root)
    }

    /// The text pieces from the heading on, up to about `characters` characters.
    func after(_ characters: Int) -> [String] {
        guard let heading else { return [] }
        var taken: [String] = []
        var count = 0
        for text in texts[heading...] where count < characters {
            taken.append(text)
            count += text.count + 1
        }
        return taken
    }

    /// The text pieces just before the heading, about `characters` characters, in order.
    func before(_ characters: Int) -> [String] {
        guard let heading else { return [] }
        var taken: [String] = []
        var count = 0
        for text in texts[..<heading].reversed() where count < characters {
            taken.insert(text, at: 0)
            count += text.count + 1
        }
        return taken
    }

    private func isHeadline(_ text: String) -> Bool {
        guard let headline, !headline.isEmpty, !text.isEmpty else { return false }
        return headline.contains(text) || text.contains(headline)
    }

    private mutating func collect(_ node: MarkupNode) {
        for child in node.children {
            if child.kind == .text {
                let text = TextNormalizer.inline(child.text)
                if !text.isEmpty { texts.append(text) }
                continue
            }
            guard !["script", "style", "noscript", "template", "select", "option", "svg"].contains(child.name) else { continue }
            let start = texts.count
            collect(child)
            if child.name == "h1" {
                let text = texts[start...].joined(separator: " ")
                if heading == nil || (!headingMatched && isHeadline(text)) {
                    heading = start
                    headingMatched = isHeadline(text)
                }
            }
            if texts.count > 20_000 { return }
        }
    }
}
