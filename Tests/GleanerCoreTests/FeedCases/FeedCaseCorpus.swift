import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The feedparser test cases: finds `../shared/corpus/feedparser-cases.tar.gz` from the
/// package root, unpacks it once into `.build/corpus/` with /usr/bin/tar, and reads each
/// case's `Description:` / `Expect:` / `Header:` comment.
struct FeedCaseCorpus {
    struct Case {
        let path: String
        /// Directory under the archive's root, e.g. `wellformed/rss`.
        let family: String
        let bytes: [UInt8]
        let expect: String?
        let headers: [String: String]
    }

    let root: URL

    static var packageRoot: URL {
        // Tests/GleanerCoreTests/FeedCases/FeedCaseCorpus.swift → package root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var archive: URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/feedparser-cases.tar.gz")
    }

    /// The unpacked corpus, or nil when the archive is absent.
    static func unpack() throws -> FeedCaseCorpus? {
        guard FileManager.default.fileExists(atPath: archive.path) else { return nil }
        let target = packageRoot.appendingPathComponent(".build/corpus")
        let root = target.appendingPathComponent("feedparser-cases")
        let marker = target.appendingPathComponent("feedparser-cases.unpacked")
        if !FileManager.default.fileExists(atPath: marker.path) {
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
            tar.arguments = ["-xzf", archive.path, "-C", target.path]
            try tar.run()
            tar.waitUntilExit()
            guard tar.terminationStatus == 0 else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: archive.path])
            }
            try Data().write(to: marker)
        }
        return FeedCaseCorpus(root: root)
    }

    func cases() throws -> [Case] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [Case] = []
        for case let relative as String in walker {
            let url = root.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let bytes = [UInt8](try Data(contentsOf: url))
            let (expect, headers) = Self.comment(bytes)
            let family = (relative as NSString).deletingLastPathComponent
            result.append(Case(path: relative, family: family, bytes: bytes, expect: expect, headers: headers))
        }
        return result.sorted { $0.path < $1.path }
    }

    /// The `Expect:` line and `Header:` lines of a case. The comment is ASCII; UTF-16/32
    /// files are read by dropping their zero bytes (and the BOM) first.
    static func comment(_ bytes: [UInt8]) -> (String?, [String: String]) {
        let ascii = bytes.prefix(8192).filter { $0 != 0 && $0 < 0x80 }
        let text = String(decoding: ascii, as: UTF8.self)
        var expect: String?
        var headers: [String: String] = [:]
        if text.contains("\"__TEST__\""), let r = text.range(of: "Expect:") {
            // JSON cases keep the comment in a "__TEST__" string, ending with "-->".
            let rest = text[r.upperBound...]
            expect = rest.components(separatedBy: "-->").first?.trimmingCharacters(in: .whitespaces)
            return (expect, headers)
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Expect:") {
                expect = trimmed.dropFirst("Expect:".count).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("Header:") {
                let header = trimmed.dropFirst("Header:".count)
                if let colon = header.firstIndex(of: ":") {
                    let name = header[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                    headers[name] = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
            } else if trimmed.hasPrefix("-->") {
                break
            }
        }
        return (expect, headers)
    }
}
