/// The furniture lines around a page's article text, once written as paragraphs: what ends
/// the article (the heading of a related-articles block, "Das könnte Sie auch interessieren",
/// "Notas relacionadas"; the start of the comments, "Kommentar verfassen"), share prompts,
/// photo credits, copyright notices, and the dates and bylines around the first paragraph.
/// Rules go by short lines and keywords in several languages, never by particular sites. Stateless.
enum ArticleTail {
    /// The paragraphs without what follows the article: after a related or comments heading in
    /// the second half of the text, nothing more is the article; such a heading early on (a
    /// "read also" box inside the text) goes with the short teaser lines after it.
    static func trimmed(_ paragraphs: [String]) -> [String] {
        let total = paragraphs.reduce(0) { $0 + $1.scalarCount }
        var kept: [String] = []
        var seen = 0
        var teasersToSkip = 0
        for paragraph in paragraphs {
            let length = paragraph.scalarCount
            defer { seen += length }
            // Lowercased once for every test of a short paragraph's words.
            let lower = length <= 300 ? Array(paragraph.lowercased().utf8) : []
            if length <= 60 {
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
                // "War der Artikel nützlich?", "Was this article helpful?": the page asking about itself.
                if readerPrompts.matchesAny(lower) { continue }
                // Photo credits and bare dates between the paragraphs are captions and page furniture.
                if !sentence && creditCues.matchesAny(lower) { continue }
                if length <= 40 && years.matchesAny(lower) && PlainTextShapes.dateLine(paragraph) != nil { continue }
                // "Aktualisiert: 11.04.2020, 10:27", "Updated March 3, 2021": a stamp, not text.
                if dateLabels.startsAny(lower), looksLikeDateOrTime(lower) { continue }
            }
            if length <= 300 {
                if isCaption(lower) || isDisclosure(lower) || (length <= 250 && isPaywallNotice(lower)) { continue }
                if length <= 150, !PlainTextShapes.endsLikeSentence(paragraph), isDownloadLink(lower) { continue }
                // A notice that opens with the sign may spell out the reprint terms at length.
                if (length <= 200 || copyrightOpenings.startsAny(lower)) && rightsNotices.matchesAny(lower) { continue }
            }
            if teasersToSkip > 0 && length < 100 {
                teasersToSkip -= 1
                continue
            }
            teasersToSkip = 0
            kept.append(paragraph)
        }
        // Never trim a page to nearly nothing: then the lines were not furniture.
        return kept.reduce(0) { $0 + $1.scalarCount } * 3 >= total ? kept : paragraphs
    }

    /// A picture's caption written as a paragraph: it ends in the picture's credit ("… (Foto:
    /// dpa)", "…Bild: AFP/SID", "… (REUTERS/Denis Balibouse)", "(Symbolbild)"), a short tail
    /// after a credit label or in closing brackets, with no sentence after it.
    /// `lower`: the paragraph's lowercased UTF-8 bytes.
    static func isCaption(_ lower: [UInt8]) -> Bool {
        guard lower.count >= 8 else { return false }
        // The tail: what follows the last credit label, or the closing bracket's content.
        var tailStart: Int?
        for label in creditLabels {
            var at = 0
            while let found = find(label, in: lower, from: at) {
                if tailStart.map({ found > $0 }) ?? true { tailStart = found }
                at = found + 1
            }
        }
        if tailStart == nil, lower.last == UInt8(ascii: ")"), let open = lower.lastIndex(of: UInt8(ascii: "(")) {
            let inside = Array(lower[(open + 1)...])
            if creditCues.matchesAny(inside) || inside.contains(UInt8(ascii: "/")) || KeywordMatcher.occurs(symbolPicture, in: inside) {
                tailStart = open
            }
        }
        // "Abbildung 4: klassische Schwachschicht", "Fig. 2. The pier": a numbered figure's caption.
        if lower.count <= 200, let label = figureLabels.first(where: { lower.starts(with: $0) }) {
            let rest = lower.dropFirst(label.count).drop { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 }
            if label.last == UInt8(ascii: ".") || rest.first == UInt8(ascii: ":") || rest.first == UInt8(ascii: ".") {
                return true
            }
        }
        guard let start = tailStart, lower.count - start <= 70 else { return false }
        let tail = lower[start...]
        // A sentence after the credit makes the paragraph prose that mentions a photo.
        return !containsSentenceBreak(tail)
    }

    /// A full stop, "!" or "?" and a space after a word of three letters or more: an initial
    /// ("J. Smith") or a title ("Dr.") in a credit ends no sentence.
    /// "To view the full story, please subscribe", "Pour lire la suite, abonnez-vous", "If
    /// you're already a subscriber, log in": the paywall's words where the text stops.
    /// "For links on this page we may receive a commission", "This post contains references to
    /// products from our advertisers": the publisher's disclosure, not the article.
    /// `lower`: the paragraph's lowercased UTF-8 bytes.
    static func isDisclosure(_ lower: [UInt8]) -> Bool {
        return commissionWords.matchesAny(lower) && disclosedThings.matchesAny(lower)
    }

    private static let commissionWords = KeywordMatcher([
        "affiliate", "provision", "commission", "compensation", "partnerlink", "werbelink", "comisión",
    ])
    private static let disclosedThings = KeywordMatcher([
        "link", "product", "produkt", "purchase", "advertiser", "händler", "retailer", "kauf",
    ])
    private static let copyrightOpenings = KeywordMatcher(["©", "(c)", "copyright"])
    private static let readerPrompts = KeywordMatcher([
        "artikel nützlich", "beitrag nützlich", "article helpful", "this helpful", "artikel teilen", "beitrag teilen",
        "share this article", "share this post", "rate this", "artikel bewerten", "beitrag bewerten",
    ])

    /// "Dieses Skript als PDF herunterladen", "Bericht 2021 PDF | 38 KB": a file to download.
    /// `lower`: the paragraph's lowercased UTF-8 bytes.
    static func isDownloadLink(_ lower: [UInt8]) -> Bool {
        let download = downloadWords.matchesAny(lower), file = fileWords.matchesAny(lower)
        if download && file { return true }
        // A size in kilo- or megabytes after a number, "(123 KB)", with either word: a size
        // alone is data (a table of file sizes).
        guard download || file else { return false }
        for unit in fileSizes {
            var at = 0
            while let found = find(unit, in: lower, from: at) {
                if found > 0, lower[found - 1] >= 0x30 && lower[found - 1] <= 0x39 || found > 1 && lower[found - 1] == 0x20
                    && lower[found - 2] >= 0x30 && lower[found - 2] <= 0x39
                {
                    return true
                }
                at = found + 1
            }
        }
        return false
    }

    private static let downloadWords = KeywordMatcher(["download", "herunterladen", "descargar", "télécharger", "scarica"])
    private static let fileWords = KeywordMatcher(["pdf", "datei", " file", "mp3", "docx", "archivo", "fichier"])
    private static let fileSizes = ["kb", "mb", "kib", "mib"].map { unit in Array(unit.utf8) }

    /// `lower`: the paragraph's lowercased UTF-8 bytes.
    static func isPaywallNotice(_ lower: [UInt8]) -> Bool {
        return subscriptionWords.matchesAny(lower) && accessWords.matchesAny(lower)
    }

    private static let subscriptionWords = KeywordMatcher([
        "subscribe", "subscriber", "subscription", "abonn", "suscri", "abbonat", "abbonamento",
    ])
    private static let accessWords = KeywordMatcher([
        "full story", "full article", "to read", "keep reading", "continue reading", "lire la suite", "accéder",
        "access", "weiterlesen", "weiter lesen", "log in", "sign in", "already a", "seguir leyendo", "continuar leyendo",
        "continua a leggere", "zugang", "voller zugriff",
    ])

    private static func containsSentenceBreak(_ text: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        var word = 0
        var wordBeforeMark = 0
        for byte in text {
            if byte == 0x20, previous == UInt8(ascii: ".") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "?"),
                wordBeforeMark >= 3
            {
                return true
            }
            let letter = (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
            if letter { word += 1 } else { wordBeforeMark = word; word = 0 }
            previous = byte
        }
        return false
    }

    private static func find(_ key: [UInt8], in text: [UInt8], from: Int) -> Int? {
        guard key.count <= text.count, from <= text.count - key.count else { return nil }
        var i = from
        while i <= text.count - key.count {
            if text[i] == key[0] && text[i..<(i + key.count)].elementsEqual(key) { return i }
            i += 1
        }
        return nil
    }

    private static let creditLabels = [
        "foto:", "fotos:", "bild:", "photo:", "photos:", "kuva:", "imagen:", "credit:", "crédito:", "symbolbild",
        "bildquelle:", "image credit", "photo credit",
    ].map { Array($0.utf8) }
    private static let symbolPicture = Array("symbolbild".utf8)
    private static let figureLabels = ["abbildung", "abb.", "figure", "fig.", "grafik", "grafico", "gráfico"].map { Array($0.utf8) }

    /// The paragraphs without the date, time, reading time and byline lines above the first
    /// paragraph of prose or among the three after it (a standfirst, then "By …"): page
    /// furniture around the headline.
    static func withoutLeadingMeta(_ paragraphs: [String]) -> [String] {
        guard let firstProse = paragraphs.firstIndex(where: { $0.scalarCount >= 100 }) else { return paragraphs }
        var kept: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            if index < firstProse + 3, paragraph.scalarCount <= 40 {
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
    private static let dateLabels = KeywordMatcher([
        "aktualisiert", "publiziert", "veröffentlicht", "erstellt am", "zuletzt", "stand:", "updated", "published",
        "posted on", "last modified", "last updated", "actualizado", "publicado", "mis à jour", "publié",
        "aggiornato", "pubblicato", "ultima modifica",
    ])
    private static let bylines = KeywordMatcher(["by ", "von ", "por ", "par ", "di ", "door ", "av ", "autor", "author"])

    /// How the headings of the blocks that follow an article start, the author's bio box
    /// among them ("List of related topics" is no such heading).
    private static let relatedHeadings = KeywordMatcher([
        "related", "you may also like", "you might also like", "more from", "more stories", "read next",
        "recommended", "popular posts", "most read", "explore further", "previous post", "next post",
        "ähnliche beiträge", "ähnliche artikel", "weitere artikel", "weitere beiträge", "weitere news",
        "mehr aus ", "mehr von ", "schon gelesen", "viel gelesen", "meistgelesen", "vorschau auf den nächsten",
        "notas relacionadas", "te puede interesar", "más noticias", "sur le même sujet", "potrebbe interessarti",
        "polecane", "über den autor", "über die autorin", "about the author", "about the writer", "sobre el autor",
        "sobre la autora", "à propos de l'auteur", "l'auteur", "informazioni sull'autore", "o autorze",
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
