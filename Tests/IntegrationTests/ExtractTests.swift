import Foundation
import Testing

extension IntegrationSuite {
    /// `gleanerctl extract` needs no daemon and uses the daemon's parser.
    @Suite struct Extract {
        @Test func extractsAFileAndStandardInputWithoutADaemon() throws {
            let daemon = try DaemonHarness()
            let page = """
                <!doctype html><html lang="en"><head><title>Harbour reopens | Example News</title>
                <link rel="canonical" href="https://news.example.org/harbour?utm_source=x">
                <meta property="og:title" content="Harbour reopens after the storm">
                <meta name="author" content="Ada Reporter"></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
                <article><h1>Harbour reopens after the storm</h1>
                <p>The harbour reopened on Monday after a week of repairs to the storm-damaged quay, officials said.</p>
                <p>Ferries resumed their normal timetable and the first cargo ship docked in the afternoon.</p>
                </article><footer>Copyright Example News</footer></body></html>
                """
            let file = daemon.root.appendingPathComponent("page.html")
            try page.write(to: file, atomically: true, encoding: .utf8)
            for arguments in [["extract", file.path], ["extract", "-"]] {
                let result = try run(Binaries.gleanerctl, arguments, stdin: Data(page.utf8))
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
                let first = try #require((parsed as? [[String: Any]])?.first ?? parsed as? [String: Any])
                #expect(first["headline"] as? String == "Harbour reopens after the storm")
                #expect((first["author"] as? [String]) == ["Ada Reporter"])
                let body = try #require(first["articleBody"] as? String)
                #expect(body.contains("first cargo ship docked"))
                #expect(!body.contains("Copyright"))
                #expect(!body.contains("Home"))
            }
            let missing = try run(Binaries.gleanerctl, ["extract", daemon.root.appendingPathComponent("nope").path])
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("nope"))
        }
    }
}
