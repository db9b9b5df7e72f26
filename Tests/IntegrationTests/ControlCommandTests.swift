import Foundation
import Testing

extension IntegrationSuite {
    /// gleanerctl against a real gleanerd: outputs and exit codes.
    @Suite struct ControlCommands {
        @Test func statusListShowExportAgree() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            var words = SyntheticArticles(seed: 3)
            let one = words.article(), two = words.article()
            try daemon.drop("one.txt", one.text)
            try daemon.drop("two.txt", two.text)
            try waitUntil("two files ingested") { daemon.names(in: ".done").count == 2 }

            let status = try daemon.status()
            for key in ["articles", "versions", "sightings", "inbox", "sources"] {
                #expect(status[key] != nil, "status --json lacks \(key)")
            }
            let inbox = try #require(status["inbox"] as? [String: Any])
            #expect(inbox["pending"] as? Int == 0)
            #expect(inbox["done"] as? Int == 2)
            #expect(inbox["failed"] as? Int == 0)
            let sources = try #require(status["sources"] as? [String: Any])
            #expect(sources["total"] as? Int == 0)
            #expect(sources["failing"] as? Int == 0)

            let human = try daemon.ctl("status")
            #expect(human.status == 0)
            #expect(human.stdout.contains("articles"))
            #expect(human.stdout.contains(daemon.store.lastPathComponent))

            let list = try #require(try daemon.ctlJSON("list") as? [[String: Any]])
            #expect(list.count == 2)
            let id = try #require(list.first?["id"] as? String)
            let limited = try #require(try daemon.ctlJSON("list", "--limit", "1") as? [[String: Any]])
            #expect(limited.count == 1)

            let shown = try #require(try daemon.ctlJSON("show", id) as? [String: Any])
            #expect(shown["id"] as? String == id)
            #expect(shown["format"] as? Int == 1)
            #expect((shown["versions"] as? [Any])?.count == 1)

            let missing = try daemon.ctl("show", "0000000000000000")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("0000000000000000"))

            let exported = try daemon.export()
            #expect(Set(exported.compactMap { $0["id"] as? String }) == Set(list.compactMap { $0["id"] as? String }))
        }

        @Test func exitCodesWithoutADaemonAndOnBadUsage() throws {
            let daemon = try DaemonHarness()
            let absent = try daemon.ctl("status")
            #expect(absent.status == 3)
            #expect(absent.stderr.contains("not running"))
            let usage = try run(Binaries.gleanerctl, ["list", "--limit", "many"])
            #expect(usage.status == 64)
            let unknown = try run(Binaries.gleanerctl, ["frobnicate"])
            #expect(unknown.status == 64)
        }

        @Test func checkConfigReportsFileLineAndKey() throws {
            let daemon = try DaemonHarness()
            let good = try run(Binaries.gleanerd, ["--check-config", "--config", daemon.config.path])
            #expect(good.status == 0)
            #expect(good.stdout.contains("configuration OK"))

            let bad = daemon.root.appendingPathComponent("bad.yaml")
            try """
                inbox: { path: inbox, setle: 100ms }
                store: { path: store }
                dedup: { nearDuplicate: 3 }
                """.write(to: bad, atomically: true, encoding: .utf8)
            let refused = try run(Binaries.gleanerd, ["--check-config", "--config", bad.path])
            #expect(refused.status == 78)
            let report = refused.stdout + refused.stderr
            #expect(report.contains("bad.yaml:1"))
            #expect(report.contains("setle"))
            #expect(report.contains("bad.yaml:3"))
            #expect(report.contains("nearDuplicate"))
        }

        @Test func sigtermStopsCleanlyAndASecondDaemonIsRefused() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            let second = try run(Binaries.gleanerd, ["--config", daemon.config.path])
            #expect(second.status != 0, "a second gleanerd took over a live socket")
            #expect(try daemon.ctl("status").status == 0)
            #expect(try daemon.stop() == 0)
            #expect(!FileManager.default.fileExists(atPath: daemon.socket.path))
        }
    }
}
