/// Splits an `Expect:` expression into tokens, decoding Python string literals (`'…'`,
/// `"…"`, `u'…'`, `b'…'`, `r'…'`, with `\n \t \\ \' \" \xNN \uNNNN \UNNNNNNNN` escapes).
extension PythonParser {
    static func tokenize(_ s: [Unicode.Scalar]) throws(PythonError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" { i += 1; continue }
            if isNameStart(c) {
                var j = i
                while j < s.count, isNameStart(s[j]) || ("0"..."9").contains(s[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(s[i..<j]))
                if j < s.count, s[j] == "'" || s[j] == "\"", ["u", "b", "r", "U", "B", "R", "ur", "br"].contains(word) {
                    i = j
                    tokens.append(.string(try literal(s, &i, raw: word.lowercased().contains("r"))))
                } else {
                    tokens.append(.name(word))
                    i = j
                }
                continue
            }
            if c == "'" || c == "\"" {
                tokens.append(.string(try literal(s, &i, raw: false)))
                continue
            }
            if ("0"..."9").contains(c) {
                var j = i
                while j < s.count, ("0"..."9").contains(s[j]) || s[j] == "." { j += 1 }
                let text = String(String.UnicodeScalarView(s[i..<j]))
                if text.contains("."), let x = Double(text) { tokens.append(.float(x)) }
                else if let n = Int(text) { tokens.append(.int(n)) }
                else { throw PythonError("bad number \(text)") }
                i = j
                continue
            }
            let two = i + 1 < s.count ? String(String.UnicodeScalarView([c, s[i + 1]])) : ""
            if ["==", "!=", "<=", ">="].contains(two) { tokens.append(.op(two)); i += 2; continue }
            if "()[]{},.:<>-".unicodeScalars.contains(c) { tokens.append(.op(String(c))); i += 1; continue }
            throw PythonError("unexpected character \(c)")
        }
        return tokens
    }

    private static func literal(_ s: [Unicode.Scalar], _ i: inout Int, raw: Bool) throws(PythonError) -> String {
        let quote = s[i]
        var triple = false
        if i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote { triple = true; i += 3 } else { i += 1 }
        var out = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            if c == quote {
                if !triple { i += 1; return String(out) }
                if i + 2 < s.count, s[i + 1] == quote, s[i + 2] == quote { i += 3; return String(out) }
            }
            if c == "\\", i + 1 < s.count, !raw {
                let e = s[i + 1]
                i += 2
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "0": out.append("\0")
                case "x", "u", "U":
                    let width = e == "x" ? 2 : (e == "u" ? 4 : 8)
                    guard i + width <= s.count,
                        let value = UInt32(String(String.UnicodeScalarView(s[i..<(i + width)])), radix: 16),
                        let scalar = Unicode.Scalar(value)
                    else { throw PythonError("bad escape") }
                    out.append(scalar)
                    i += width
                default:
                    if e == "\\" || e == "'" || e == "\"" { out.append(e) } else { out.append("\\"); out.append(e) }
                }
                continue
            }
            out.append(c)
            i += 1
        }
        throw PythonError("unterminated string")
    }
}
