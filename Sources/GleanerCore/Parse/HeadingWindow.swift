import Foundation

/// The page's visible text pieces in document order, and where its heading begins: the `<h1>`
/// that holds the headline, else the first `<h1>` (pages also use `<h1>` for their logo or for
/// screen-reader labels). The text just after the heading is where a page writes its byline
/// and date when it marks up neither.
struct HeadingWindow {
    /// The text nodes that hold visible text, in document order; each is cleaned
    /// (`TextNormalizer.inline`) only when a window is read, which is a few of them: cleaning
    /// every text node of the page up front was most of this type's cost.
    private var pieces: [MarkupNode] = []
    private(set) var heading: Int?
    private var headingMatched = false
    private let headline: String?
    /// Characters (as `after` counts them) from a matched heading on: once a window's worth
    /// is in, nothing later can change what the windows read, and the walk stops.
    private var afterHeading = 0
    private var complete = false

    /// The most `after` is asked for (the date finder's window).
    private static let longestWindow = 600

    init(root: MarkupNode, headline: String?) {
        self.headline = headline
        // Without an `<h1>` there is no heading and no window: the text need not be walked.
        guard root.descendants(where: { $0.name == "h1" }).first != nil else { return }
        collect(root.firstChild("body") ?? root)
    }

    private static func text(_ piece: MarkupNode) -> String { TextNormalizer.inline(piece.text) }

    /// The text pieces from the heading on, up to about `characters` characters.
    func after(_ characters: Int) -> [String] {
        guard let heading else { return [] }
        var taken: [String] = []
        var count = 0
        for piece in pieces[heading...] {
            guard count < characters else { break }
            let text = Self.text(piece)
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
        for piece in pieces[..<heading].reversed() {
            guard count < characters else { break }
            let text = Self.text(piece)
            taken.insert(text, at: 0)
            count += text.count + 1
        }
        return taken
    }

    private func isHeadline(_ text: String) -> Bool {
        guard let headline, !headline.isEmpty, !text.isEmpty else { return false }
        return headline.contains(text) || text.contains(headline)
    }

    /// Counts a piece from the matched heading on, as `after` does.
    private mutating func counted(_ piece: MarkupNode) {
        afterHeading += Self.text(piece).count + 1
        if afterHeading >= Self.longestWindow { complete = true }
    }

    /// Elements whose text is never shown (a set built once, not an array per element).
    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "select", "option", "svg"]

    private mutating func collect(_ node: MarkupNode) {
        for child in node.children {
            if complete { return }
            if child.kind == .text {
                if TextNormalizer.hasVisibleText(child.text) {
                    pieces.append(child)
                    if headingMatched { counted(child) }
                }
                continue
            }
            guard !Self.skipped.contains(child.name) else { continue }
            let start = pieces.count
            collect(child)
            if child.name == "h1" {
                let text = pieces[start...].map(Self.text).joined(separator: " ")
                if heading == nil || (!headingMatched && isHeadline(text)) {
                    heading = start
                    headingMatched = isHeadline(text)
                    // A matched heading is final (only an unmatched one gives way to a later `<h1>`).
                    if headingMatched { pieces[start...].forEach { counted($0) } }
                }
            }
            if pieces.count > 20_000 { return }
        }
    }
}
