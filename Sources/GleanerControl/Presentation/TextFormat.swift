import Foundation

/// The small pieces every human-readable `gleanerctl` output shares: UTC times, aligned
/// `key: value` blocks, shortened text.
public enum TextFormat {
    /// `2026-11-23T10:00:00Z`, the form the JSON uses too.
    public static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `3d 4h 5m 6s`, leaving out leading zero units.
    public static func duration(seconds: Int) -> String {
        let parts = [(seconds / 86_400, "d"), (seconds / 3_600 % 24, "h"), (seconds / 60 % 60, "m"), (seconds % 60, "s")]
        let shown = parts.drop { $0.0 == 0 && $0.1 != "s" }
        return shown.map { "\($0.0)\($0.1)" }.joined(separator: " ")
    }

    /// Lines `key: value` with the keys right-aligned, so that the values line up and each line
    /// still reads `articles: 12` for a `grep`.
    public static func aligned(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { key, value in
            String(repeating: " ", count: width - key.count) + key + ": " + value
        }.joined(separator: "\n")
    }

    /// `text` on one line, cut to `limit` characters with an ellipsis.
    public static func truncated(_ text: String, to limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.count > limit else { return line }
        return line.prefix(max(limit - 1, 0)) + "…"
    }
}
