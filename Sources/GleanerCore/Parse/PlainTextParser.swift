import Foundation

/// Reads a plain-text article dump (what people drop into the inbox, see the corpus seeds):
/// finds the headline, dek, section, keywords and images in the lines around the text, and
/// keeps only the article's paragraphs. Stateless.
struct PlainTextParser: Sendable {
    func parse(_ text: String) -> ArticleDraft {
        let units = Self.paragraphs(of: text)
        var draft = ArticleDraft(articleBody: "")
        var position = readHeader(units, into: &draft)
        let end = trailerStart(units, from: position)
        var kept: [String] = []
        var lastImageAt: Int?
        while position < end {
            let unit = units[position]
            position += 1
            if let terms = PlainTextShapes.keywordList(unit) {
                appendUnique(terms, to: &draft.keywords)
                continue
            }
            if let tagged = Self.imageTag(unit) {
                draft.image.append(tagged.image)
                lastImageAt = draft.image.count - 1
                if !tagged.rest.isEmpty { kept.append(tagged.rest) }
                if position < end, PlainTextShapes.isCredit(units[position]) {
                    draft.image[draft.image.count - 1].credit = units[position]
                    position += 1
                }
                continue
            }
            if let photo = PlainTextShapes.photoLine(unit) {
                attach(photo, to: &draft.image, lastImageAt: &lastImageAt)
                continue
            }
            if unit == draft.headline || PlainTextShapes.isBanner(unit) || PlainTextShapes.isSubscriptionPitch(unit)
                || PlainTextShapes.isDonationAppeal(unit) || PlainTextShapes.isSectionLine(unit)
            {
                continue
            }
            lastImageAt = nil
            kept.append(unit)
        }
        // The closing author bio or note is about the article, not part of it.
        if let last = kept.last {
            if let name = PlainTextShapes.bioAuthor(last) {
                if draft.author.isEmpty { draft.author = [name] }
                kept.removeLast()
            } else if PlainTextShapes.isAuthorNote(last) {
                kept.removeLast()
            }
        }
        draft.articleBody = TextNormalizer.body(kept)
        return draft
    }

    /// Headline (when the text has one), its repeat, the dek, and the byline, date, section
    /// and keyword lines around them at the top; returns where the body starts.
    private func readHeader(_ units: [String], into draft: inout ArticleDraft) -> Int {
        var i = 0
        readMetaLines(units, &i, into: &draft)
        // A headline is a short first line that is not a sentence, followed by more text.
        if i + 1 < units.count, PlainTextShapes.isTitleLike(units[i]), PlainTextShapes.words(units[i]) >= 2,
            !isMetaLine(units[i]), PlainTextShapes.photoLine(units[i]) == nil
        {
            draft.headline = units[i]
            i += 1
            while i < units.count, units[i] == draft.headline { i += 1 }
            if i + 1 < units.count, isDek(units[i], next: units[i + 1]) {
                draft.alternativeHeadline = units[i]
                i += 1
            }
        }
        readMetaLines(units, &i, into: &draft)
        return i
    }

    private func readMetaLines(_ units: [String], _ i: inout Int, into draft: inout ArticleDraft) {
        while i < units.count {
            let line = units[i]
            if PlainTextShapes.isSectionLine(line) {
                if draft.articleSection == nil { draft.articleSection = line }
            } else if let terms = PlainTextShapes.keywordList(line) {
                appendUnique(terms, to: &draft.keywords)
            } else if let names = PlainTextShapes.bylineNames(line) {
                if draft.author.isEmpty { draft.author = names }
            } else if let date = PlainTextShapes.dateLine(line) {
                if draft.datePublished == nil { draft.datePublished = date }
            } else if !PlainTextShapes.isBanner(line) {
                return
            }
            i += 1
        }
    }

    private func isMetaLine(_ line: String) -> Bool {
        PlainTextShapes.isSectionLine(line) || PlainTextShapes.keywordList(line) != nil
            || PlainTextShapes.bylineNames(line) != nil || PlainTextShapes.dateLine(line) != nil
            || PlainTextShapes.isBanner(line)
    }

    private func isDek(_ line: String, next: String) -> Bool {
        guard line.count <= 400, !isMetaLine(line), PlainTextShapes.photoLine(line) == nil else { return false }
        if PlainTextShapes.isSectionLine(next) { return true }
        return !PlainTextShapes.endsLikeSentence(line) && PlainTextShapes.words(line) >= 5
    }

    /// Where the teasers of other articles begin: walking back from the first "keep reading"
    /// line over the teaser's text (a few paragraphs) and its labels and repeated title.
    private func trailerStart(_ units: [String], from start: Int) -> Int {
        guard let marker = units[start...].firstIndex(where: PlainTextShapes.isTeaserEnd) else {
            return units.count
        }
        var j = marker - 1
        var paragraphs = 0
        while j >= start, !PlainTextShapes.isTitleLike(units[j]), paragraphs < 3 {
            j -= 1
            paragraphs += 1
        }
        while j >= start, PlainTextShapes.isTitleLike(units[j]) || PlainTextShapes.isSectionLine(units[j]) {
            j -= 1
        }
        return j + 1
    }

    private func attach(_ photo: PlainTextShapes.PhotoLine, to images: inout [ImageRef], lastImageAt: inout Int?) {
        switch photo {
        case .caption(let caption, let credit):
            if let at = lastImageAt, images[at].caption == nil {
                images[at].caption = caption
                if images[at].credit == nil { images[at].credit = credit }
            } else {
                images.append(ImageRef(caption: caption, credit: credit))
                lastImageAt = images.count - 1
            }
        case .credit(let credit):
            if let at = lastImageAt, images[at].credit == nil {
                images[at].credit = credit
            } else {
                images.append(ImageRef(credit: credit))
                lastImageAt = images.count - 1
            }
        }
    }

    private func appendUnique(_ terms: [String], to list: inout [String]) {
        for term in terms where !list.contains(term) { list.append(term) }
    }

    /// `<image>URL or text</image>` (the tag name may carry a namespace prefix): the first
    /// address inside (plain, quoted or as Markdown `![alt](url)`) or else a description,
    /// and whatever else the line held.
    static func imageTag(_ line: String) -> (image: ImageRef, rest: String)? {
        // Every paragraph passes here; a regular expression per paragraph (compiled each time)
        // was a third of a plain text's parse. Both tags end in "image>", in any case.
        guard containsImageTagEnd(line) else { return nil }
        let options: String.CompareOptions = [.regularExpression, .caseInsensitive]
        guard let open = line.range(of: "<([A-Za-z0-9_.-]+:)?image>", options: options),
            let close = line.range(of: "</([A-Za-z0-9_.-]+:)?image>", options: options, range: open.upperBound..<line.endIndex)
        else { return nil }
        let inner = TextNormalizer.inline(line[open.upperBound..<close.lowerBound])
        let rest = TextNormalizer.inline(String(line[..<open.lowerBound]) + " " + String(line[close.upperBound...]))
        var image = ImageRef()
        if let address = inner.range(of: "[A-Za-z][A-Za-z0-9+.-]*://[^\\s\"'<>()]+", options: .regularExpression) {
            image.url = String(inner[address])
        } else if !inner.isEmpty, !inner.hasPrefix("data:") {
            image.caption = inner
        }
        return (image, rest)
    }

    /// Whether "image>" occurs in the line, ASCII letters in any case (what the tag patterns
    /// need; case-insensitive matching folds no other character to these letters).
    private static func containsImageTagEnd(_ line: String) -> Bool {
        let needle = Array("image>".utf8)
        var line = line
        return line.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var k = 0
                while k < needle.count, bytes[start + k] | (k < 5 ? 0x20 : 0) == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }

    /// The text's paragraphs, one per entry, cleaned. Paragraphs are separated by blank lines
    /// (or lines of only spaces, such as a non-breaking space) or stand one per line; text
    /// hard-wrapped at a fixed width has its lines joined again.
    static func paragraphs(of text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline })
            .map { TextNormalizer.inline($0) }
        let nonEmpty = lines.filter { !$0.isEmpty }
        let wrapped = nonEmpty.count >= 5 && nonEmpty.allSatisfy { $0.count <= 100 }
            && nonEmpty.filter { $0.count >= 55 }.count * 2 >= nonEmpty.count && lines.contains("")
        var result: [String] = []
        var current = ""
        for line in lines {
            if line.isEmpty {
                if !current.isEmpty { result.append(current); current = "" }
            } else if wrapped {
                current += current.isEmpty ? line : " " + line
            } else {
                result.append(line)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
