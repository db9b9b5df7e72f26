/// What ends an article on a page: the heading of a related-articles block ("Related",
/// "Das könnte Sie auch interessieren", "Notas relacionadas"), the start of the comments
/// ("Leave a comment", "Kommentar verfassen") and share prompts ("Teilen Sie dies mit:").
/// Rules go by short lines and keywords in several languages, never by particular sites. Stateless.
enum ArticleTail {
    /// The paragraphs without what follows the article: after a related or comments heading in
    /// the second half of the text, nothing more is the article; such a heading early on (a
    /// "read also" box inside the text) goes with the short teaser lines after it.
    static func trimmed(_ paragraphs: [String]) -> [String] {
        let total = paragraphs.reduce(0) { $0 + $1.unicodeScalars.count }
        var kept: [String] = []
        var seen = 0
        var skippingTeasers = false
        for paragraph in paragraphs {
            let length = paragraph.unicodeScalars.count
            defer { seen += length }
            if length <= 60 {
                let lower = Array(paragraph.lowercased().utf8)
                let related = relatedHeadings.matchesAny(lower)
                let comments = commentMarkers.matchesAny(lower)
                if related || comments {
                    if seen * 2 >= total && kept.count >= 2 { break }
                    skippingTeasers = true
                    continue
                }
                if length <= 40 && sharePrompts.matchesAny(lower) { continue }
            }
            if skippingTeasers && length < 100 { continue }
            skippingTeasers = false
            kept.append(paragraph)
        }
        // Never trim a page to nearly nothing: then the lines were not furniture.
        return kept.reduce(0) { $0 + $1.unicodeScalars.count } * 3 >= total ? kept : paragraphs
    }

    private static let relatedHeadings = KeywordMatcher([
        "related", "you may also like", "you might also like", "more from", "more stories", "read next", "read also",
        "see also", "recommended", "popular posts", "most read", "explore further", "previous post", "next post",
        "ähnliche beiträge", "ähnliche artikel", "weitere artikel", "weitere beiträge", "weitere news",
        "könnte sie auch interessieren", "könnte dich auch interessieren", "auch interessant", "mehr zum thema",
        "mehr aus ", "mehr von ", "lesen sie auch", "lies auch", "schon gelesen", "viel gelesen", "meistgelesen",
        "zum weiterlesen", "nächsten artikel", "empfehlungen",
        "notas relacionadas", "te puede interesar", "lee también", "más noticias", "à lire aussi", "lire aussi",
        "sur le même sujet", "leggi anche", "potrebbe interessarti", "czytaj także", "zobacz też", "polecane",
    ])
    private static let commentMarkers = KeywordMatcher([
        "comment", "kommentar", "leave a reply", "no response", "responses to", "say your words",
        "comentario", "commenti", "komentarz", "commentaire",
    ])
    private static let sharePrompts = KeywordMatcher([
        "share", "teilen", "sharen", "partager", "compartir", "condividi", "udostępnij", "bewerten", "gefällt",
    ])
}
