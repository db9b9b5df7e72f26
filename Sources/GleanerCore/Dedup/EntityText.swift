/// Decodes the HTML character references (`&eacute;`, `&#233;`, `&#xE9;`) in one word of text, for
/// shingling (see `Shingles`). A reference that is not one (a bare `&`, an unknown name) is kept as
/// written. Stateless.
enum EntityText {
    static func decoded(_ word: Substring) -> String {
        let bytes = Array(word.utf8)
        var out = String.UnicodeScalarView()
        var i = 0
        var literalStart = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "&"), let reference = FeedEntities.reference(bytes, from: i + 1) else {
                i += 1
                continue
            }
            let value: UInt32?
            let end: Int
            switch reference {
            case .named(let name, let at):
                value = FeedEntities.htmlValue(name)
                end = at
            case .numeric(let number, let at):
                value = FeedEntities.windows1252(number)
                end = at
            }
            guard let value, let scalar = Unicode.Scalar(value) else {
                i += 1
                continue
            }
            out.append(contentsOf: String(decoding: bytes[literalStart..<i], as: UTF8.self).unicodeScalars)
            out.append(scalar)
            i = end + 1
            literalStart = i
        }
        out.append(contentsOf: String(decoding: bytes[literalStart...], as: UTF8.self).unicodeScalars)
        return String(out)
    }
}
