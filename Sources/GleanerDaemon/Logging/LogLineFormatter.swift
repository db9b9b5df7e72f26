import Foundation
import GleanerCore
import Logging

/// The log formats gleanerd can write (`--log-format`, or `log.format` in the configuration).
/// The same type as the configuration's, so the file and the flag cannot disagree on names.
public typealias LogFormat = GleanerConfiguration.Log.Format

/// Turns one log event into one line of text, newline included: logfmt
/// (`time=… level=info msg="ingested" input=a.txt`) or one JSON object. Under journald the time
/// is left out (the journal stamps each line itself) and a `<N>` syslog priority comes first.
///
/// A pure value: the same event always gives the same bytes, which is what the tests check.
public struct LogLineFormatter: Sendable {
    public var format: LogFormat
    /// Whether stderr goes to the journal (`JOURNAL_STREAM` is set).
    public var journald: Bool

    public init(format: LogFormat, journald: Bool) {
        self.format = format
        self.journald = journald
    }

    public func line(
        time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata, error: (any Error)? = nil
    ) -> String {
        var fields: [(String, Logger.MetadataValue)] = []
        if !journald { fields.append(("time", .string(Self.timestamp(time)))) }
        fields.append(("level", .string(level.rawValue)))
        fields.append(("msg", .string(message)))
        for key in metadata.keys.sorted() {
            if let value = metadata[key] { fields.append((key, value)) }
        }
        if let error { fields.append(("error", .string(String(describing: error)))) }

        let body: String
        switch format {
        case .logfmt: body = fields.map { Self.logfmt(key: $0.0, value: $0.1, alwaysQuote: $0.0 == "msg") }.joined(separator: " ")
        case .json: body = "{" + fields.map { "\(Self.jsonString($0.0)):\(Self.json($0.1))" }.joined(separator: ",") + "}"
        }
        return (journald ? "<\(Self.syslogPriority(level))>" : "") + body + "\n"
    }

    /// sd-daemon(3) priorities: the journal reads them from the line's start.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// UTC with milliseconds, e.g. `2026-11-23T00:45:06.123Z`.
    static func timestamp(_ date: Date) -> String {
        // Whole milliseconds first, so 0.123 stored as 0.12299999 still prints .123.
        let total = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(total.quotientAndRemainder(dividingBy: 1000).quotient)
        let milliseconds = Int(total - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(milliseconds), 3))Z"
    }

    // MARK: logfmt

    /// `key=value`; nested dictionaries become `key.sub=value`, lists a comma-joined value.
    static func logfmt(key: String, value: Logger.MetadataValue, alwaysQuote: Bool = false) -> String {
        let key = logfmtKey(key)
        switch value {
        case .dictionary(let dictionary):
            return dictionary.keys.sorted().compactMap { sub in
                dictionary[sub].map { logfmt(key: "\(key).\(sub)", value: $0) }
            }.joined(separator: " ")
        case .array(let values):
            return "\(key)=\(logfmtValue(values.map(flat).joined(separator: ","), alwaysQuote: alwaysQuote))"
        default:
            return "\(key)=\(logfmtValue(flat(value), alwaysQuote: alwaysQuote))"
        }
    }

    private static func flat(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array(let values): return "[" + values.map(flat).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().map { "\($0)=\(dictionary[$0].map(flat) ?? "")" }.joined(separator: ",") + "}"
        }
    }

    /// Keys are bare words: anything that would break `key=value` parsing becomes `_`.
    private static func logfmtKey(_ key: String) -> String {
        let cleaned = String(key.unicodeScalars.map { scalar -> Character in
            scalar.value <= 0x20 || scalar == "=" || scalar == "\"" || scalar.value == 0x7F ? "_" : Character(scalar)
        })
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// Quoted (with `\"`, `\\`, `\n` escapes) when empty or holding spaces, `=`, quotes or controls.
    private static func logfmtValue(_ value: String, alwaysQuote: Bool) -> String {
        let needsQuotes = alwaysQuote || value.isEmpty
            || value.unicodeScalars.contains { $0.value <= 0x20 || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.value == 0x7F }
        guard needsQuotes else { return value }
        return "\"" + escaped(value) + "\""
    }

    // MARK: JSON

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return jsonString(text)
        case .stringConvertible(let convertible): return jsonString(convertible.description)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let dictionary):
            return "{" + dictionary.keys.sorted().compactMap { key in
                dictionary[key].map { "\(jsonString(key)):\(json($0))" }
            }.joined(separator: ",") + "}"
        }
    }

    static func jsonString(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// JSON string escaping; logfmt uses the same so a value never spans two lines.
    private static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
