import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Repairs the character-level faults feeds in the wild have before libxml2 sees them:
/// HTML's named entities (`&eacute;`, `&nbsp;`) that XML does not define (no DTD is ever
/// loaded) become numeric references; bare `&` that start no reference (`?a=1&b=2`) become
/// `&amp;`, as do references to names nobody defines; `&#X41;` becomes `&#x41;`; and C1
/// control characters (U+0080–U+009F), which are Windows-1252 text mis-decoded, become the
/// characters Windows-1252 means. XML's own five entities are left alone; a name the
/// document's internal DTD subset declares as plain text (no markup, no references, so it
/// cannot nest into an entity bomb) is replaced by that text; other declared names are left
/// to libxml2 (which does not substitute them). CDATA sections are copied untouched. Stateless.
enum FeedEntities {
    static func numericHTMLEntities(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return String(decoding: numericHTMLEntityBytes(in: text), as: UTF8.self)
    }

    /// `numericHTMLEntities` as UTF-8 bytes, for libxml2, which reads bytes anyway.
    static func numericHTMLEntityBytes(in text: String) -> [UInt8] {
        var copy = text
        return copy.withUTF8 { repaired($0, declaring: text) }
    }

    /// `body` given the UTF-8 of `numericHTMLEntities(in: text)`: the text's own bytes when
    /// they need no repair, as in nearly every feed (a copy of the whole document otherwise).
    static func withRepairedBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = text
        let own: R? = copy.withUTF8 { bytes in needsRepair(bytes) ? nil : body(bytes) }
        if let own { return own }
        return numericHTMLEntityBytes(in: text).withUnsafeBufferPointer(body)
    }

    /// Whether `repaired` could change the bytes: outside CDATA sections some `&` starts
    /// something other than XML's five references, or an internal DTD subset may declare (or
    /// redeclare) entities. Jumps from one `&` to the next with `memchr` and over CDATA
    /// sections with `memmem`, as `repaired` copies them: item content is often CDATA with a
    /// bare `&` in its HTML.
    static func needsRepair(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        if contains(bytes, entityDeclaration) { return true }
        var offset = 0
        var cdata = find(cdataOpen, in: bytes, from: 0)
        while offset < bytes.count {
            let limit = cdata ?? bytes.count
            if offset < limit, let hit = memchr(base + offset, Int32(UInt8(ascii: "&")), limit - offset) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard let length = xmlReferenceLength(bytes, at: i) else { return true }
                offset = i + length
                continue
            }
            guard let start = cdata else { return false }
            offset = cdataEnd(bytes, from: max(start, offset)) ?? bytes.count
            cdata = find(cdataOpen, in: bytes, from: offset)
        }
        return false
    }

    /// Where `pattern` next occurs in `bytes` at or after `from`, jumping between its first
    /// bytes with `memchr`.
    private static func find(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = bytes.baseAddress, bytes.count >= pattern.count else { return nil }
        let last = bytes.count - pattern.count
        var offset = from
        while offset <= last, let hit = memchr(base + offset, Int32(pattern[0]), last + 1 - offset) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if startsWith(bytes, pattern, at: i) { return i }
            offset = i + 1
        }
        return nil
    }

    private static func repaired(_ bytes: UnsafeBufferPointer<UInt8>, declaring text: String) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        let declared = contains(bytes, entityDeclaration) ? declaredEntities(text) : [:]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            // Copy the run up to the next `<` or `&` in one go: only those can start a repair.
            var runEnd = i
            while runEnd < bytes.count, bytes[runEnd] != UInt8(ascii: "<"), bytes[runEnd] != UInt8(ascii: "&") { runEnd += 1 }
            if runEnd > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<runEnd]))
                i = runEnd
                continue
            }
            let byte = bytes[i]
            if byte == UInt8(ascii: "<"), let end = cdataEnd(bytes, from: i) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                i = end
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                i += 1
                continue
            }
            // XML's own references, by far the most common, stay as written (unless the
            // document redeclares them): no name string to build and look up.
            if declared.isEmpty, let length = xmlReferenceLength(bytes, at: i) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]))
                i += length
                continue
            }
            switch reference(bytes, from: i + 1) {
            case .named(let name, let end):
                if let value = declared[name] ?? nil {
                    out.append(contentsOf: Array(value.utf8))
                } else if xmlEntities.contains(name) || declared[name] != nil {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i...end]))
                } else if let value = htmlValue(name) {
                    out.append(contentsOf: Array("&#\(value);".utf8))
                } else {
                    out.append(contentsOf: Array("&amp;".utf8))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(i + 1)...end]))
                }
                i = end + 1
            case .numeric(let value, let end):
                out.append(contentsOf: Array("&#\(windows1252(value));".utf8))
                i = end + 1
            case nil:
                out.append(contentsOf: Array("&amp;".utf8))
                i += 1
            }
        }
        return out
    }

    /// The length of `&lt;`, `&gt;`, `&amp;`, `&quot;` or `&apos;` at `i`, if one is there.
    private static func xmlReferenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        for name in xmlReferences where i + name.count <= bytes.count {
            var k = 1
            while k < name.count, bytes[i + k] == name[k] { k += 1 }
            if k == name.count { return name.count }
        }
        return nil
    }

    private static let xmlReferences: [[UInt8]] = ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;"].map { Array($0.utf8) }

    /// C1 controls read as the Windows-1252 characters they stand for.
    static func demoronized(_ text: String) -> String {
        guard hasC1Control(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(Unicode.Scalar(windows1252(scalar.value)) ?? scalar)
        }
        return String(scalars)
    }

    /// Whether text holds a U+0080–U+009F, found on the UTF-8 bytes (C2 80 to C2 9F) rather
    /// than by decoding every scalar of the document.
    private static func hasC1Control(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
            // Jump from one C2 lead byte to the next: most feeds have few or none.
            var offset = 0
            while offset < bytes.count - 1, let hit = memchr(base + offset, 0xC2, bytes.count - 1 - offset) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return true }
                offset = i + 1
            }
            return false
        }
        if let found { return found }
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == 0xC2, byte >= 0x80, byte <= 0x9F { return true }
            previous = byte
        }
        return false
    }

    private static let entityDeclaration = Array("<!ENTITY".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)

    /// Whether `pattern` occurs in `bytes` (this runs over every feed).
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        find(pattern, in: bytes, from: 0) != nil
    }

    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8], at start: Int) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for k in 0..<pattern.count where bytes[start + k] != pattern[k] { return false }
        return true
    }

    static func windows1252(_ value: UInt32) -> UInt32 {
        guard (0x80...0x9F).contains(value) else { return value }
        return TextDecoding.windows1252([UInt8(value)][...]).unicodeScalars.first?.value ?? value
    }

    enum Reference {
        case named(String, end: Int)
        case numeric(UInt32, end: Int)
    }

    static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The reference after an `&` at `start`: `name;`, `#123;` or `#x7B;` (any case of x).
    static func reference<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, from start: Int) -> Reference?
    where Bytes.Index == Int {
        guard start < bytes.count else { return nil }
        var j = start
        let numeric = bytes[start] == UInt8(ascii: "#")
        var hex = false
        if numeric {
            j += 1
            if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "x") { hex = true; j += 1 }
        }
        let digitsStart = j
        while j < bytes.count, j - start < 40 {
            let c = bytes[j]
            if c == UInt8(ascii: ";") {
                guard j > digitsStart else { return nil }
                let body = String(decoding: bytes[digitsStart..<j], as: UTF8.self)
                if !numeric { return .named(body, end: j) }
                guard let value = UInt32(body, radix: hex ? 16 : 10), value > 0, value <= 0x10FFFF else { return nil }
                return .numeric(value, end: j)
            }
            let isDigit = c >= 0x30 && c <= 0x39
            let isLetter = c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")
            let allowed = numeric ? (isDigit || (hex && c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f")))
                : (isLetter || isDigit || (j > start && (c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: "."))))
            guard allowed else { return nil }
            j += 1
        }
        return nil
    }

    /// The end (just past `]]>`) of a CDATA section starting at `start`, if one does.
    private static func cdataEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard startsWith(bytes, cdataOpen, at: start) else { return nil }
        return find(cdataClose, in: bytes, from: start + cdataOpen.count).map { $0 + cdataClose.count } ?? bytes.count
    }

    /// Names the document's internal DTD subset declares with `<!ENTITY name "value">`, with
    /// their value when it is plain text (nil otherwise: external, parameter or nesting ones).
    private static func declaredEntities(_ text: String) -> [String: String?] {
        var names: [String: String?] = [:]
        for part in text.components(separatedBy: "<!ENTITY").dropFirst() {
            let rest = part.drop(while: \.isWhitespace)
            let isParameter = rest.first == "%"
            let name = rest.drop(while: { $0 == "%" || $0.isWhitespace }).prefix(while: { !$0.isWhitespace })
            guard !name.isEmpty else { continue }
            let afterName = rest.drop(while: { $0 == "%" || $0.isWhitespace }).dropFirst(name.count).drop(while: \.isWhitespace)
            var value: String?
            if !isParameter, let quote = afterName.first, quote == "\"" || quote == "'" {
                let body = afterName.dropFirst().prefix(while: { $0 != quote })
                if !body.contains(where: { "&<%".contains($0) }) { value = String(body) }
            }
            names[String(name)] = .some(value)
        }
        return names
    }

    /// The code point of an HTML 4 named entity, as libxml2's HTML parser knows them.
    static func htmlValue(_ name: String) -> UInt32? {
        name.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { htmlEntityLookup($0)?.pointee.value }
        }
    }
}
