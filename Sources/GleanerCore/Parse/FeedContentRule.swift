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
        let summaryCount = summary.map { words($0) } ?? 0
        // The full text's count is only compared with 1, the summary's count and `fullWords`:
        // counting stops at the largest of them (an article is many times that).
        let fullCount = full.map { words($0, upTo: max(summaryCount, fullWords)) } ?? 0
        if let full, fullCount > 0, fullCount >= summaryCount {
            draft.articleBody = full
        } else if let summary, summaryCount > 0 {
            draft.articleBody = summary
        } else {
            draft.articleBody = full ?? summary ?? ""
        }
        return fullCount >= fullWords || summaryCount >= longSummaryWords
    }

    /// Runs of non-White_Space characters, counted on the UTF-8 bytes (this runs over every
    /// item's whole text, so decoding only non-ASCII sequences matters); the count stops once
    /// it reaches `limit`.
    static func words(_ text: String, upTo limit: Int = .max) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            var i = 0
            while i < bytes.count, count < limit {
                let byte = bytes[i]
                let space: Bool
                if byte < 0x80 {
                    // ASCII White_Space: tab to carriage return, and space. Computed without
                    // a branch on it, since word boundaries come every few bytes.
                    space = (byte == 0x20) || (byte &- 0x09 < 5)
                    i &+= 1
                } else {
                    let (v, length) = TextNormalizer.scalar(at: i, in: bytes)
                    space = TextNormalizer.isSpace(v)
                    i += length
                }
                count &+= (!space && !inWord) ? 1 : 0
                inWord = !space
            }
            return count
        }
    }
}
