import Foundation
import Glibc
import Testing

extension IntegrationSuite {
    /// kill -9 at any moment, then a restart: nothing lost, nothing doubled.
    @Suite struct CrashRecovery {
        static let fileCount = 400

        @Test func killedWhileIngestingLosesNothingAndDoublesNothing() throws {
            let daemon = try DaemonHarness(settle: "20ms")
            var words = SyntheticArticles(seed: 2024)
            for index in 0..<Self.fileCount {
                try daemon.drop(String(format: "article-%04d.txt", index), words.article().text)
            }
            var kills = 0
            var lastDone = 0
            // Kill the daemon three times while it works through the inbox.
            while kills < 3 {
                try daemon.start(waitForSocket: false)
                let target = lastDone + 25
                try waitUntil("ingestion to pass \(target) files", timeout: .seconds(60)) {
                    daemon.names(in: ".done").count >= target || daemon.names(in: ".done").count == Self.fileCount
                }
                try daemon.stop(SIGKILL)
                kills += 1
                lastDone = daemon.names(in: ".done").count
                if lastDone == Self.fileCount { break }
            }
            #expect(lastDone < Self.fileCount, "the daemon finished before any kill landed mid-way")

            try daemon.start()
            try waitUntil("every file ingested after the restart", timeout: .seconds(120)) {
                daemon.names(in: ".done").count == Self.fileCount
            }
            #expect(daemon.names(in: "").filter { !$0.hasPrefix(".") }.isEmpty)
            #expect(daemon.names(in: ".failed").isEmpty)
            let articles = try daemon.export()
            #expect(articles.count == Self.fileCount)
            #expect(Set(articles.compactMap { $0["id"] as? String }).count == Self.fileCount)
            let status = try daemon.status()
            #expect(status["articles"] as? Int == Self.fileCount)
            #expect(status["versions"] as? Int == Self.fileCount)
            #expect(status["sightings"] as? Int == 0, "a replay after the crash was counted as a sighting")
        }

        @Test func aRestartKeepsEverythingAndReingestsNothing() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            var words = SyntheticArticles(seed: 5)
            for index in 0..<5 { try daemon.drop("a\(index).txt", words.article().text) }
            try waitUntil("five files ingested") { daemon.names(in: ".done").count == 5 }
            let before = try daemon.ctl("export").stdout
            #expect(try daemon.stop() == 0)

            try daemon.start()
            #expect(try daemon.ctl("export").stdout == before)
            let status = try daemon.status()
            #expect(status["articles"] as? Int == 5)
            #expect((status["inbox"] as? [String: Any])?["done"] as? Int == 5)
            #expect(daemon.names(in: ".done").count == 5)
        }
    }
}

extension IntegrationSuite.CrashRecovery {
    @Test func fsckFindsTheStoreSoundAfterAKillAndARestartAndReportsDamage() throws {
        let daemon = try DaemonHarness(settle: "20ms")
        var words = SyntheticArticles(seed: 77)
        for index in 0..<60 { try daemon.drop("f\(index).txt", words.article().text) }
        try daemon.start(waitForSocket: false)
        try waitUntil("some files ingested", timeout: .seconds(60)) { daemon.names(in: ".done").count >= 10 }
        try daemon.stop(SIGKILL)
        // The restart finishes the inbox and clears what the kill interrupted.
        try daemon.start()
        try waitUntil("every file ingested", timeout: .seconds(60)) { daemon.names(in: ".done").count == 60 }
        #expect(try daemon.stop() == 0)

        let sound = try run(Binaries.gleanerctl, ["fsck", "--state-dir", daemon.store.path])
        #expect(sound.status == 0, "\(sound.stdout)\(sound.stderr)")
        #expect(sound.stdout.contains("no problems found"))

        let shards = try FileManager.default.contentsOfDirectory(atPath: daemon.store.appendingPathComponent("articles").path)
        let shard = daemon.store.appendingPathComponent("articles/\(try #require(shards.first))")
        let file = shard.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: shard.path).first))
        try Data("{\"format\": 1".utf8).write(to: file)
        let damaged = try run(Binaries.gleanerctl, ["fsck", "--state-dir", daemon.store.path, "--json"])
        #expect(damaged.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(damaged.stdout.utf8)) as? [String: Any])
        let problems = try #require(report["problems"] as? [[String: Any]])
        #expect(problems.count == 1)
        #expect(problems.first?["path"] as? String == file.path)
    }
}
