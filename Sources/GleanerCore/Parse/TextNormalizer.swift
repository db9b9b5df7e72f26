/// The whitespace and control-character rules every extracted text goes through: runs of
/// spaces (any Unicode space, tabs, line breaks inside a paragraph) become one space, control
/// and zero-width characters go, paragraphs are joined by exactly one blank line. Stateless.
enum TextNormalizer {
    /// One paragraph's text on one line, spaces collapsed, trimmed.
    static func inline(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if isSpace(v) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isDropped(v) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Paragraphs cleaned, empty ones dropped, joined by one blank line.
    static func body(_ paragraphs: [String]) -> String {
        var result = ""
        for paragraph in paragraphs {
            let clean = inline(paragraph)
            if clean.isEmpty { continue }
            if !result.isEmpty { result += "\n\n" }
            result += clean
        }
        return result
    }

    /// Text with its own line structure: each line cleaned, blank lines (or lines of only
    /// spaces) separate paragraphs, single line breaks inside a paragraph are kept as spaces.
    static func bodyFromText(_ text: String) -> String {
        var paragraphs: [String] = []
        var current = ""
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            let clean = inline(line)
            if clean.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = "" }
            } else {
                current += current.isEmpty ? clean : " " + clean
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.joined(separator: "\n\n")
    }

    static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Control characters, zero-width characters and the byte order mark carry no text.
    static func isDropped(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || (0x200B...0x200D).contains(v) || v == 0xFEFF
            || v == 0x00AD || v == 0x2060
    }
}
