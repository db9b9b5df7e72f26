import Testing
@testable import GleanerCore

/// The near-duplicate index's fingerprint filter never turns away a fingerprint the index
/// holds, through the filter being made again larger as keys are added, before and after a
/// snapshot round trip.
@Suite struct FingerprintFilterTests {
    /// 400 words from a large vocabulary: up to 40 fingerprints, nearly all new.
    static func shingles(_ number: Int) -> Shingles {
        var random = SplitMix(seed: UInt64(number) &* 31 &+ 5)
        return Shingles(words: (0..<400).map { _ in Substring("w\(random.next() % 1_000_000)") })
    }

    static func expectEveryFingerprintPasses(_ index: NearDuplicateIndex, _ numbers: Range<Int>, sourceLocation: SourceLocation = #_sourceLocation) {
        var missed = 0
        for number in numbers {
            for value in Fingerprints(shingles(number)).values where !index.filter.mayContain(value) { missed += 1 }
        }
        #expect(missed == 0, sourceLocation: sourceLocation)
    }

    @Test func theFilterKeepsEveryFingerprintAsItGrows() throws {
        var index = NearDuplicateIndex()
        for number in 0..<600 {
            let shingles = Self.shingles(number)
            index.insert(.init(article: Int32(number), version: 1), fingerprints: Fingerprints(shingles), shingleCount: shingles.hashes.count)
        }
        // 600 texts of 40 fingerprints outgrow the smallest filter (2^16 bits, 16,384 keys).
        #expect(index.filter.count > 16_384)
        #expect(!index.filter.isFull)
        Self.expectEveryFingerprintPasses(index, 0..<600)

        var writer = SnapshotWriter()
        writer.section(.nearDuplicates) { index.encode(into: &$0) }
        var reader = SnapshotReader(writer.body, from: 0, to: writer.body.count)
        var loaded = try reader.section(.nearDuplicates) { (reader) throws(SnapshotDamage) in
            try NearDuplicateIndex(from: &reader, articles: 2_000)
        }
        Self.expectEveryFingerprintPasses(loaded, 0..<600)
        for number in 600..<1_200 {
            let shingles = Self.shingles(number)
            loaded.insert(.init(article: Int32(number), version: 1), fingerprints: Fingerprints(shingles), shingleCount: shingles.hashes.count)
        }
        Self.expectEveryFingerprintPasses(loaded, 0..<1_200)
        // And each text still finds its own version through the filter.
        for number in stride(from: 0, to: 1_200, by: 97) {
            #expect(loaded.candidates(for: Self.shingles(number)).first?.member.article == Int32(number))
        }
    }
}
