/// Parsers for the value notations a configuration file uses: durations (`250ms`, `15m`,
/// `1h30m`), byte sizes (`15MiB`, `100B`, `1048576`) and octal permission modes (`"0660"`).
///
/// Each returns the value or a message saying what was expected; the caller adds file, line
/// and key. Pure functions, no state.
public enum ConfigurationValues {
    /// A duration: one or more `<integer><unit>` parts, unit one of ms, s, m, h, d; or a bare `0`.
    public static func duration(_ text: String) -> Result<Duration, Problem> {
        let expected = "expected a duration like 250ms, 30s, 15m, 1h or 2d, found \"\(text)\""
        if text == "0" { return .success(.zero) }
        let milliseconds: [String: Int64] = ["ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        var total: Int64 = 0
        var rest = Substring(text)
        guard !rest.isEmpty else { return .failure(Problem(expected)) }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isASCII && $0.isLetter })
            rest = rest.dropFirst(unit.count)
            guard let number = Int64(digits), let scale = milliseconds[String(unit)] else {
                if !digits.isEmpty && unit.isEmpty && rest.isEmpty {
                    return .failure(Problem("a duration needs a unit (ms, s, m, h or d), found \"\(text)\""))
                }
                return .failure(Problem(expected))
            }
            let (part, overflow) = number.multipliedReportingOverflow(by: scale)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow, !overflow2 else { return .failure(Problem("duration \"\(text)\" is too long")) }
            total = sum
        }
        return .success(.milliseconds(total))
    }

    /// A size in bytes: a plain integer, or an integer with a unit B, KiB, MiB, GiB, TiB
    /// (powers of 1024) or kB, MB, GB, TB (powers of 1000).
    public static func size(_ text: String) -> Result<Int, Problem> {
        let units: [String: Int] = [
            "": 1, "B": 1,
            "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
            "kB": 1_000, "KB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000, "TB": 1_000_000_000_000,
        ]
        let digits = text.prefix(while: { $0.isASCII && $0.isNumber })
        let unit = text.dropFirst(digits.count).drop(while: { $0 == " " })
        guard let number = Int(digits), let scale = units[String(unit)] else {
            return .failure(Problem("expected a size like 15MiB, 64KiB, 1GiB, 100B or a number of bytes, found \"\(text)\""))
        }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        guard !overflow else { return .failure(Problem("size \"\(text)\" is too large")) }
        return .success(bytes)
    }

    /// Permission bits in octal, with or without a leading `0` or `0o`: `"0660"`, `660`, `0o660`.
    /// Only the permission bits (at most 0777) make sense for a socket.
    public static func mode(_ text: String) -> Result<UInt32, Problem> {
        var digits = Substring(text)
        if digits.hasPrefix("0o") || digits.hasPrefix("0O") { digits = digits.dropFirst(2) }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ ("0"..."7").contains($0) }),
            let value = UInt32(digits, radix: 8)
        else {
            return .failure(Problem("expected an octal mode like \"0660\", found \"\(text)\""))
        }
        guard value <= 0o777 else {
            return .failure(Problem("mode \"\(text)\" has bits beyond 0777 (setuid, setgid or sticky)"))
        }
        return .success(value)
    }

    /// Why a value was refused, in words for the person editing the file.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String

        public init(_ message: String) {
            self.message = message
        }
    }
}
