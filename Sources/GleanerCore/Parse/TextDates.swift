import Foundation

/// Finds a calendar day written out in running text: "10. Februar 2019", "December 29th 2019",
/// "29 de diciembre de 2019", "3 août 2020", "10.02.2019", "2019-02-10", "2019/02/10". Month
/// names in English, German, French, Spanish, Italian, Portuguese and Dutch. Shapes whose order
/// of day and month is ambiguous ("02/03/2019") are read only when one number cannot be a month.
/// Works on tokens, not regular expressions, so it is cheap on the short texts it is given.
/// Stateless.
enum TextDates {
    /// A calendar day as written: no time, no zone.
    struct Day: Equatable, Sendable {
        var year: Int
        var month: Int
        var day: Int

        /// "YYYY-MM-DD", which `DateParsing` reads as that day at 00:00 UTC.
        var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
        var date: Date? { DateParsing.parse(iso) }
    }

    /// The first day written in `text`.
    static func first(in text: String) -> Day? {
        let tokens = tokenize(text)
        for index in tokens.indices {
            if let day = day(at: index, in: tokens) { return day }
        }
        return nil
    }

    /// Where the first day written in `text` begins and ends.
    static func firstRange(in text: String) -> Range<String.Index>? {
        let tokens = tokenize(text)
        for index in tokens.indices where day(at: index, in: tokens) != nil {
            // The day's tokens end at most four tokens on ("29 de diciembre de 2019").
            let last = tokens[min(index + 4, tokens.count - 1)...].first { $0.isNumber && $0.text.count == 4 } ?? tokens[index]
            return tokens[index].text.startIndex..<last.text.endIndex
        }
        return nil
    }

    private struct Token {
        var text: Substring
        var isNumber: Bool
        /// The characters between the previous token and this one, spaces removed.
        var gap: Substring
        var value: Int? { isNumber ? Int(text) : nil }
    }

    private static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        var gapStart = index
        while index < text.endIndex {
            let character = text[index]
            guard character.isLetter || character.isNumber else {
                index = text.index(after: index)
                continue
            }
            let start = index
            let isNumber = character.isASCII && character.isNumber
            while index < text.endIndex, (isNumber ? text[index].isASCII && text[index].isNumber : text[index].isLetter) {
                index = text.index(after: index)
            }
            let gap = text[gapStart..<start].filter { !$0.isWhitespace }
            tokens.append(Token(text: text[start..<index], isNumber: isNumber, gap: Substring(gap)))
            gapStart = index
            if tokens.count > 4_000 { break }
        }
        return tokens
    }

    private static func day(at i: Int, in t: [Token]) -> Day? {
        func number(_ k: Int, digits: ClosedRange<Int>) -> Int? {
            guard k < t.count, t[k].isNumber, digits.contains(t[k].text.count) else { return nil }
            return t[k].value
        }
        func month(_ k: Int) -> Int? { k < t.count && !t[k].isNumber ? monthNumber(t[k].text) : nil }
        func word(_ k: Int, _ options: Set<String>) -> Bool { k < t.count && options.contains(t[k].text.lowercased()) }
        func gap(_ k: Int, _ allowed: Set<String>) -> Bool { k < t.count && allowed.contains(String(t[k].gap)) }

        // 2019-02-10, 2019/02/10, 2019.02.10
        if let y = number(i, digits: 4...4), let m = number(i + 1, digits: 1...2), let d = number(i + 2, digits: 1...2),
            let separator = t[i + 1].gap.first, ["-", "/", "."].contains(separator), t[i + 2].gap == t[i + 1].gap
        {
            return make(y, m, d)
        }
        // 10.02.2019, 10/02/2019, 10-02-2019
        if let a = number(i, digits: 1...2), let b = number(i + 1, digits: 1...2), let y = number(i + 2, digits: 4...4),
            let separator = t[i + 1].gap.first, [".", "/", "-"].contains(separator), t[i + 2].gap == t[i + 1].gap
        {
            // Dots are day-first everywhere they are used; slashes are day-first in most of the
            // world and month-first in the US, so they are read only when unambiguous.
            if separator == "." { return make(y, b, a) }
            if a > 12 { return make(y, b, a) }
            if b > 12 { return make(y, a, b) }
            if a == b { return make(y, a, b) }
            return nil
        }
        // 10. Februar 2019, 10 Feb 2019, 29 de diciembre de 2019, 1er mars 2020, 3rd March 2020
        if let d = number(i, digits: 1...2) {
            var k = i + 1
            if word(k, ["st", "nd", "rd", "th", "er", "e", "º", "o"]), t[k].gap.isEmpty { k += 1 }
            if word(k, ["de", "of"]) { k += 1 }
            if let m = month(k) {
                k += 1
                if word(k, ["de", "del"]) { k += 1 }
                if let y = number(k, digits: 4...4) { return make(y, m, d) }
            }
        }
        // December 29th 2019, Dec 29, 2019, Mai 6 2014
        if let m = month(i), let d = number(i + 1, digits: 1...2) {
            var k = i + 2
            if word(k, ["st", "nd", "rd", "th"]), t[k].gap.isEmpty { k += 1 }
            if let y = number(k, digits: 4...4) { return make(y, m, d) }
        }
        return nil
    }

    private static func make(_ year: Int, _ month: Int, _ day: Int) -> Day? {
        guard (1990...2100).contains(year), (1...12).contains(month), (1...daysIn(month, year)).contains(day) else {
            return nil
        }
        return Day(year: year, month: month, day: day)
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The month a name or its usual abbreviation stands for, in the languages above.
    static func monthNumber(_ word: Substring) -> Int? {
        let lower = word.lowercased()
        if let exact = monthNames[lower] { return exact }
        // Abbreviations: a prefix of three or more letters of exactly one month's name.
        guard lower.count >= 3, lower.count <= 5 else { return nil }
        var found: Int?
        for (name, number) in monthNames where name.hasPrefix(lower) {
            if let other = found, other != number { return nil }
            found = number
        }
        return found
    }

    private static let monthNames: [String: Int] = {
        let lists: [[String]] = [
            // English, German, French, Spanish, Italian, Portuguese, Dutch
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "dezember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
             "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
             "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
             "novembro", "dezembro"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december"],
        ]
        var names: [String: Int] = ["jänner": 1, "maerz": 3, "sept": 9, "setiembre": 9, "fevrier": 2, "aout": 8,
                                    "decembre": 12]
        for list in lists { for (index, name) in list.enumerated() { names[name] = index + 1 } }
        return names
    }()
}
