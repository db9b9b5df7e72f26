import Crypto
import Foundation

/// What "the same content" means for identity and dedup (SPEC 6): two texts that differ only in
/// whitespace, quote styles, dashes or case normalize to the same string and so have the same
/// content hash. Stateless.
///
/// The steps, in order: Unicode compatibility normalization (NFKC: ligatures, full-width forms,
/// `…` → `...`); lower case; every quote character (straight, curly, low, guillemets, primes,
/// corner brackets) removed, so `don't`, `don’t`, `“x”` and `« x »` agree; every dash or hyphen
/// (`-` `‐` `‒` `–` `—` `―` `−` …) read as a space, so `a—b` and `a – b` agree; zero-width
/// characters and soft hyphens removed; every run of whitespace (paragraph breaks included)
/// made one space; no space at either end.
public enum ContentNormalizer {
    public static func normalize(_ text: String) -> String {
        // NFKC changes nothing in ASCII text, which most bodies are, and ASCII needs no Unicode
        // case mapping: such text is normalized on its bytes.
        text.utf8.allSatisfy({ $0 < 0x80 }) ? normalizeASCII(text) : normalizeUnicode(text)
    }

    /// `normalize` scalar by scalar: right for any text, and the reference `normalizeASCII`
    /// is checked against.
    static func normalizeUnicode(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var result = String.UnicodeScalarView()
        result.reserveCapacity(folded.unicodeScalars.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            switch role(of: scalar) {
            case .ignored: continue
            case .separator:
                pendingSpace = true
                continue
            case .kept: break
            }
            if pendingSpace && !result.isEmpty { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    /// `normalize` for ASCII text, byte by byte: the same roles as `role(of:)` gives ASCII
    /// scalars (quotes and backtick dropped, `-` and Unicode white space — tab to carriage
    /// return and space — separating, letters lowercased, the rest kept).
    static func normalizeASCII(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x27, 0x60:
                continue
            case 0x09...0x0D, 0x20, 0x2D:
                pendingSpace = true
                continue
            default:
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The words of a text after normalization, the unit of version diffs and shingles.
    public static func words(_ text: String) -> [Substring] {
        words(normalized: normalize(text))
    }

    /// The words of an already normalized text.
    public static func words(normalized: String) -> [Substring] {
        normalized.split(separator: " ")
    }

    /// `sha256:` and the hex digest of the normalized text.
    public static func contentHash(_ body: String) -> String {
        contentHash(normalized: normalize(body))
    }

    public static func contentHash(normalized: String) -> String {
        let digest = SHA256.hash(data: Array(normalized.utf8))
        return "sha256:" + digest.map { String(format: "%02x", $0) }.joined()
    }

    private enum Role { case kept, ignored, separator }

    private static func role(of scalar: Unicode.Scalar) -> Role {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return .kept  // the common case first: ASCII digits and letters
        // Quotes: " ' ` « » ´, ‘ ’ ‚ ‛ “ ” „ ‟, primes, ‹ ›, 「 」 『 』.
        case 0x22, 0x27, 0x60, 0xAB, 0xBB, 0xB4, 0x2018...0x201F, 0x2032...0x2037, 0x2039, 0x203A,
            0x300C...0x300F:
            return .ignored
        // Invisible: soft hyphen, zero-width space and joiners, word joiner, BOM.
        case 0xAD, 0x200B...0x200D, 0x2060, 0xFEFF: return .ignored
        // Dashes and hyphens: - ‐ ‑ ‒ – — ― ⁃ − ⸺ ⸻ ﹘ ﹣ －.
        case 0x2D, 0x2010...0x2015, 0x2043, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D: return .separator
        default: return scalar.properties.isWhitespace ? .separator : .kept
        }
    }
}
