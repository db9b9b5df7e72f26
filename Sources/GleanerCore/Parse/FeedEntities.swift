import CLibXML2

/// RSS in the wild uses HTML's named entities (`&eacute;`, `&nbsp;`) that XML does not define;
/// without a DTD (never loaded) libxml2 would drop them. Before parsing, each such reference
/// that HTML defines becomes its numeric character reference; XML's own five and unknown
/// names stay as they are. Stateless.
enum FeedEntities {
    static func numericHTMLEntities(in text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "&"), let (name, end) = entityName(bytes, from: i + 1) else {
                out.append(byte)
                i += 1
                continue
            }
            if !xmlEntities.contains(name), let value = htmlValue(name) {
                out.append(contentsOf: Array("&#\(value);".utf8))
            } else {
                out.append(contentsOf: bytes[i...end])
            }
            i = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let xmlEntities: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The name of `&name;` starting at `start`, and the index of its `;`.
    private static func entityName(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        var j = start
        while j < bytes.count, j - start < 32 {
            let c = bytes[j]
            let isAlnum = (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || (c >= 0x30 && c <= 0x39)
            if c == UInt8(ascii: ";") {
                return j > start && bytes[start] != UInt8(ascii: "#") ? (String(decoding: bytes[start..<j], as: UTF8.self), j) : nil
            }
            guard isAlnum else { return nil }
            j += 1
        }
        return nil
    }

    private static func htmlValue(_ name: String) -> UInt32? {
        name.withCString { pointer in
            pointer.withMemoryRebound(to: xmlChar.self, capacity: name.utf8.count + 1) { htmlEntityLookup($0)?.pointee.value }
        }
    }
}
