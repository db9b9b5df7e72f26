import Foundation
import Glibc
import Testing

extension IntegrationSuite {
    /// The index snapshot through the real daemon: a clean stop saves it, a restart loads it
    /// instead of reading the articles and gives the same answers; after a kill the restart
    /// reads again only what changed since the snapshot.
    @Suite struct IndexSnapshotRestart {
        /// The "store opened" log lines, in order.
        static func storeOpenedLines(_ daemon: DaemonHarness) -> [String] {
            daemon.logText().split(separator: "\n").map(String.init).filter { $0.contains("msg=\"store opened\"") }
        }

        @Test func aRestartLoadsTheSnapshotReadsNoArticleAndGivesTheSameAnswers() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            let first = try #require(try daemon.status()["index"] as? [String: Any])
            #expect(first["from"] as? String == "rebuilt", "\(first)")
            var words = SyntheticArticles(seed: 31)
            var texts: [String] = []
            for index in 0..<6 {
                texts.append(words.article(paragraphs: 4).text)
                try daemon.drop("s\(index).txt", texts[index])
            }
            try waitUntil("six files ingested") { daemon.names(in: ".done").count == 6 }
            let before = try daemon.ctl("export").stdout
            #expect(try daemon.stop() == 0)
            #expect(daemon.logText().contains("msg=\"index snapshot written\""))

            try daemon.start()
            let opened = try #require(Self.storeOpenedLines(daemon).last)
            #expect(opened.contains("index=snapshot"), "\(opened)")
            #expect(opened.contains("0 changed article files read again"), "\(opened)")
            #expect(try daemon.ctl("export").stdout == before)
            let restarted = try daemon.status()
            #expect(restarted["articles"] as? Int == 6)
            let index = try #require(restarted["index"] as? [String: Any])
            #expect(index["from"] as? String == "snapshot", "\(index)")
            #expect((index["detail"] as? String)?.contains("0 changed article files read again") == true, "\(index)")
            #expect(try daemon.ctl("status").stdout.contains("index"))

            // The restored index still finds a near copy and an exact copy.
            let edited = texts[2].replacingOccurrences(of: "\n\n", with: "\n\nUpdated: ")
            try daemon.drop("near.txt", edited)
            try daemon.drop("exact.txt", texts[4].uppercased())
            try waitUntil("both copies ingested") { daemon.names(in: ".done").count == 8 }
            let status = try daemon.status()
            #expect(status["articles"] as? Int == 6)
            #expect(status["sightings"] as? Int == 2)
            #expect(try daemon.stop() == 0)

            let fsck = try run(Binaries.gleanerctl, ["fsck", "--state-dir", daemon.store.path])
            #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
            #expect(fsck.stdout.contains("agrees with the article files"), "\(fsck.stdout)")
        }

        @Test func afterAKillOnlyTheFilesChangedSinceTheSnapshotAreReadAgain() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            var words = SyntheticArticles(seed: 32)
            for index in 0..<5 { try daemon.drop("k\(index).txt", words.article().text) }
            try waitUntil("five files ingested") { daemon.names(in: ".done").count == 5 }
            #expect(try daemon.stop() == 0)

            try daemon.start()
            for index in 5..<8 { try daemon.drop("k\(index).txt", words.article().text) }
            try waitUntil("three more ingested") { daemon.names(in: ".done").count == 8 }
            let before = try daemon.ctl("export").stdout
            try daemon.stop(SIGKILL)

            try daemon.start()
            let opened = try #require(Self.storeOpenedLines(daemon).last)
            #expect(opened.contains("index=snapshot"), "\(opened)")
            #expect(opened.contains("3 changed article files read again"), "\(opened)")
            #expect(try daemon.ctl("export").stdout == before)
            #expect(try daemon.status()["articles"] as? Int == 8)
        }

        @Test func aDamagedSnapshotIsRebuiltWithTheReasonInTheLog() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            var words = SyntheticArticles(seed: 33)
            for index in 0..<4 { try daemon.drop("d\(index).txt", words.article().text) }
            try waitUntil("four files ingested") { daemon.names(in: ".done").count == 4 }
            let before = try daemon.ctl("export").stdout
            #expect(try daemon.stop() == 0)
            let snapshot = daemon.store.appendingPathComponent("index/snapshot")
            var bytes = try Data(contentsOf: snapshot)
            bytes[bytes.count - 5] ^= 0xFF
            try bytes.write(to: snapshot)

            try daemon.start()
            let opened = try #require(Self.storeOpenedLines(daemon).last)
            #expect(opened.contains("index=rebuilt"), "\(opened)")
            #expect(opened.contains("payload checksum does not match"), "\(opened)")
            #expect(daemon.logText().contains("msg=\"rebuilding the index from the article files\""))
            #expect(try daemon.ctl("export").stdout == before)
        }
    }
}
