import Foundation

/// The article's own pictures: each `<figure>` of the article that shows an image, with its
/// `<figcaption>` split into the caption and the credit. Reads the tree before it is pruned
/// (pruning drops figures from the text). A figure counts only inside the article: within the
/// page's `<article>`, `<main>` or `articleBody` element when it has one, and never inside page
/// furniture (a related-stories rail, a header, a link to another page: teaser cards are
/// figures too). Nothing is guessed: a figure without an image address is skipped, and a
/// caption without a credit has none.
struct HTMLFigures {
    let root: MarkupNode
    let base: URL?

    func images() -> [ImageRef] {
        let figures = root.descendants { $0.name == "figure" }
        guard !figures.isEmpty else { return [] }
        let containers = Set(root.descendants(where: Self.isArticleContainer).map(ObjectIdentifier.init))
        var images: [ImageRef] = []
        for figure in figures where isArticleFigure(figure, containers: containers) {
            guard let url = imageAddress(in: figure), !images.contains(where: { $0.url == url }) else { continue }
            var image = ImageRef(url: url)
            if let caption = figure.descendants(where: { $0.name == "figcaption" }).first {
                (image.caption, image.credit) = Self.captionAndCredit(caption)
            }
            images.append(image)
        }
        return images
    }

    private static func isArticleContainer(_ node: MarkupNode) -> Bool {
        node.name == "article" || node.name == "main" || node["role"] == "main"
            || (node["itemprop"]?.lowercased().contains("articlebody") ?? false)
    }

    /// Inside an article container when the page has one, and under no furniture or link.
    private func isArticleFigure(_ figure: MarkupNode, containers: Set<ObjectIdentifier>) -> Bool {
        var inContainer = containers.isEmpty
        var ancestor = figure.parent
        while let node = ancestor {
            if node.name == "a" || HTMLContentExtractor.isJunk(node, page: true) { return false }
            if containers.contains(ObjectIdentifier(node)) { inContainer = true }
            ancestor = node.parent
        }
        return inContainer
    }

    /// The figure's picture: a lazy-loading attribute of any of its images first (their `src`
    /// is then a placeholder or a blurred thumbnail), else the largest `srcset` candidate,
    /// else the first `src`.
    private func imageAddress(in figure: MarkupNode) -> String? {
        let images = figure.descendants { $0.name == "img" || $0.name == "amp-img" || $0.name == "source" }
        let lazy = images.flatMap { image in Self.lazyAttributes.compactMap { image[$0] } }
        let sets = images.compactMap { image in [image["data-srcset"], image["srcset"]].compactMap { $0 }.first.flatMap(Self.largest(inSrcset:)) }
        // An image in `<noscript>` is the picture itself where the shown one is a blurred
        // thumbnail that script replaces.
        let plain = (images.filter(Self.isInNoscript) + images.filter { !Self.isInNoscript($0) }).compactMap { $0["src"] }
        for raw in lazy + sets + plain where !Self.isPlaceholder(raw) {
            if let url = URLResolution.resolve(raw, against: base) { return url }
        }
        return nil
    }

    private static func isInNoscript(_ node: MarkupNode) -> Bool {
        var ancestor = node.parent
        while let parent = ancestor, parent.name != "figure" {
            if parent.name == "noscript" { return true }
            ancestor = parent.parent
        }
        return false
    }

    private static let lazyAttributes = ["data-src", "data-lazy-src", "data-original", "data-hi-res-src", "data-full-src"]

    /// A data: URI or a 1×1 spacer, as lazy-loading pages put in `src` until the picture loads.
    private static func isPlaceholder(_ raw: String) -> Bool {
        let lower = raw.lowercased().trimmingCharacters(in: .whitespaces)
        return lower.isEmpty || lower.hasPrefix("data:") || lower.contains("blank.gif") || lower.contains("spacer.gif")
            || lower.contains("pixel.gif") || lower.contains("placeholder")
    }

    /// The candidate of a `srcset` with the largest width (or density) descriptor.
    private static func largest(inSrcset srcset: String) -> String? {
        var best: (url: String, size: Double)?
        for candidate in srcset.split(separator: ",") {
            let parts = candidate.split(whereSeparator: \.isWhitespace)
            guard let url = parts.first else { continue }
            let size = parts.dropFirst().first.flatMap { Double($0.dropLast()) } ?? 1
            if size > best?.size ?? -1 { best = (String(url), size) }
        }
        return best?.url
    }

    /// Hints naming a caption's credit element.
    private static let creditHints = KeywordMatcher(["credit", "copyright", "photographer", "source", "byline", "author"])

    /// A `<figcaption>`'s caption and credit: the credit is an element marked as one (by class,
    /// or `<small>`/`<cite>` after the caption), or a trailing "Photograph: …", "Foto: …",
    /// "(Photo: …)" or "© …" part of the caption's text.
    private static func captionAndCredit(_ figcaption: MarkupNode) -> (caption: String?, credit: String?) {
        let marked = figcaption.descendants { node in
            node !== figcaption && (node.name == "small" || node.name == "cite" || creditHints.matchesAny(node.hints))
        }.first
        var caption = figcaption.cleanText
        var credit: String?
        if let marked {
            let text = marked.cleanText
            if !text.isEmpty, let range = caption.range(of: text, options: .backwards) {
                credit = text
                caption.removeSubrange(range)
                caption = TextNormalizer.inline(caption)
            }
        }
        if credit == nil { (caption, credit) = splitCredit(caption) }
        // A caption that is nothing but a credit ("Devindra Hardawar/AOL").
        if credit == nil, PlainTextShapes.isCredit(caption), !caption.contains(" is "), caption.split(separator: " ").count <= 5 {
            (caption, credit) = ("", caption)
        }
        caption = caption.trimmingCharacters(in: captionTail)
        credit = credit.map(cleanCredit).flatMap { $0.isEmpty ? nil : $0 }
        return (caption.isEmpty ? nil : caption, credit)
    }

    /// What a caption's text ends in once its credit is cut off: the separator before it.
    private static let captionTail = CharacterSet.whitespaces.union(CharacterSet(charactersIn: "|/–—-(,;"))

    /// Labels that start a picture's credit at the end of its caption, in several languages.
    private static let creditLabels = ["photograph:", "photo:", "photos:", "picture:", "image:", "credit:", "foto:",
                                       "fotos:", "bild:", "illustration:", "photo credit:", "source:", "quelle:",
                                       "photo by ", "photograph by ", "photos by ", "illustration by ", "image by "]

    /// The caption's text and its trailing credit, when a label or "©" sets one off: the
    /// last such mark, and only a short credit (a name and an agency).
    private static func splitCredit(_ text: String) -> (String, String?) {
        let marks = (creditLabels + ["©"]).compactMap { text.range(of: $0, options: [.backwards, .caseInsensitive]) }
        guard let cut = marks.max(by: { $0.lowerBound < $1.lowerBound }) else { return (text, nil) }
        let credit = String(text[cut.lowerBound...])
        guard credit.count <= 120 else { return (text, nil) }
        // "(Photo: …)" leaves its opening parenthesis with the caption.
        var start = cut.lowerBound
        if start > text.startIndex, text[text.index(before: start)] == "(" { start = text.index(before: start) }
        return (TextNormalizer.inline(String(text[..<start])), credit)
    }

    /// The credit without its label and the parentheses around it: "Photograph: Jo Lee/AP" and
    /// "Credit Jo Lee/AP" → "Jo Lee/AP"; "©" and "Photo by" stay, as part of how credits read.
    private static func cleanCredit(_ raw: String) -> String {
        var credit = TextNormalizer.inline(raw)
        if credit.hasPrefix("("), credit.hasSuffix(")") { credit = String(credit.dropFirst().dropLast()) }
        if credit.hasSuffix(")"), !credit.contains("(") { credit.removeLast() }
        let lower = credit.lowercased()
        if let label = creditLabels.first(where: { $0.hasSuffix(":") && lower.hasPrefix($0) }) {
            credit = String(credit.dropFirst(label.count))
        } else if lower.hasPrefix("credit"), let next = credit.dropFirst(6).first, next == " " || next.isUppercase {
            // "Credit Jo Lee", and "CreditJo Lee" where the label and the name are two elements.
            credit = String(credit.dropFirst(6))
        }
        return TextNormalizer.inline(credit)
    }
}
