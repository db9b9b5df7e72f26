/// The furniture lines around a page's article text, once written as paragraphs: what ends
/// the article (the heading of a related-articles block, "Das könnte Sie auch interessieren",
/// "Notas relacionadas"; the start of the comments, "Kommentar verfassen"), share prompts,
/// photo credits, copyright notices, and the dates and bylines above the first paragraph.
/// Rules go by short lines and keywords in several languages, never by particular sites. Stateless.
enum ArticleTail {
    /// The paragraphs without what follows the article: after a related or comments heading in
    /// the second half of the text, nothing more is the article; such a heading early on (a
    /// "read also" box inside the text) goes with the short teaser lines after it.
    static func trimmed(_ paragraphs: [String]) -> [String] {
        let total = paragraphs.reduce(0) { $0 + $1.unicodeScalars.count }
        var kept: [String] = []
        var seen = 0
        var teasersToSkip = 0
        for paragraph in paragraphs {
            let length = paragraph.unicodeScalars.count
            defer { seen += length }
            if length <= 60 {
                let lower = Array(paragraph.lowercased().utf8)
                let closing = relatedHeadings.startsAny(lower) || relatedPhrases.matchesAny(lower)
                    || (commentMarkers.matchesAny(lower) && !notComments.matchesAny(lower))
                if closing && seen * 2 >= total && kept.count >= 2 { break }
                if closing || readAlso.matchesAny(lower) {
                    // A box inside the text: its heading and a few teaser lines go.
                    teasersToSkip = 3
                    continue
                }
                let sentence = paragraph.last.map { ".!?".contains($0) } ?? false
                if length <= 40 && !sentence && sharePrompts.matchesAny(lower) { continue }
                // Photo credits and bare dates between the paragraphs are captions and page furniture.
                if !sentence && creditCues.matchesAny(lower) { continue }
                if length <= 40 && years.matchesAny(lower) && PlainTextShapes.dateLine(paragraph) != nil { continue }
            }
            if length <= 200 && rightsNotices.matchesAny(Array(paragraph.lowercased().utf8)) { continue }
            if teasersToSkip > 0 && length < 100 {
                teasersToSkip -= 1
                continue
            }
            teasersToSkip = 0
            kept.append(paragraph)
        }
        // Never trim a page to nearly nothing: then the lines were not furniture.
        return kept.reduce(0) { $0 + $1.unicodeScalars.count } * 3 >= total ? kept : paragraphs
    }

    /// The paragraphs without the date, time, reading time and byline lines above the first
    /// paragraph of prose: page furniture around the headline.
    static func withoutLeadingMeta(_ paragraphs: [String]) -> [String] {
        guard let firstProse = paragraphs.firstIndex(where: { $0.unicodeScalars.count >= 100 }) else { return paragraphs }
        var kept: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if index < firstProse, paragraph.unicodeScalars.count <= 40 {
                let lower = Array(paragraph.lowercased().utf8)
                if looksLikeDateOrTime(lower) || bylines.startsAny(lower) { continue }
            }
            kept.append(paragraph)
        }
        return kept
    }

    /// A year (19xx, 20xx), a clock time (9:41) or a reading time ("4 min").
    private static func looksLikeDateOrTime(_ lower: [UInt8]) -> Bool {
        func digit(_ i: Int) -> Bool { i >= 0 && i < lower.count && lower[i] >= 0x30 && lower[i] <= 0x39 }
        for i in lower.indices where digit(i) {
            if digit(i + 1), digit(i + 2), digit(i + 3), !digit(i - 1), !digit(i + 4),
                (lower[i] == 0x31 && lower[i + 1] == 0x39) || (lower[i] == 0x32 && lower[i + 1] == 0x30)
            {
                return true
            }
            if i + 3 < lower.count, lower[i + 1] == 0x3A, digit(i + 2), digit(i + 3) { return true }
        }
        return KeywordMatcher.occurs(minutes, in: lower)
    }

    private static let minutes = Array(" min".utf8)
    private static let bylines = KeywordMatcher(["by ", "von ", "por ", "par ", "di ", "door ", "av ", "autor", "author"])

    /// How the headings of the blocks that follow an article start ("List of related
    /// topics" is no such heading).
    private static let relatedHeadings = KeywordMatcher([
        "related", "you may also like", "you might also like", "more from", "more stories", "read next",
        "recommended", "popular posts", "most read", "explore further", "previous post", "next post",
        "ähnliche beiträge", "ähnliche artikel", "weitere artikel", "weitere beiträge", "weitere news",
        "mehr aus ", "mehr von ", "schon gelesen", "viel gelesen", "meistgelesen", "vorschau auf den nächsten",
        "notas relacionadas", "te puede interesar", "más noticias", "sur le même sujet", "potrebbe interessarti",
        "polecane",
    ])
    /// Phrases that make a short line such a heading wherever they stand in it.
    private static let relatedPhrases = KeywordMatcher([
        "könnte sie auch interessieren", "könnte dich auch interessieren", "auch interessant",
    ])
    /// "Read also" boxes, which sit inside the text as often as after it.
    private static let readAlso = KeywordMatcher([
        "read also", "see also", "lesen sie auch", "lies auch", "mehr zum thema", "zum weiterlesen", "lee también",
        "lire aussi", "leggi anche", "czytaj także", "zobacz też",
    ])
    private static let commentMarkers = KeywordMatcher([
        "comment", "kommentar", "leave a reply", "no response", "responses to", "say your words",
        "comentario", "commenti", "komentarz",
    ])
    /// Copyright and reprint notices.
    private static let rightsNotices = KeywordMatcher([
        "all rights reserved", "copyright", "copyrighted", "alle rechte vorbehalten", "derechos reservados",
        "droits réservés", "diritti riservati", "reprint",
    ])
    private static let creditCues = KeywordMatcher([
        "©", "getty", "photograph", "foto:", "photo:", "credit", "reuters", "afp", "istock", "shutterstock", "dpa",
        "bild:", "kuva:", "crédito", "imago", "bild via",
    ])
    private static let years = KeywordMatcher(["19", "20"])
    private static let notComments = KeywordMatcher(["commentar", "commentat", "commenter", "commented"])
    private static let sharePrompts = KeywordMatcher([
        "share", "teilen", "sharen", "partager", "compartir", "condividi", "udostępnij", "bewerten", "gefällt",
    ])
}
