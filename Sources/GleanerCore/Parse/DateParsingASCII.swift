import Foundation

/// `DateParsing.parse` for the dates nearly every feed carries: short ASCII text, trimmed on
/// its bytes, and the common RFC 822 shape ("Tue, 22 Oct 2024 10:00:00 GMT", "22 Oct 2024
/// 10:00 +0200") read field by field. Gives the same instant as the general path; any other
/// shape goes to `DateParsing.rfc822`. Stateless.
extension DateParsing {
    /// The result of parsing ASCII text, or nil when the text is not plain ASCII (or holds a
    /// carriage return, which joins a line feed into one character) and the general path
    /// must decide. `.some(nil)` is a definite "no date".
    static func asciiParse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date?? {
        var start = 0
        var end = bytes.count
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
        // `.whitespacesAndNewlines` among ASCII: tab, line feed, vertical tab, form feed, space.
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0C) }
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end, end - start <= 64 else { return .some(nil) }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if text[0] >= 0x30, text[0] <= 0x39, let date = iso8601(bytes: Array(text)) { return date }
        if let date = rfc822Common(text) { return date }
        return .some(rfc822(String(decoding: text, as: UTF8.self)))
    }

    private static let monthNames: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map(packed)
    private static let weekdayNames: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(packed)

    private static func packed(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `[weekday ", "] day month year hh:mm[:ss] zone`, single spaces, 1–2 digit day, 3-letter
    /// month and weekday, 4-digit year, zone GMT/UT/UTC/Z or ±hhmm; nil for anything else.
    static func rfc822Common(_ b: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func letters3() -> UInt32? {
            guard i + 3 <= b.count else { return nil }
            var value: UInt32 = 0
            for k in 0..<3 {
                let c = b[i + k] | 0x20
                guard c >= 0x61, c <= 0x7A else { return nil }
                value = value << 8 | UInt32(c)
            }
            i += 3
            return value
        }
        func digits(_ min: Int, _ max: Int) -> Int? {
            var value = 0
            var n = 0
            while i < b.count, n < max, b[i] >= 0x30, b[i] <= 0x39 { value = value * 10 + Int(b[i] - 0x30); i += 1; n += 1 }
            return n >= min ? value : nil
        }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        let space = UInt8(ascii: " ")
        if b.count > 0, b[0] >= 0x41 {
            guard let name = letters3(), weekdayNames.contains(name), skip(UInt8(ascii: ",")), skip(space) else { return nil }
        }
        guard let day = digits(1, 2), skip(space), let monthName = letters3(), let month = monthNames.firstIndex(of: monthName),
            skip(space), let year = digits(4, 4), skip(space), let hour = digits(2, 2), skip(UInt8(ascii: ":")),
            let minute = digits(2, 2)
        else { return nil }
        var second = 0
        if skip(UInt8(ascii: ":")) {
            guard let s = digits(2, 2) else { return nil }
            second = s
        }
        guard skip(space), i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
            i += 1
            guard let value = digits(4, 4) else { return nil }
            offset = sign * ((value / 100) * 3600 + (value % 100) * 60)
        } else {
            let zone = String(decoding: UnsafeBufferPointer(rebasing: b[i...]), as: UTF8.self)
            guard ["GMT", "UT", "UTC", "Z"].contains(zone) else { return nil }
            i = b.count
        }
        guard i == b.count else { return nil }
        return make(year, month + 1, day, hour, minute, Double(second), offset)
    }
}
