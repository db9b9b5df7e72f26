import Foundation
import Testing
@testable import GleanerCore

/// The index snapshot: the round trip, the restart from it, catching up with files changed
/// since, and every kind of bad snapshot leading to a rebuild with the same index.
@Suite struct IndexSnapshotTests {
    typealias Draft = StoreTestDraft

    @Test func encodingAndDecodingGivesTheSameStructuresBitForBit() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let store = try IndexSnapshotFixture.open(directory)
        #expect(store.index.counts.articles == 3)
        #expect(store.index.near.count > 0)
        let snapshot = StoreIndexSnapshot(generation: 42, storeCreated: store.storeCreated, index: store.index, stamps: store.stamps)
        let decoded = try StoreIndexSnapshot.decode(snapshot.encoded(), storeCreated: store.storeCreated)
        #expect(decoded.generation == 42)
        expectSameStructure(decoded.index, store.index)
        #expect(decoded.stamps.articles == store.stamps.articles)
        #expect(decoded.stamps.unreadable == store.stamps.unreadable)
    }

    /// The file is written as three parts; its payload checksum must be the one of the
    /// payload read back whole (zlib's, as docs/store.md tells to check it).
    @Test func thePartsWrittenOneAfterAnotherCarryTheWholePayloadsChecksum() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let store = try IndexSnapshotFixture.open(directory)
        let parts = StoreIndexSnapshot(generation: 7, storeCreated: store.storeCreated, index: store.index, stamps: store.stamps).encodedParts()
        #expect(parts.count == 3)
        #expect(parts[0].count == StoreIndexSnapshot.headerSize)
        let payload = parts[1] + parts[2]
        let payloadCRC = { (header: [UInt8]) in header[40..<44].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
        #expect(payloadCRC(parts[0]) == StoreIndexSnapshot.crc(payload))
        // The file the store wrote in parts, read back whole.
        let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: IndexSnapshotFixture.snapshotPath(directory))))
        #expect(onDisk.count > StoreIndexSnapshot.headerSize)
        #expect(payloadCRC(onDisk) == StoreIndexSnapshot.crc(Array(onDisk[StoreIndexSnapshot.headerSize...])))
        #expect(try StoreIndexSnapshot.decode(parts[0] + payload, storeCreated: store.storeCreated).generation == 7)
    }

    @Test func aRestartLoadsTheSnapshotWithoutReadingArticlesAndGivesTheSameAnswers() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        // The first open rebuilt the index (there was no snapshot) and saved it.
        let first = try IndexSnapshotFixture.open(directory)
        #expect(first.indexOrigin.isSnapshot == false)
        let saved = first.index
        let second = try IndexSnapshotFixture.open(directory)
        guard case .snapshot(_, let replayed) = second.indexOrigin else {
            Issue.record("expected the snapshot, got \(second.indexOrigin)"); return
        }
        #expect(replayed == 0)
        expectSameStructure(second.index, saved)
        #expect(try IndexView(second) == IndexSnapshotFixture.rebuiltView(directory))

        // The same answers as before the restart: a near copy, a replay, an exact copy.
        let ingestor = try StoreTestFixture.open(directory)
        #expect(ingestor.indexOrigin.isSnapshot)
        let near = try await ingestor.ingest(StoreTestFixture.document([Draft(body: StoreTestTexts.longStoryEdited + " Extra.")], name: "n.txt"))
        let replay = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Short item one.")], name: "b.txt"))
        let exact = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "SHORT  item ONE.")], name: "x.txt"))
        guard case .sighted(_, .near, _) = near.first, case .unchanged = replay.first, case .sighted(_, .exact, _) = exact.first else {
            Issue.record("\(near) \(replay) \(exact)"); return
        }
    }

    @Test func filesChangedAfterTheSnapshotAreReadAgainAndNothingElse() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        _ = try IndexSnapshotFixture.open(directory)  // rebuilds and saves
        // More commits, then a "crash": no snapshot is written for them.
        let ingestor = try StoreTestFixture.open(directory)
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(url: "https://example.org/new", body: "A new story after the snapshot.")], name: "h.txt"))
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "short item one!")], name: "i.txt"))
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(url: "https://example.org/z", body: "A different story about the weather, which was bad and then fine again later.")], name: "j.json"))

        let reopened = try IndexSnapshotFixture.open(directory)
        guard case .snapshot(_, let replayed) = reopened.indexOrigin else {
            Issue.record("expected the snapshot, got \(reopened.indexOrigin)"); return
        }
        #expect(replayed == 3)
        #expect(reopened.counts.articles == 5)
        #expect(try IndexView(reopened) == IndexSnapshotFixture.rebuiltView(directory))
        // That open did not stop to write a snapshot: the files count toward the next one, and
        // a start before it reads them again. A clean stop writes it; then nothing is read.
        #expect(reopened.commitsSinceSnapshot == 3)
        let again = try IndexSnapshotFixture.open(directory)
        guard case .snapshot(_, 3) = again.indexOrigin else { Issue.record("expected 3 files read again, got \(again.indexOrigin)"); return }
        try again.saveIndexSnapshot(onlyIfChanged: true)
        let clean = try IndexSnapshotFixture.open(directory)
        #expect(clean.indexOrigin == .snapshot(generation: again.generation, replayed: 0))
    }

    /// Shards changed in the second before a snapshot are stamped unsettled, and the next start
    /// lists and stats every file in them; a clean stop waits that second out instead.
    @Test func aSettlingSnapshotWaitsForShardsChangedJustBefore() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let store = try IndexSnapshotFixture.open(directory)
        let shard = try #require(store.stamps.shards.keys.sorted().first)
        // A file made and removed: the shard directory changes, as a commit changes it.
        func touch() throws {
            let path = directory.path + "/articles/\(shard)/touched"
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            try FileManager.default.removeItem(atPath: path)
        }
        try touch()
        try store.saveIndexSnapshot()
        #expect(store.stamps.shards[shard] == StoreFileStamps.unsettled)
        try touch()
        let started = ContinuousClock.now
        try store.saveIndexSnapshot(settling: true)
        #expect(!store.stamps.shards.isEmpty)
        #expect(!store.stamps.shards.values.contains(StoreFileStamps.unsettled))
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func aSnapshotIsWrittenAfterSnapshotEveryCommits() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try IndexSnapshotFixture.open(directory, snapshotEvery: 2)
        let ingestor = IndexSnapshotFixture.ingestor(store)
        let path = IndexSnapshotFixture.snapshotPath(directory)
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "One.")], name: "1.txt"))
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Two.")], name: "2.txt"))
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try IndexSnapshotFixture.open(directory)
        #expect(reopened.indexOrigin == .snapshot(generation: 2, replayed: 0))
        #expect(reopened.counts.articles == 2)
    }

    /// Past ten times `snapshotEvery` articles, a snapshot waits for a tenth of the articles
    /// in commits: with `snapshotEvery` 1, every commit up to 19 articles, then every second.
    @Test func aBigStoreWritesItsSnapshotAfterATenthOfItsArticlesInCommits() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let store = try IndexSnapshotFixture.open(directory, snapshotEvery: 1)
        let ingestor = IndexSnapshotFixture.ingestor(store)
        let path = IndexSnapshotFixture.snapshotPath(directory)
        func savedGeneration() throws -> UInt64 {
            let header = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)).prefix(24))
            return header[16..<24].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        for number in 1...22 {
            _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Story number \(number).")], name: "\(number).txt"))
            if number == 19 { #expect(try savedGeneration() == 19) }
        }
        #expect(try savedGeneration() == 21)
    }

    @Test func aShutdownWritesTheSnapshotOnlyWhenTheIndexChanged() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        _ = try IndexSnapshotFixture.open(directory)  // rebuilds and saves
        let store = try IndexSnapshotFixture.open(directory)
        #expect(store.indexOrigin == .snapshot(generation: store.generation, replayed: 0))
        try store.saveIndexSnapshot(onlyIfChanged: true)
        #expect(store.lastSnapshot == nil, "nothing changed, yet the snapshot was written again")
        let generation = store.generation
        let ingestor = IndexSnapshotFixture.ingestor(store)
        _ = try await ingestor.ingest(StoreTestFixture.document([Draft(body: "Something new.")], name: "new.txt"))
        try await ingestor.saveIndexSnapshot()
        let reopened = try IndexSnapshotFixture.open(directory)
        #expect(reopened.indexOrigin == .snapshot(generation: generation + 1, replayed: 0))
        #expect(reopened.counts.articles == 4)
    }

    /// Each way a snapshot can be bad, and the reason the rebuild must give.
    static let damages: [(String, String)] = [
        ("truncated", "truncated"), ("payload byte flipped", "payload checksum"), ("header byte flipped", "header checksum"),
        ("wrong format", "format 99"), ("not a snapshot", "GLNINDEX"), ("empty", "truncated"), ("missing", "no index snapshot"),
        ("other store", "another store"),
    ]

    @Test(arguments: IndexSnapshotTests.damages)
    func aBadSnapshotIsRebuiltFromTheFilesWithTheSameIndex(damage: String, reason: String) async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let reference = try IndexView(try IndexSnapshotFixture.open(directory))
        let path = IndexSnapshotFixture.snapshotPath(directory)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "payload byte flipped": bytes[bytes.count / 2] ^= 0x20
        case "header byte flipped": bytes[20] ^= 0x01
        case "wrong format": bytes[8] = 99
        case "not a snapshot": bytes[0] = UInt8(ascii: "X")
        case "empty": bytes = []
        case "other store": bytes[24] ^= 0x01
        default: break
        }
        if damage == "wrong format" || damage == "other store" {
            // A correct header checksum, so the changed field itself is what is refused.
            let crc = StoreIndexSnapshot.crc(Array(bytes[0..<44]))
            withUnsafeBytes(of: crc.littleEndian) { for (offset, byte) in $0.enumerated() { bytes[44 + offset] = byte } }
        }
        if damage == "missing" {
            try FileManager.default.removeItem(atPath: path)
        } else {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let reopened = try IndexSnapshotFixture.open(directory)
        guard case .rebuilt(let why) = reopened.indexOrigin else {
            Issue.record("\(damage): expected a rebuild, got \(reopened.indexOrigin)"); return
        }
        #expect(why.contains(reason), "\(damage): \(why)")
        #expect(try IndexView(reopened) == reference)
        // The rebuild saved a good snapshot again.
        #expect(try IndexSnapshotFixture.open(directory).indexOrigin.isSnapshot)
    }

    @Test func aGoneOrShrunkArticleFileMakesTheSnapshotStale() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let store = try IndexSnapshotFixture.open(directory)
        let versionedPosition = try #require(store.index.indexedVersions.firstIndex { $0 >= 2 })
        let versioned = store.index.summaries[versionedPosition]
        let single = try #require(store.index.summaries.first { $0.url == nil && $0.id != versioned.id })

        // A version taken away, as a restored backup would.
        var article = try store.read(id: versioned.id)
        article.versions.removeLast()
        article.version = 1
        let data = try ArticleJSON.encoder(pretty: true).encode(article)
        try DurableFile.write(Array(data), to: store.layout.file(of: versioned.id))
        let shrunk = try IndexSnapshotFixture.open(directory)
        guard case .rebuilt(let why) = shrunk.indexOrigin else { Issue.record("\(shrunk.indexOrigin)"); return }
        #expect(why.contains("lost or rewrote versions"), "\(why)")

        try FileManager.default.removeItem(atPath: store.layout.file(of: single.id))
        let gone = try IndexSnapshotFixture.open(directory)
        guard case .rebuilt(let reason) = gone.indexOrigin else { Issue.record("\(gone.indexOrigin)"); return }
        #expect(reason.contains("is gone"), "\(reason)")
        #expect(gone.counts.articles == 2)
    }

    @Test func aShardStampIsTrustedOnlyWhenTheDirectoryHasSettled() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let status = try #require(try SystemCall.status(directory.path))
        let changed = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #expect(StoreFileStamps.shardStamp(status, now: changed + 10_000_000) == StoreFileStamps.unsettled)
        #expect(StoreFileStamps.shardStamp(status, now: changed + 2_000_000_000) == StoreFileStamps.stamp(status))
        #expect(StoreFileStamps.stamp(status) != StoreFileStamps.unsettled)
    }

    @Test func fsckSaysWhetherTheSnapshotAgreesWithTheFiles() async throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        try await IndexSnapshotFixture.populate(directory)
        let missing = try StoreCheck.run(storeDirectory: directory.url)
        #expect(missing.index.contains("no index snapshot"), "\(missing.index)")
        let store = try IndexSnapshotFixture.open(directory)
        let sound = try StoreCheck.run(storeDirectory: directory.url)
        #expect(sound.isClean, "\(sound.problems)")
        #expect(sound.index.contains("agrees with the article files"), "\(sound.index)")

        // An edit in place (same inode, directory untouched) that gleanerd would not notice.
        let summary = try #require(store.index.summaries.first)
        let path = store.layout.file(of: summary.id)
        var article = try store.read(id: summary.id)
        article.headline = "Edited in place"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: try ArticleJSON.encoder(pretty: true).encode(article))
        try handle.close()
        let edited = try StoreCheck.run(storeDirectory: directory.url)
        // Its shard may still count as unsettled (made less than a second ago): then the
        // change is read again at start, which the index line says instead.
        if edited.problems.isEmpty {
            #expect(edited.index.contains("1 changed"), "\(edited.index)")
        } else {
            #expect(edited.problems.map(\.path) == [path])
            #expect(edited.problems.first?.message.contains("edited in place") == true)
        }
    }
}
