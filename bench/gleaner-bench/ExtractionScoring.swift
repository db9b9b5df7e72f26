import Foundation

/// How the extraction benchmark scores one side's output; the same code scores Gleaner and
/// trafilatura, so neither is judged by a rule the other escapes.
enum ExtractionScoring {
    /// trafilatura-eval's rule, as its authors score it: whitespace in the extracted text
    /// collapsed; a `with` snippet found is a true positive, missing a false negative; a
    /// `without` snippet found is a false positive, missing a true negative. Summed over pages.
    struct SnippetCounts {
        var truePositives = 0
        var falseNegatives = 0
        var falsePositives = 0
        var trueNegatives = 0

        mutating func add(text: String, with: [String], without: [String]) {
            let collapsed = collapse(text)
            for snippet in with {
                if collapsed.contains(collapse(snippet)) { truePositives += 1 } else { falseNegatives += 1 }
            }
            for snippet in without {
                if collapsed.contains(collapse(snippet)) { falsePositives += 1 } else { trueNegatives += 1 }
            }
        }

        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var f1: Double { Double(2 * truePositives) / Double(max(1, 2 * truePositives + falsePositives + falseNegatives)) }
    }

    /// Agreement on one metadata field over the pages where the reference has a value.
    struct Agreement {
        var agreed = 0
        var annotated = 0
        /// Pages where the reference has no value and the side gave one anyway.
        var invented = 0
        var unannotated = 0

        mutating func add(_ agrees: Bool?, extracted: String?) {
            guard let agrees else {
                unannotated += 1
                if let extracted, !extracted.isEmpty { invented += 1 }
                return
            }
            annotated += 1
            if agrees { agreed += 1 }
        }

        var rate: Double { Double(agreed) / Double(max(1, annotated)) }
    }

    /// Body overlap with a reference text: precision and recall of word 3-shingles, averaged
    /// over pages (macro), so one long page does not outweigh the others.
    struct Overlap {
        var precisionSum = 0.0
        var recallSum = 0.0
        var pages = 0

        mutating func add(extracted: String, expected: String) {
            let got = shingles(extracted)
            let want = shingles(expected)
            let shared = Double(got.intersection(want).count)
            precisionSum += got.isEmpty ? (want.isEmpty ? 1 : 0) : shared / Double(got.count)
            recallSum += want.isEmpty ? 1 : shared / Double(want.count)
            pages += 1
        }

        var precision: Double { precisionSum / Double(max(1, pages)) }
        var recall: Double { recallSum / Double(max(1, pages)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Case-folded words with surrounding punctuation removed, in threes.
    static func shingles(_ text: String) -> Set<String> {
        let words = text.lowercased().split(whereSeparator: \.isWhitespace)
            .map { $0.trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }
            .filter { !$0.isEmpty }
        guard words.count >= 3 else { return words.isEmpty ? [] : [words.joined(separator: " ")] }
        return Set((0...(words.count - 3)).map { words[$0..<($0 + 3)].joined(separator: " ") })
    }

    /// A title compared as a reader would: case, whitespace, quote and dash styles ignored.
    static func sameTitle(_ extracted: String?, _ reference: String) -> Bool {
        guard let extracted else { return false }
        return loose(extracted) == loose(reference)
    }

    /// A headline against a reference title that may still carry the site's name (Readability
    /// keeps `og:title` and most `<title>`s whole; Gleaner takes the name off, as its headline
    /// rule says): the same title, or the same once short segments set off by a separator
    /// ("Mozilla - Wikipedia", "… | eHow", "… - John C. Welch - Medium") are taken off the
    /// reference's end, its start, or both. Only the reference is cut, and only at its edges,
    /// so a headline that lost words of its own still disagrees.
    static func sameHeadlineSiteNameAside(_ extracted: String?, _ reference: String) -> Bool {
        guard let extracted else { return false }
        let want = loose(extracted)
        return withoutEdgeSegments(loose(reference)).contains(want)
    }

    /// Separators that set a site's name, section or author off a title.
    static let segmentSeparators = [" | ", " - ", " · ", " » ", " / ", " :: "]
    /// A segment of more words than this is part of the headline, not a name beside it.
    static let edgeSegmentWords = 6

    /// `title` and every title left by taking one leading and up to four trailing short
    /// segments off it.
    static func withoutEdgeSegments(_ title: String) -> [String] {
        var starts = [title]
        if let cut = segmentSeparators.compactMap({ title.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }),
            title[..<cut.lowerBound].split(separator: " ").count <= edgeSegmentWords
        {
            starts.append(String(title[cut.upperBound...]))
        }
        var variants: [String] = []
        for start in starts {
            var current = start
            variants.append(current)
            for _ in 0..<4 {
                guard let cut = segmentSeparators.compactMap({ current.range(of: $0, options: .backwards) }).max(by: { $0.lowerBound < $1.lowerBound }),
                    current[cut.upperBound...].split(separator: " ").count <= edgeSegmentWords
                else { break }
                current = String(current[..<cut.lowerBound])
                variants.append(current)
            }
        }
        return variants
    }

    /// The same calendar day: the reference's first ten characters (YYYY-MM-DD) against the
    /// extracted day.
    static func sameDay(_ extracted: String?, _ reference: String) -> Bool {
        guard let extracted else { return false }
        return extracted.prefix(10) == reference.prefix(10)
    }

    /// Every name of the reference (split on ";", ",", " and ", " und ", "&") is among the
    /// extracted names, case and a leading "By" ignored.
    static func sameAuthors(_ extracted: String?, _ reference: String) -> Bool {
        guard let extracted else { return false }
        let got = Set(names(extracted))
        let want = names(reference)
        return !want.isEmpty && want.allSatisfy { name in got.contains(name) || got.contains { $0.contains(name) } }
    }

    static func names(_ text: String) -> [String] {
        var value = loose(text)
        for separator in [" and ", " und ", " & ", ","] { value = value.replacingOccurrences(of: separator, with: ";") }
        return value.split(separator: ";").map { part in
            var name = part.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("by ") { name.removeFirst(3) }
            if name.hasPrefix("von ") { name.removeFirst(4) }
            return name.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    static func loose(_ text: String) -> String {
        let folded = text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"").replacingOccurrences(of: "\u{201D}", with: "\"")
            .replacingOccurrences(of: "\u{2013}", with: "-").replacingOccurrences(of: "\u{2014}", with: "-")
        return collapse(folded)
    }

    /// The text of clean HTML (Readability's expected output): tags become spaces, the
    /// entities its serializer writes are decoded.
    static func textOfHTML(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if inTag {
                if character == ">" { inTag = false; out.append(" ") }
            } else if character == "<" {
                inTag = true
            } else {
                out.append(character)
            }
        }
        return decodeEntities(out)
    }

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, value) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        var result = ""
        var rest = Substring(out)
        while let amp = rest.range(of: "&#") {
            result += rest[..<amp.lowerBound]
            let after = rest[amp.upperBound...]
            if let semicolon = after.prefix(8).firstIndex(of: ";") {
                let digits = after[..<semicolon]
                let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                if let value, let scalar = Unicode.Scalar(value) {
                    result.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&#"
            rest = after
        }
        return (result + rest).replacingOccurrences(of: "&amp;", with: "&")
    }
}
