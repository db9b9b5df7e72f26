/// Decides what an item's article text is and whether it is the whole article.
///
/// The rule (docs/feeds.md): an item has full content when it carries a full-content field —
/// RSS `content:encoded` or `xhtml:body`, Atom `<content>` (inline, not `src`), JSON Feed
/// `content_html` / `content_text` — whose text has at least `fullWords` words ("Read
/// more…" stubs do not count); or when its only text, the description / summary, is itself
/// at least `longSummaryWords` words. The body is the full content, or the summary when that
/// says more. Stateless.
enum FeedContentRule {
    static let fullWords = 50
    static let longSummaryWords = 150

    /// Sets `draft.articleBody` and returns whether it is the full article.
    static func apply(full: String?, summary: String?, to draft: inout ArticleDraft) -> Bool {
        let fullCount = full.map(words) ?? 0
        let summaryCount = summary.map(words) ?? 0
        if let full, fullCount > 0, fullCount >= summaryCount {
            draft.articleBody = full
        } else if let summary, summaryCount > 0 {
            draft.articleBody = summary
        } else {
            draft.articleBody = full ?? summary ?? ""
        }
        return fullCount >= fullWords || summaryCount >= longSummaryWords
    }

    static func words(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            // The same set as Unicode's White_Space property, without the property lookup.
            let space = TextNormalizer.isSpace(scalar.value)
            if !space, !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}
