import Foundation
import Testing
@testable import GleanerCore

/// The byte-level search for a charset declared in markup finds what the String-level rule it
/// replaced finds (that rule is kept here as the reference).
@Suite struct CharsetSniffTests {
    private func reference(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        func quoted(after text: Substring) -> String? {
            let rest = text.drop(while: { $0 == " " || $0 == "=" })
            guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
            let value = rest.dropFirst().prefix(while: { $0 != quote })
            return value.isEmpty ? nil : String(value)
        }
        if head.hasPrefix("<?xml"), let end = head.range(of: "?>") {
            let prolog = head[..<end.lowerBound]
            if let r = prolog.range(of: "encoding") { return quoted(after: prolog[r.upperBound...]) }
            return "utf-8"
        }
        var searchFrom = head.startIndex
        while let meta = head.range(of: "<meta", range: searchFrom..<head.endIndex) {
            let tagEnd = head[meta.upperBound...].firstIndex(of: ">") ?? head.endIndex
            let tag = head[meta.upperBound..<tagEnd]
            if let r = tag.range(of: "charset") {
                var rest = tag[r.upperBound...].drop(while: { $0 == " " })
                if rest.first == "=" {
                    rest = rest.dropFirst()
                    let value = rest.drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
                        .prefix(while: { !" \"';/>".contains($0) })
                    if !value.isEmpty { return String(value) }
                }
            }
            searchFrom = tagEnd
        }
        return nil
    }

    static let samples = [
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss/>", "<?xml version='1.0' encoding = 'koi8-r' ?><feed/>",
        "<?xml version=\"1.0\"?><rss/>", "<?xml encoding=\"\"?>", "<?xml version=\"1.0\" encoding=utf-8?>", "<?xml no end",
        "<html><head><meta charset=\"Windows-1252\"></head>", "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">",
        "<meta name=x><meta charset='euc-jp'/>", "<meta charset = \"utf-8\">", "<meta charset=>", "<meta charset",
        "<meta content=\"charset\">", "<meta\r\ncharset=\"big5\"\r\n>", "plain text with no markup", "",
        "<p>Zürich <meta charset=\"iso-8859-2\"></p>", "<meta charset=\"x\">" + String(repeating: "a", count: 5000),
        String(repeating: "é", count: 3000) + "<meta charset=\"late\">", "<?XML VERSION=\"1.0\" ENCODING=\"UTF-16\"?>",
    ]

    @Test func bytesGiveWhatTheStringRuleGave() {
        for sample in Self.samples {
            let bytes = Array(sample.utf8)
            #expect(TextDecoding.charset(inMarkup: bytes) == reference(bytes), "\(sample.prefix(80).debugDescription)")
        }
    }

    @Test func seedFilesGiveWhatTheStringRuleGave() throws {
        let seeds = URL(fileURLWithPath: "../shared/corpus/seeds")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: seeds.path) else {
            print("CharsetSniffTests: ../shared/corpus/seeds is absent; the seed comparison is skipped")
            return
        }
        for name in names {
            let bytes = try Array(Data(contentsOf: seeds.appendingPathComponent(name)))
            #expect(TextDecoding.charset(inMarkup: bytes) == reference(bytes), "\(name)")
        }
    }
}
