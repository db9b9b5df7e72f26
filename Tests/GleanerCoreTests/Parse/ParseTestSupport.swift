import Foundation
@testable import GleanerCore

/// Builds documents for parser tests and finds the shared corpus.
enum ParseTestSupport {
    static func document(_ bytes: [UInt8], name: String = "input.txt", url: String? = nil, contentType: String? = nil) -> Document {
        Document(
            name: name, bytes: bytes, source: SourceRef(kind: .inbox, name: name), url: url,
            contentType: contentType, receivedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    static func document(_ text: String, name: String = "input.txt", url: String? = nil) -> Document {
        document(Array(text.utf8), name: name, url: url)
    }

    /// `../shared/corpus` from the package root, when it is there.
    static var corpus: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let corpus = root.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: corpus.path) ? corpus : nil
    }

    static func seed(_ prefix: String) throws -> Document? {
        guard let seeds = corpus?.appendingPathComponent("seeds") else { return nil }
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path).sorted()
        guard let name = names.first(where: { $0.hasPrefix(prefix) }) else { return nil }
        let data = try Data(contentsOf: seeds.appendingPathComponent(name))
        return document(Array(data), name: name)
    }
}
