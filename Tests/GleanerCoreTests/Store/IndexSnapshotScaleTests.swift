import Foundation
import Testing
@testable import GleanerCore

/// How the index snapshot scales, on an index of the generated scale store's shape (a URL, a
/// headline and one version of 300+ words per article) built in memory, so that a million
/// articles take minutes instead of the hours that writing and rebuilding such a store takes.
/// Runs only when GLEANER_SNAPSHOT_SCALE names the sizes (e.g. `100000,1000000`); meant for a
/// release build: `GLEANER_SNAPSHOT_SCALE=1000000 swift test -c release --filter IndexSnapshotScale`.
@Suite struct IndexSnapshotScaleTests {
    static let sizes: [Int] = (ProcessInfo.processInfo.environment["GLEANER_SNAPSHOT_SCALE"] ?? "")
        .split(separator: ",").compactMap { Int($0) }

    @Test(.enabled(if: !sizes.isEmpty, "set GLEANER_SNAPSHOT_SCALE to run"))
    func encodeWriteReadAndDecodeAtScale() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        for size in Self.sizes {
            let clock = ContinuousClock()
            var started = clock.now
            var index = StoreIndex()
            var stamps = StoreFileStamps()
            var random = SplitMix(seed: UInt64(size))
            let source = SourceRef(kind: .feed, name: "scale")
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            for number in 0..<size {
                let words = (0..<300).map { _ in Substring(String(random.next() % 50_000, radix: 36)) }
                let body = words.joined(separator: " ")
                var draft = ArticleDraft(articleBody: body)
                draft.headline = "Headline number \(number) about \(words[0]) and \(words[1]) in \(words[2]) today"
                draft.url = "https://scale.example.org/\(number / 1000)/story-\(number).html"
                let id = String(format: "%016llx", UInt64(number) &* 0x9E37_79B9_7F4A_7C15)
                let version = ArticleVersion(
                    version: 1, capturedAt: base.addingTimeInterval(Double(number)), source: source,
                    contentHash: ContentNormalizer.contentHash(body), headline: draft.headline, articleBody: body)
                let article = Article(id: id, draft: draft, firstVersion: version)
                index.record(article, knownShingles: [1: Shingles(words: words)])
                stamps.set(random.next() | 1, at: number)
            }
            let built = clock.now - started
            started = clock.now
            let snapshot = StoreIndexSnapshot(generation: UInt64(size), storeCreated: 1, index: index, stamps: stamps)
            let bytes = snapshot.encoded()
            let encoded = clock.now - started
            let path = directory.path + "/snapshot-\(size)"
            started = clock.now
            try DurableFile.write(bytes, to: path)
            let written = clock.now - started
            started = clock.now
            let read = try #require(try SnapshotBytes(mapping: path))
            let readTime = clock.now - started
            started = clock.now
            let decoded = try StoreIndexSnapshot.decode(read, storeCreated: 1)
            let decodedTime = clock.now - started
            // The near-duplicate index alone, to tell its share of the decode.
            var nearWriter = SnapshotWriter()
            nearWriter.section(.nearDuplicates) { index.near.encode(into: &$0) }
            let nearBytes = nearWriter.body
            // Copied before the clock starts: the decode under test reads a mapping, not a copy.
            let nearFile = SnapshotBytes(copying: nearBytes)
            started = clock.now
            var nearReader = SnapshotReader(nearFile, from: 0, to: nearBytes.count)
            let near = try nearReader.section(.nearDuplicates) { (reader) throws(SnapshotDamage) in
                try NearDuplicateIndex(from: &reader, articles: size)
            }
            let nearTime = clock.now - started
            #expect(near.count == size)
            #expect(decoded.index.counts == index.counts)
            #expect(decoded.index.near.count == size)
            print(
                "snapshot scale \(size): built in \(built), \(bytes.count / size) bytes/article, encode \(encoded), "
                    + "write+fsync \(written), map \(readTime), decode \(decodedTime) (of which near-duplicate index alone \(nearTime), \(nearBytes.count / size) bytes/article), load total \(readTime + decodedTime)")
            try FileManager.default.removeItem(atPath: path)
        }
    }
}
