import Foundation

/// A point in time as `gleanerctl` takes it on the command line (`--since TIME`): an ISO 8601
/// date-time (`2026-11-23T10:00:00Z`, with a zone or fractional seconds), a date
/// (`2026-11-23`, midnight UTC), or an age (`90s`, `15m`, `2h`, `3d`, `1w`: that long ago).
public enum TimeSpecification {
    public struct Invalid: Error, Sendable, Hashable, CustomStringConvertible {
        public var text: String
        public var description: String {
            "invalid time \"\(text)\": expected an ISO 8601 time like 2026-11-23T10:00:00Z or 2026-11-23, "
                + "or an age like 15m, 2h, 3d"
        }
    }

    private static let unitSeconds: [Character: Double] = [
        "s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800,
    ]

    /// Parses `text`; ages count back from `now`.
    public static func parse(_ text: String, now: Date = Date()) throws(Invalid) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let age = age(trimmed) { return now.addingTimeInterval(-age) }
        if let date = isoDate(trimmed) { return date }
        throw Invalid(text: text)
    }

    private static func age(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let seconds = unitSeconds[unit] else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let count = Double(digits)
        else { return nil }
        return count * seconds
    }

    private static func isoDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [
            [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate],
        ] {
            formatter.formatOptions = options
            formatter.timeZone = TimeZone(identifier: "UTC")
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
