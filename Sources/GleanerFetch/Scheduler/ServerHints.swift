import Foundation

/// What a server's answer says about when to ask again: `Cache-Control: max-age` (ignored
/// with `no-cache` or `no-store`, which only forbid reuse without asking and so give no reason
/// to wait longer than the source's own interval) and `Retry-After` (delta-seconds or an
/// HTTP-date). Parsed from the response headers; the scheduler decides what to do with it.
struct ServerHints: Sendable, Hashable {
    /// How long the answer stays fresh, from `max-age`.
    var maxAge: Duration?
    /// How long to wait before the next attempt, from `Retry-After`; never negative.
    var retryAfter: Duration?

    init(maxAge: Duration? = nil, retryAfter: Duration? = nil) {
        self.maxAge = maxAge
        self.retryAfter = retryAfter
    }

    /// Reads the hints of a response received at `now` (an HTTP-date `Retry-After` is measured
    /// from it). Headers are lower-case, as `FetchResponse` keeps them.
    init(headers: [String: String], now: Date) {
        maxAge = headers["cache-control"].flatMap(Self.maxAge(cacheControl:))
        retryAfter = headers["retry-after"].flatMap { Self.retryAfter($0, now: now) }
    }

    static func maxAge(cacheControl: String) -> Duration? {
        var maxAge: Duration?
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            switch name {
            case "no-cache", "no-store":
                return nil
            case "max-age" where parts.count == 2:
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                // A value too large for Int is still "very long"; the scheduler caps it.
                if value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber), !value.isEmpty {
                    maxAge = .seconds(Int(value) ?? Int.max)
                }
            default:
                continue
            }
        }
        return maxAge
    }

    static func retryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return .seconds(Int(text) ?? Int.max)
        }
        guard let date = HTTPDate.parse(text) else { return nil }
        return .seconds(max(0, date.timeIntervalSince(now)))
    }
}

/// The three date forms HTTP allows (RFC 9110 section 5.6.7): IMF-fixdate, the obsolete RFC 850
/// form and asctime; all in GMT.
enum HTTPDate {
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss 'GMT'",
        "EEEE, dd-MMM-yy HH:mm:ss 'GMT'",
        "EEE MMM d HH:mm:ss yyyy",
    ]

    static func parse(_ text: String) -> Date? {
        // Collapsed spaces let asctime's space-padded day ("Nov  6") match "d".
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }
}
