import Testing
@testable import GleanerCore

/// A near-duplicate index loaded from a snapshot keeps its entries where they lie and takes new
/// versions beside them: it must answer exactly as an index that was built in memory from the
/// same versions, through a second round trip that merges the two, and refuse damaged slots.
@Suite struct NearDuplicateIndexLoadedTests {
    /// 80 words: a passage shared by every fifth text (so fingerprints chain across many
    /// versions, loaded and added), then words drawn from a small vocabulary.
    static func words(_ number: Int) -> [Substring] {
        var shared = SplitMix(seed: UInt64(number % 5) &+ 1_000)
        var own = SplitMix(seed: UInt64(number) &+ 7)
        let passage = (0..<30).map { _ in Substring("p\(shared.next() % 400)") }
        return passage + (0..<50).map { _ in Substring("w\(own.next() % 300)") }
    }

    static func insert(_ numbers: Range<Int>, into index: inout NearDuplicateIndex) {
        for number in numbers {
            let shingles = Shingles(words: words(number))
            index.insert(
                .init(article: Int32(number), version: 1), fingerprints: Fingerprints(shingles), shingleCount: shingles.hashes.count)
        }
    }

    static func roundTrip(_ index: NearDuplicateIndex) throws -> NearDuplicateIndex {
        var writer = SnapshotWriter()
        writer.section(.nearDuplicates) { index.encode(into: &$0) }
        var reader = SnapshotReader(writer.body, from: 0, to: writer.body.count)
        return try reader.section(.nearDuplicates) { (reader) throws(SnapshotDamage) in
            try NearDuplicateIndex(from: &reader, articles: 1_000)
        }
    }

    static func expectSameAnswers(_ a: NearDuplicateIndex, _ b: NearDuplicateIndex, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.members == b.members, sourceLocation: sourceLocation)
        #expect(a.allHeads == b.allHeads, sourceLocation: sourceLocation)
        #expect(a.allChains == b.allChains, sourceLocation: sourceLocation)
        #expect(a.allEntryMembers == b.allEntryMembers, sourceLocation: sourceLocation)
        for number in 0..<420 {
            let shingles = Shingles(words: words(number))
            let found = a.candidates(for: shingles).map { "\($0.member.article)/\($0.sharedFingerprints)/\($0.shingleCount)" }
            let expected = b.candidates(for: shingles).map { "\($0.member.article)/\($0.sharedFingerprints)/\($0.shingleCount)" }
            #expect(found == expected, "text \(number)", sourceLocation: sourceLocation)
        }
    }

    @Test func aLoadedIndexTakesNewVersionsAndAnswersAsOneBuiltInMemory() throws {
        var reference = NearDuplicateIndex()
        Self.insert(0..<400, into: &reference)

        var first = NearDuplicateIndex()
        Self.insert(0..<150, into: &first)
        var loaded = try Self.roundTrip(first)
        #expect(loaded.loaded.count == first.entryCount)
        #expect(loaded.entryMembers.isEmpty)
        Self.insert(150..<300, into: &loaded)
        #expect(!loaded.entryMembers.isEmpty)

        // Loaded entries and added ones, merged into one table by the second round trip.
        var again = try Self.roundTrip(loaded)
        #expect(again.loaded.count == loaded.entryCount)
        Self.insert(300..<400, into: &again)
        Self.expectSameAnswers(again, reference)
        #expect(try Self.roundTrip(again).allHeads == reference.allHeads)
        // Text 0's candidates include versions from all three stages.
        let stages = Set(again.candidates(for: Shingles(words: Self.words(0))).map { Int($0.member.article) / 150 })
        #expect(stages == [0, 1, 2])
    }

    @Test func aHeadPointingPastTheEntriesIsRefused() throws {
        var index = NearDuplicateIndex()
        Self.insert(0..<20, into: &index)
        var writer = SnapshotWriter()
        writer.section(.nearDuplicates) { index.encode(into: &$0) }
        // The head values are the last array of the section: point every one past the end.
        let slots = index.allHeads.values.count
        var bytes = writer.body
        for offset in (bytes.count - slots * 4)..<bytes.count { bytes[offset] = offset % 4 == 3 ? 0x7F : 0xFF }
        var reader = SnapshotReader(bytes, from: 0, to: bytes.count)
        #expect(throws: SnapshotDamage.self) {
            try reader.section(.nearDuplicates) { (reader) throws(SnapshotDamage) in
                try NearDuplicateIndex(from: &reader, articles: 1_000)
            }
        }
    }
}
