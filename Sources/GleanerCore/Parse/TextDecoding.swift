import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the bytes of an input into text: a byte order mark first, then a declared charset
/// (HTTP header, XML prolog, HTML `<meta>`), then UTF-8 when the bytes are valid UTF-8 (or
/// nearly all: a few broken sequences are replaced), then Windows-1252, which can decode any byte. Refuses binary content. Stateless.
enum TextDecoding {
    /// Decoded text, or why the bytes are not text.
    static func decode(_ bytes: [UInt8], contentType: String?) -> Result<String, TextFailure> {
        if bytes.isEmpty { return .failure(.empty) }
        if let (encoding, bomLength) = byteOrderMark(bytes) {
            return checked(convert(bytes[bomLength...], from: encoding))
        }
        if let declared = contentType.flatMap(charset(inContentType:)) {
            if let text = decodeDeclared(bytes, declared, trustWideEncodings: true) {
                return checked(text)
            }
        }
        if let wide = unmarkedUTF16(bytes) {
            return checked(convert(bytes[...], from: wide))
        }
        if looksBinary(bytes) { return .failure(.binary) }
        let utf8 = String(validating: bytes, as: UTF8.self)
        if let declared = charset(inMarkup: bytes) {
            // A page saved as UTF-8 often keeps its old `<meta charset>`: bytes that are valid
            // UTF-8 with multi-byte sequences are practically never legacy-encoded text, so
            // they outweigh an in-document (not an HTTP) declaration.
            if let utf8, bytes.contains(where: { $0 >= 0x80 }) { return checked(utf8) }
            if let text = decodeDeclared(bytes, declared, trustWideEncodings: false) { return checked(text) }
        }
        if let utf8 { return checked(utf8) }
        if let repaired = mostlyUTF8(bytes) { return checked(repaired) }
        return checked(windows1252(bytes[...]))
    }

    /// UTF-8 with its few broken sequences replaced (U+FFFD), as a browser decodes a page
    /// declared UTF-8: a stray byte in a UTF-8 page (a truncated character pasted into it) must
    /// not turn every other character into mojibake. Taken when the valid non-ASCII characters
    /// outnumber the broken sequences ten to one; legacy-encoded text has almost no valid
    /// multi-byte sequences, so it still goes to Windows-1252.
    private static func mostlyUTF8(_ bytes: [UInt8]) -> String? {
        let repaired = String(decoding: bytes, as: UTF8.self)
        var broken = 0
        var valid = 0
        for scalar in repaired.unicodeScalars where scalar.value >= 0x80 {
            if scalar.value == 0xFFFD { broken += 1 } else { valid += 1 }
        }
        return valid >= broken * 10 ? repaired : nil
    }

    private static func checked(_ text: String) -> Result<String, TextFailure> {
        // Over the first 8192 scalars, counted on the UTF-8 bytes (a scalar starts at every
        // byte that is not a continuation byte); the controls looked for are all single bytes.
        var copy = text
        let binary = copy.withUTF8 { bytes in
            var controls = 0
            var total = 0
            for byte in bytes where byte & 0xC0 != 0x80 {
                if total == 8192 { break }
                total += 1
                if byte == 0 || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B) {
                    controls += 1
                }
            }
            return total > 0 && controls * 20 > total
        }
        return binary ? .failure(.binary) : .success(text)
    }

    /// A declared charset applied, or nil when it is unknown to iconv or does not fit the bytes.
    private static func decodeDeclared(_ bytes: [UInt8], _ name: String, trustWideEncodings: Bool) -> String? {
        let label = name.lowercased().trimmingCharacters(in: .whitespaces)
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8":
            return String(validating: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1", "latin-1", "iso8859-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252":
            // As browsers do (WHATWG Encoding), Latin-1 and ASCII labels mean Windows-1252.
            return windows1252(bytes[...])
        default:
            // A UTF-16/32 label found inside ASCII-readable markup contradicts itself.
            if !trustWideEncodings, label.hasPrefix("utf-16") || label.hasPrefix("utf-32") || label.hasPrefix("ucs") {
                return nil
            }
            return iconvDecode(bytes[...], from: label)
        }
    }

    private static func byteOrderMark(_ b: [UInt8]) -> (String, Int)? {
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 { return ("UTF-32LE", 4) }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF { return ("UTF-32BE", 4) }
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { return ("UTF-8", 3) }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return ("UTF-16LE", 2) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return ("UTF-16BE", 2) }
        return nil
    }

    /// UTF-16 or UTF-32 without a mark: ASCII-range text leaves every other byte zero (three
    /// of four in UTF-32), as XML's own autodetection (`<?` in four bytes) relies on.
    private static func unmarkedUTF16(_ b: [UInt8]) -> String? {
        if b.count >= 8, b.count % 4 == 0 {
            if b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0, b[4] == 0, b[5] == 0, b[6] == 0 { return "UTF-32BE" }
            if b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0, b[5] == 0, b[6] == 0, b[7] == 0 { return "UTF-32LE" }
        }
        let n = min(b.count, 512) & ~1
        guard n >= 8 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for i in 0..<n where b[i] == 0 {
            if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let half = n / 2
        if zeroOdd * 10 >= half * 9, zeroEven == 0 { return "UTF-16LE" }
        if zeroEven * 10 >= half * 9, zeroOdd == 0 { return "UTF-16BE" }
        return nil
    }

    /// Text never holds NUL bytes and few other C0 controls.
    private static func looksBinary(_ b: [UInt8]) -> Bool {
        var controls = 0
        let sample = b.prefix(8192)
        for byte in sample {
            if byte == 0 { return true }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C, byte != 0x1B {
                controls += 1
            }
        }
        return controls * 20 > sample.count
    }

    static func charset(inContentType value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2,
                pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset"
            else { continue }
            let name = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// The charset an XML prolog or an HTML `<meta>` declares in the first bytes. Works on the
    /// ASCII-lowercased bytes of the head (other bytes read as spaces): it runs on every input,
    /// and a String copy with Foundation searches cost more than the rest of a small feed.
    static func charset(inMarkup bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { byte -> UInt8 in
            if byte >= 0x80 { return 0x20 }
            return byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        }
        if head.starts(with: Needle.xmlProlog), let end = find(Needle.prologEnd, in: head[...], from: 0) {
            let prolog = head[..<end]
            if let at = find(Needle.encoding, in: prolog, from: 0) {
                return quotedValue(after: prolog[(at + 8)...])
            }
            return "utf-8"  // XML without a declaration is UTF-8 by definition.
        }
        var searchFrom = 0
        while let meta = find(Needle.meta, in: head[...], from: searchFrom) {
            let tagStart = meta + 5
            let tagEnd = head[tagStart...].firstIndex(of: UInt8(ascii: ">")) ?? head.endIndex
            if let at = find(Needle.charset, in: head[..<tagEnd], from: tagStart) {
                var rest = head[(at + 7)..<tagEnd].drop(while: { $0 == 0x20 })
                if rest.first == UInt8(ascii: "=") {
                    rest = rest.dropFirst()
                    let value = rest.drop(while: { $0 == 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
                        .prefix(while: { !Self.charsetValueEnd.contains($0) })
                    if !value.isEmpty { return String(decoding: value, as: UTF8.self) }
                }
            }
            searchFrom = tagEnd
        }
        return nil
    }

    private static let charsetValueEnd: Set<UInt8> = Set(" \"';/>".utf8)

    private enum Needle {
        static let xmlProlog = Array("<?xml".utf8)
        static let prologEnd = Array("?>".utf8)
        static let encoding = Array("encoding".utf8)
        static let meta = Array("<meta".utf8)
        static let charset = Array("charset".utf8)
    }

    /// The first index at or after `from` where `needle` starts in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>, from: Int) -> Int? {
        guard let first = needle.first, haystack.endIndex - needle.count >= from else { return nil }
        var index = max(from, haystack.startIndex)
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func quotedValue(after text: ArraySlice<UInt8>) -> String? {
        let rest = text.drop(while: { $0 == 0x20 || $0 == UInt8(ascii: "=") })
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        let value = rest.dropFirst().prefix(while: { $0 != quote })
        return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
    }

    static func convert(_ bytes: ArraySlice<UInt8>, from encoding: String) -> String {
        if encoding == "UTF-8" { return String(decoding: bytes, as: UTF8.self) }
        return iconvDecode(bytes, from: encoding) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Windows-1252 as WHATWG defines it: Latin-1 with printable characters in 0x80–0x9F.
    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        // Written as UTF-8 bytes and made a string once: appending scalar by scalar to a
        // string was a cost on every such page. Every value here is a scalar (none is a
        // surrogate) below U+10000, so two or three bytes each.
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
            if value < 0x80 {
                utf8.append(UInt8(value))
            } else if value < 0x800 {
                utf8.append(UInt8(0xC0 | (value >> 6)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (value >> 12)))
                utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Converts through iconv, replacing undecodable bytes with U+FFFD; nil when iconv does
    /// not know the charset.
    static func iconvDecode(_ bytes: ArraySlice<UInt8>, from charset: String) -> String? {
        let cd = iconv_open("UTF-8", charset)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBufferPointer { inBuf in
            var inPtr = inBuf.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var inLeft = inBuf.count
            while inLeft > 0, inPtr != nil {
                let (result, err, produced): (Int, Int32, Int) = buffer.withUnsafeMutableBufferPointer { outBuf in
                    var outPtr = outBuf.baseAddress.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self) }
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    return (r, r == -1 ? errno : 0, outBuf.count - outLeft)
                }
                output.append(contentsOf: buffer[0..<produced])
                if result != -1 { break }
                switch err {
                case E2BIG:
                    continue
                case EILSEQ:
                    // Skip one bad byte and go on: bad bytes never stop decoding.
                    output.append(contentsOf: replacement)
                    inPtr = inPtr.map { $0 + 1 }
                    inLeft -= 1
                default:
                    // EINVAL: an incomplete sequence at the end.
                    output.append(contentsOf: replacement)
                    inLeft = 0
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// Why bytes are not text.
enum TextFailure: Error, CustomStringConvertible {
    case empty
    case binary

    var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary content, not text"
        }
    }
}
