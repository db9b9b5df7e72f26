import Foundation

/// Reads the dates articles and feeds carry — ISO 8601 / W3DTF variants and RFC 822 with its
/// common deviations — into instants in UTC. A date without a zone is taken as UTC. Stateless
/// and without formatters, so it is cheap and safe on any thread.
enum DateParsing {
    static func parse(_ raw: String) -> Date? {
        // Nearly every feed date is short ASCII: trimmed and read on its bytes, with the
        // common RFC 822 shape parsed directly, it costs no Foundation call.
        var raw = raw
        if let answer = raw.withUTF8({ asciiParse($0) }) { return answer }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 64 else { return nil }
        if let first = text.unicodeScalars.first, CharacterSet.decimalDigits.contains(first),
            let date = iso8601(text)
        {
            return date
        }
        return rfc822(text)
    }

    // MARK: ISO 8601

    static func iso8601(_ text: String) -> Date? { iso8601(bytes: Array(text.utf8)) }

    static func iso8601(bytes: [UInt8]) -> Date? {
        var s = Scanner(extendedForm(bytes))
        guard let year = s.digits(4), s.skip("-"), let month = s.digits(2) else {
            return nil
        }
        var day = 1
        if s.skip("-") { guard let d = s.digits(2) else { return nil }; day = d }
        var hour = 0, minute = 0, second = 0.0
        if s.skip("T") || s.skip("t") || s.skip(" ") {
            guard let h = s.digits(2), s.skip(":"), let m = s.digits(2) else { return nil }
            hour = h; minute = m
            if s.skip(":") {
                guard let sec = s.digits(2) else { return nil }
                second = Double(sec)
                if s.skip(".") || s.skip(",") {
                    var scale = 0.1
                    while let digit = s.digit() { second += Double(digit) * scale; scale /= 10 }
                }
            }
        }
        s.skipSpaces()
        var offset = 0
        if s.skip("Z") || s.skip("z") || s.atEnd {
            offset = 0
        } else if let sign = s.sign() {
            guard let h = s.digits(2) else { return nil }
            _ = s.skip(":")
            let m = s.digits(2) ?? 0
            offset = sign * (h * 3600 + m * 60)
        } else if let zone = s.rest().uppercased() as String?, let known = zones[zone] {
            offset = known * 3600
        } else {
            return nil
        }
        return make(year, month, day, hour, minute, second, offset)
    }

    /// ISO 8601's basic form ("20040101T194821Z") rewritten in the extended form the scanner
    /// reads ("2004-01-01T19:48:21Z"); anything else unchanged.
    private static func extendedForm(_ b: [UInt8]) -> [UInt8] {
        func isDigit(_ i: Int) -> Bool { i < b.count && (0x30...0x39).contains(b[i]) }
        guard b.count >= 8, (0..<8).allSatisfy(isDigit), b.count == 8 || b[8] == UInt8(ascii: "T") || b[8] == UInt8(ascii: "t")
        else { return b }
        var out = Array(b[0..<4]) + [UInt8(ascii: "-")] + Array(b[4..<6]) + [UInt8(ascii: "-")] + Array(b[6..<8])
        guard b.count > 8 else { return out }
        out.append(UInt8(ascii: "T"))
        var i = 9
        var pairs = 0
        while pairs < 3, isDigit(i), isDigit(i + 1) {
            if pairs > 0 { out.append(UInt8(ascii: ":")) }
            out += b[i...(i + 1)]
            i += 2
            pairs += 1
        }
        return out + b[i...]
    }

    // MARK: RFC 822

    /// "Tue, 22 Oct 2024 10:00:00 GMT", "22 Oct 24 10:00 +0200", "Oct 22, 2024 10:00:00 EST"…
    static func rfc822(_ text: String) -> Date? {
        let tokens = text.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
        var day: Int?, month: Int?, year: Int?
        var hour = 0, minute = 0, second = 0.0
        var offset = 0
        for token in tokens {
            let lower = token.lowercased()
            if let m = months.firstIndex(where: { lower.hasPrefix($0) }), month == nil, token.first?.isLetter == true {
                month = m + 1
            } else if weekdays.contains(where: { lower.hasPrefix($0) }) {
                continue
            } else if token.first == "+" || token.first == "-", token.count == 6, token.dropFirst(3).first == ":" {
                // "+01:00": an ISO-style offset in an RFC 822 date.
                guard let h = Int(token.dropFirst().prefix(2)), let m = Int(token.suffix(2)) else { return nil }
                offset = (token.first == "+" ? 1 : -1) * (h * 3600 + m * 60)
            } else if token.contains(":") {
                let parts = token.split(separator: ":")
                guard parts.count >= 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
                hour = h; minute = m
                if parts.count > 2 { second = Double(parts[2]) ?? 0 }
            } else if token.first == "+" || (token.first == "-" && token.count == 5) {
                let digits = token.dropFirst()
                guard digits.count == 4, let value = Int(digits) else { return nil }
                offset = (token.first == "+" ? 1 : -1) * ((value / 100) * 3600 + (value % 100) * 60)
            } else if let zone = zones[token.uppercased()] {
                offset = zone * 3600
            } else if let number = Int(token) {
                if day == nil, number <= 31, token.count <= 2 { day = number }
                else if year == nil { year = token.count <= 2 ? (number < 50 ? 2000 + number : 1900 + number) : number }
                else { return nil }
            } else {
                return nil
            }
        }
        guard let day, let month, let year else { return nil }
        return make(year, month, day, hour, minute, second, offset)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let zones: [String: Int] = [
        "GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
        "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "CET": 1, "CEST": 2, "BST": 1,
    ]

    /// Builds the instant from civil fields (proleptic Gregorian), checking their ranges.
    static func make(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Double, _ offset: Int) -> Date? {
        guard (1...12).contains(mo), (1...31).contains(d), (0...24).contains(h), (0...59).contains(mi),
            s >= 0, s < 61, (1000...9999).contains(y)
        else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (mo + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = Double(days * 86400 + h * 3600 + mi * 60 - offset) + s
        return Date(timeIntervalSince1970: seconds)
    }

    /// A cursor over ASCII bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { i >= bytes.count }
        mutating func skip(_ c: Character) -> Bool {
            guard i < bytes.count, let a = c.asciiValue, bytes[i] == a else { return false }
            i += 1
            return true
        }
        mutating func skipSpaces() { while i < bytes.count, bytes[i] == 0x20 { i += 1 } }
        mutating func digit() -> Int? {
            guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { return nil }
            defer { i += 1 }
            return Int(bytes[i] - 0x30)
        }
        mutating func digits(_ n: Int) -> Int? {
            var value = 0
            for _ in 0..<n { guard let d = digit() else { return nil }; value = value * 10 + d }
            return value
        }
        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
        func rest() -> String { String(decoding: bytes[min(i, bytes.count)...], as: UTF8.self) }
    }
}
