import Foundation
import Testing

extension IntegrationSuite {
    /// `gleanerctl history`, `diff` and `list --changed-since` against a real gleanerd: a page
    /// dropped twice under the same canonical URL with a changed body is one article with two
    /// versions.
    @Suite struct HistoryAndDiff {
        /// A news page whose canonical URL makes every copy the same article.
        static func page(day: String, extra: String = "") -> String {
            """
            <!doctype html><html lang="en"><head><title>Harbour reopens | Example News</title>
            <link rel="canonical" href="https://news.example.org/harbour">
            <meta property="og:title" content="Harbour reopens after the storm"></head>
            <body><article><h1>Harbour reopens after the storm</h1>
            <p>The harbour reopened on \(day) after a week of repairs to the storm-damaged quay, officials said.</p>
            <p>Ferries resumed their normal timetable and the first cargo ship docked in the afternoon.</p>
            \(extra)</article></body></html>
            """
        }

        static let first = page(day: "Monday")
        static let second = page(day: "Tuesday", extra: "<p>Officials expect more ships tomorrow.</p>")

        @Test func historyDiffAndChangedSinceOfAnEditedPage() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            try daemon.drop("harbour-1.html", Self.first)
            try waitUntil("the first page ingested") { daemon.names(in: ".done").count == 1 }
            let listed = try #require(try daemon.ctlJSON("list") as? [[String: Any]])
            let id = try #require(listed.first?["id"] as? String)
            let firstChange = try #require(Self.lastChanged(listed.first))

            // TIME on the command line is given in whole seconds: let the clock pass the first
            // capture by a second, so that a whole second lies between the two versions.
            let afterFirst = firstChange.addingTimeInterval(1)
            try waitUntil("the clock to pass \(afterFirst)") { Date() >= afterFirst }
            #expect(try Self.ids(daemon, "list", "--changed-since", Self.text(afterFirst)) == [])
            #expect(try Self.ids(daemon, "list", "--changed-since", Self.text(firstChange)) == [id])

            try daemon.drop("harbour-2.html", Self.second)
            try waitUntil("the second page ingested") { daemon.names(in: ".done").count == 2 }
            #expect(try Self.ids(daemon, "list", "--changed-since", Self.text(afterFirst)) == [id])

            // history: two versions, the second replacing one word and adding five.
            let history = try #require(try daemon.ctlJSON("history", id) as? [String: Any])
            #expect(history["id"] as? String == id)
            #expect(history["sightings"] as? Int == 0)
            let versions = try #require(history["versions"] as? [[String: Any]])
            #expect(versions.compactMap { $0["version"] as? Int } == [1, 2])
            #expect(versions.last?["wordsAdded"] as? Int == 6)
            #expect(versions.last?["wordsRemoved"] as? Int == 1)
            #expect(((versions.last?["source"] as? [String: Any])?["name"]) as? String == "harbour-2.html")
            #expect(versions.first?["wordsRemoved"] as? Int == 0)
            let historyText = try daemon.ctl("history", id)
            #expect(historyText.status == 0)
            #expect(historyText.stdout.contains("VERSION  CAPTURED"))
            #expect(historyText.stdout.contains("inbox harbour-2.html     +6       -1  Harbour reopens after the storm"))

            // diff, piped: markers, no colour, paragraph breaks kept.
            let plain = try daemon.ctl("diff", id)
            #expect(plain.status == 0, "\(plain.stderr)")
            #expect(plain.stdout.contains("[-Monday-]{+Tuesday+}"))
            #expect(plain.stdout.contains("{+Officials expect more ships tomorrow."))
            #expect(plain.stdout.contains("words: +6 -1"))
            #expect(plain.stdout.contains("\n\nFerries resumed"))
            #expect(!plain.stdout.contains("\u{1B}"))
            #expect(try daemon.ctl("diff", id, "1").stdout == plain.stdout)
            #expect(try daemon.ctl("diff", id, "1", "2").stdout == plain.stdout)

            let json = try #require(try daemon.ctlJSON("diff", id) as? [String: Any])
            #expect((json["from"] as? [String: Any])?["version"] as? Int == 1)
            #expect((json["to"] as? [String: Any])?["version"] as? Int == 2)
            #expect(json["wordsAdded"] as? Int == 6)
            #expect(json["wordsRemoved"] as? Int == 1)
            let runs = try #require(json["runs"] as? [[String: Any]])
            #expect(runs.contains { $0["kind"] as? String == "removed" && $0["text"] as? String == "Monday" })
            #expect(runs.contains { $0["kind"] as? String == "inserted" && $0["text"] as? String == "Tuesday" })
            let reversed = try #require(try daemon.ctlJSON("diff", id, "2", "1") as? [String: Any])
            #expect(reversed["wordsAdded"] as? Int == 1)
            #expect(reversed["wordsRemoved"] as? Int == 6)

            // A copy of the current page is a sighting: it moves lastSeen, not lastChanged.
            let secondChange = try #require(Self.lastChanged((try daemon.ctlJSON("list") as? [[String: Any]])?.first))
            let afterSecond = secondChange.addingTimeInterval(1)
            try waitUntil("the clock to pass \(afterSecond)") { Date() >= afterSecond }
            try daemon.drop("harbour-copy.html", Self.second)
            try waitUntil("the copy ingested") { daemon.names(in: ".done").count == 3 }
            #expect(try Self.ids(daemon, "list", "--since", Self.text(afterSecond)) == [id])
            #expect(try Self.ids(daemon, "list", "--changed-since", Self.text(afterSecond)) == [])
            #expect((try daemon.ctlJSON("history", id) as? [String: Any])?["sightings"] as? Int == 1)
        }

        @Test func unknownArticlesAndVersionsFailWithExitCodeOne() throws {
            let daemon = try DaemonHarness()
            try daemon.start()
            try daemon.drop("harbour-1.html", Self.first)
            try waitUntil("the page ingested") { daemon.names(in: ".done").count == 1 }
            let id = try #require((try daemon.ctlJSON("list") as? [[String: Any]])?.first?["id"] as? String)

            for arguments in [["history", "0000000000000000"], ["diff", "0000000000000000"]] {
                let result = try run(Binaries.gleanerctl, arguments + ["--socket", daemon.socket.path])
                #expect(result.status == 1, "\(arguments)")
                #expect(result.stderr.contains("no article with id 0000000000000000"), "\(arguments): \(result.stderr)")
            }
            let missing = try daemon.ctl("diff", id, "9")
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("has no version 9"))
            let missingTo = try daemon.ctl("diff", id, "1", "2")
            #expect(missingTo.status == 1)
            #expect(missingTo.stderr.contains("has no version 2"))
            #expect(try daemon.ctl("diff", id, "1", "2", "3").status == 64)
            #expect(try daemon.ctl("diff", id, "0").status == 64)

            // One version: compared with nothing, every word inserted.
            let single = try #require(try daemon.ctlJSON("diff", id) as? [String: Any])
            #expect(single["from"] == nil)
            #expect(single["wordsRemoved"] as? Int == 0)
            #expect((single["wordsAdded"] as? Int ?? 0) > 20)
        }

        private static func ids(_ daemon: DaemonHarness, _ arguments: String...) throws -> [String] {
            let result = try run(Binaries.gleanerctl, arguments + ["--json", "--socket", daemon.socket.path])
            guard result.status == 0 else { throw CommandFailed(command: arguments.joined(separator: " "), result: result) }
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            return list.compactMap { $0["id"] as? String }
        }

        /// A summary's `lastChanged`, read as a date.
        private static func lastChanged(_ summary: [String: Any]?) -> Date? {
            guard let text = summary?["lastChanged"] as? String else { return nil }
            return try? Date(text, strategy: .iso8601)
        }

        private static func text(_ date: Date) -> String {
            date.formatted(.iso8601)
        }
    }
}
