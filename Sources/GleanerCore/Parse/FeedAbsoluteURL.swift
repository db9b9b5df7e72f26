/// Recognizes the addresses URL resolution would give back unchanged: absolute `http` /
/// `https` URLs, lowercase scheme and host, of the characters RFC 3986 allows unescaped
/// (escapes well-formed), no dot segments, one `#` at most. Nearly every link in a feed is
/// one, and resolving each through Foundation's `URL` (after walking the `xml:base` chain,
/// which an absolute reference ignores) showed in the parse profile. Stateless.
enum FeedAbsoluteURL {
    static func isUnchanged(_ raw: String) -> Bool {
        var raw = raw
        return raw.withUTF8 { b in
            var i: Int
            if starts(b, "http://") { i = 7 } else if starts(b, "https://") { i = 8 } else { return false }
            // Host: lowercase letters, digits, dots and hyphens, not starting with a dot or hyphen.
            let hostStart = i
            while i < b.count, isHostByte(b[i]) {
                if b[i] == UInt8(ascii: "."), i > hostStart, b[i - 1] == UInt8(ascii: ".") { return false }
                i += 1
            }
            guard i > hostStart, b[hostStart] != UInt8(ascii: "."), b[hostStart] != UInt8(ascii: "-") else { return false }
            if i < b.count, b[i] == UInt8(ascii: ":") {
                i += 1
                let portStart = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                guard i > portStart, i - portStart <= 5, b[portStart] != 0x30 else { return false }
            }
            guard i == b.count || b[i] == UInt8(ascii: "/") || b[i] == UInt8(ascii: "?") || b[i] == UInt8(ascii: "#") else {
                return false
            }
            var hashes = 0
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "%") {
                    guard i + 2 < b.count, isHex(b[i + 1]), isHex(b[i + 2]) else { return false }
                    i += 3
                    continue
                }
                if c == UInt8(ascii: "#") { hashes += 1 }
                if c == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: ".") { return false }
                guard isPathByte(c), hashes <= 1 else { return false }
                i += 1
            }
            return true
        }
    }

    private static func starts(_ b: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard b.count >= prefix.utf8CodeUnitCount else { return false }
        let p = prefix.utf8Start
        for k in 0..<prefix.utf8CodeUnitCount where b[k] != p[k] { return false }
        return true
    }

    private static func isHostByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
    }

    /// RFC 3986 unreserved and reserved characters, brackets excepted (IPv6 hosts only).
    private static func isPathByte(_ c: UInt8) -> Bool {
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) { return true }
        switch c {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
            UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: "!"),
            UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
