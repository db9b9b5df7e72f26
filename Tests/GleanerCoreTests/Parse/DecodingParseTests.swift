import CZlib
import Foundation
import Testing
@testable import GleanerCore

/// Bytes to text: byte order marks, declared charsets, UTF-8, Windows-1252, gzip, and the
/// inputs that are not text at all.
@Suite struct DecodingParseTests {
    let parser = DocumentParser()
    let sample = "Prices rose “sharply” in Zürich.\n\nThe second paragraph — with a dash."

    func body(_ bytes: [UInt8], name: String = "a.txt", contentType: String? = nil) throws -> String {
        let drafts = try parser.parse(ParseTestSupport.document(bytes, name: name, contentType: contentType))
        return try #require(drafts.first).articleBody
    }

    @Test func utf16WithByteOrderMarks() throws {
        var le: [UInt8] = [0xFF, 0xFE]
        var be: [UInt8] = [0xFE, 0xFF]
        for unit in sample.utf16 {
            le += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            be += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(try body(le) == sample)
        #expect(try body(be) == sample)
    }

    @Test func utf8WithByteOrderMarkAndUTF32() throws {
        #expect(try body([0xEF, 0xBB, 0xBF] + Array(sample.utf8)) == sample)
        var utf32: [UInt8] = [0xFF, 0xFE, 0, 0]
        for scalar in sample.unicodeScalars {
            let v = scalar.value
            utf32 += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), 0]
        }
        #expect(try body(utf32) == sample)
    }

    @Test func windows1252Quotes() throws {
        let bytes: [UInt8] = Array("He said ".utf8) + [0x93] + Array("hello".utf8) + [0x94] + Array(" and left.".utf8)
        #expect(try body(bytes) == "He said “hello” and left.")
    }

    @Test func declaredCharsetWins() throws {
        // 0xE9 is é in ISO-8859-15 and in KOI8-R it is И; the declaration decides.
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" au lait is a drink.".utf8)
        #expect(try body(bytes, contentType: "text/plain; charset=ISO-8859-15") == "Café au lait is a drink.")
        #expect(try body(bytes, contentType: "text/plain; charset=\"koi8-r\"") == "CafИ au lait is a drink.")
        let html = Array("<html><head><meta charset=\"koi8-r\"><title>T</title></head><body><p>".utf8) + bytes
            + Array("</p></body></html>".utf8)
        #expect(try body(html, name: "a.html") == "CafИ au lait is a drink.")
    }

    @Test func invalidUTF8FallsBackWithoutCrashing() throws {
        let bytes: [UInt8] = Array("Broken ".utf8) + [0xC3, 0x28, 0xFF] + Array(" bytes here.".utf8)
        let text = try body(bytes)
        #expect(text.hasPrefix("Broken "))
        #expect(text.hasSuffix(" bytes here."))
    }

    @Test func emptyAndBinaryInputsFailWithAReason() {
        #expect(throws: ParseError.decode("a.txt", "empty file")) { try parser.parse(ParseTestSupport.document([], name: "a.txt")) }
        #expect(throws: ParseError.decode("a.txt", "empty file")) { try parser.parse(ParseTestSupport.document(" \n\n  ", name: "a.txt")) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let bytes = (0..<Int.random(in: 1...4096, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            do {
                let drafts = try parser.parse(ParseTestSupport.document(bytes, name: "blob.bin"))
                #expect(drafts.allSatisfy { !$0.articleBody.contains("\u{0}") })
            } catch {
                #expect(error.stage == "decode" || error.stage == "parse")
                #expect(error.description.hasPrefix("blob.bin: "))
            }
        }
        let binary: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00]
        #expect(throws: ParseError.decode("a.out", "binary content, not text")) {
            try parser.parse(ParseTestSupport.document(binary, name: "a.out"))
        }
    }

    @Test func gzipIsInflated() throws {
        let compressed = try Self.gzip(Array(sample.utf8))
        #expect(try body(compressed, name: "story.txt.gz") == sample)
    }

    @Test func gzipBombIsRefusedAtTheLimit() throws {
        let compressed = try Self.gzip([UInt8](repeating: 0x41, count: 4 << 20))
        #expect(compressed.count < 64 * 1024)
        let small = DocumentParser(maxDecodedSize: 1 << 20)
        #expect(throws: ParseError.decode("bomb.gz", "gzip content decompresses to more than the limit of 1048576 bytes")) {
            try small.parse(ParseTestSupport.document(compressed, name: "bomb.gz"))
        }
        let truncated = Array(try Self.gzip(Array(sample.utf8)).prefix(20))
        #expect(throws: ParseError.decode("cut.gz", "gzip content is truncated")) {
            try parser.parse(ParseTestSupport.document(truncated, name: "cut.gz"))
        }
    }

    /// gzip framing through zlib's deflateInit2 (windowBits 16 + 15).
    static func gzip(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        try #require(status == Z_OK)
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var source = input
        let result = source.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = UInt32(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = UInt32(outBuf.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        try #require(result == Z_STREAM_END)
        return Array(output.prefix(Int(stream.total_out)))
    }
}
