/// One spelling per address (SPEC 6): an article URL is compared and stored in this form.
/// Scheme and host in lower case, the default port dropped, an empty path made `/`, dot segments
/// resolved, percent escapes in upper case (and unreserved characters unescaped), the fragment
/// dropped, tracking parameters (`utm_*`, `fbclid`, `gclid`, `mc_cid`, …) removed from the query,
/// and an empty query removed. The order of the remaining parameters is kept: some servers care.
/// Only absolute http and https URLs have a canonical form. Stateless.
public enum URLCanonicalizer {
    public static func canonicalize(_ url: String) -> String? {
        var rest = Substring(url.trimmingWhitespace())
        guard let schemeEnd = rest.range(of: "://") else { return nil }
        let scheme = rest[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        rest = rest[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }

        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        guard let authority = canonicalAuthority(rest[..<authorityEnd], scheme: scheme) else { return nil }
        rest = rest[authorityEnd...]

        var path = rest
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            path = rest[..<mark]
            query = rest[rest.index(after: mark)...]
        }
        var result = "\(scheme)://\(authority)\(canonicalPath(path))"
        if let query, let kept = canonicalQuery(query) { result += "?" + kept }
        return result
    }

    /// Whether a query parameter only tracks the reader and says nothing about the page.
    public static func isTrackingParameter(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("utm_") || trackingParameters.contains(lower)
    }

    private static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "ttclid", "igshid", "li_fat_id", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi",
        "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wickedid", "__s",
    ]

    private static func canonicalAuthority(_ authority: Substring, scheme: String) -> String? {
        var hostPort = authority
        var userInfo = ""
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[...at])
            hostPort = authority[authority.index(after: at)...]
        }
        var host = hostPort
        var port: Substring = ""
        // An IPv6 literal carries colons inside its brackets.
        let searchFrom = hostPort.lastIndex(of: "]") ?? hostPort.startIndex
        if let colon = hostPort[searchFrom...].lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        var lowerHost = host.lowercased()
        if lowerHost.hasSuffix(".") { lowerHost.removeLast() }
        guard !lowerHost.isEmpty, !lowerHost.contains(where: { $0 == " " || $0 == "/" }) else { return nil }
        guard port.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        let trimmedPort = port.drop { $0 == "0" }
        let defaultPort = scheme == "http" ? "80" : "443"
        let keepPort = !port.isEmpty && trimmedPort != Substring(defaultPort)
        return userInfo + lowerHost + (keepPort ? ":" + trimmedPort : "")
    }

    private static func canonicalPath(_ path: Substring) -> String {
        let escaped = normalizeEscapes(path)
        guard !escaped.isEmpty else { return "/" }
        // RFC 3986 5.2.4, on segments: `.` goes, `..` removes the segment before it.
        var output: [Substring] = []
        let segments = escaped.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    private static func canonicalQuery(_ query: Substring) -> String? {
        let kept = query.split(separator: "&").filter { parameter in
            let name = parameter.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return !name.isEmpty && !isTrackingParameter(name)
        }
        guard !kept.isEmpty else { return nil }
        return kept.map { normalizeEscapes($0) }.joined(separator: "&")
    }

    /// `%7e` → `~`, `%2f` → `%2F`, a space → `%20`.
    private static func normalizeEscapes(_ text: Substring) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "%",
                let first = text.index(index, offsetBy: 1, limitedBy: text.endIndex), first < text.endIndex,
                let second = text.index(first, offsetBy: 1, limitedBy: text.endIndex), second < text.endIndex,
                let value = UInt8(String(text[first...second]), radix: 16)
            {
                let scalar = Unicode.Scalar(value)
                if isUnreserved(scalar) {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += "%" + String(text[first...second]).uppercased()
                }
                index = text.index(after: second)
                continue
            }
            result += character == " " ? "%20" : String(character)
            index = text.index(after: index)
        }
        return result
    }

    private static func isUnreserved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~": return true
        default: return false
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    fileprivate func trimmingWhitespace() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
