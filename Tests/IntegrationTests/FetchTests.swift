import Foundation
import HTTPTestServer
import Testing

extension IntegrationSuite {
    /// gleanerd fetching feeds and pages from a server the test runs on 127.0.0.1.
    @Suite struct Fetch {
        static let lastModified = "Mon, 23 Nov 2026 08:00:00 GMT"

        /// A feed of three items: two with their full text, one with only a summary whose page
        /// is on the same server.
        static func feed(_ server: HTTPTestServer) -> String {
            var words = SyntheticArticles(seed: 31)
            let one = words.article(paragraphs: 3).text, two = words.article(paragraphs: 3).text
            func html(_ text: String) -> String {
                text.components(separatedBy: "\n\n").dropFirst().map { "<p>\($0)</p>" }.joined()
            }
            return """
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
                <title>Harbour News</title><link>\(server.url("/"))</link><ttl>1</ttl>
                <item><title>First full story</title><link>\(server.url("/one"))</link><guid>one</guid>
                <pubDate>Mon, 23 Nov 2026 07:00:00 GMT</pubDate><content:encoded><![CDATA[\(html(one))]]></content:encoded></item>
                <item><title>Second full story</title><link>\(server.url("/two"))</link><guid>two</guid>
                <content:encoded><![CDATA[\(html(two))]]></content:encoded></item>
                <item><title>Summary only</title><link>/story</link><guid>three</guid>
                <description>A short teaser of the story.</description></item>
                </channel></rss>
                """
        }

        static func page(_ body: String) -> String {
            """
            <!doctype html><html lang="en"><head><title>The whole story | Harbour News</title></head>
            <body><nav><a href="/">Home</a></nav><article><h1>The whole story</h1>
            <p>\(body)</p><p>The harbour authority said repairs to the quay would finish before the winter storms arrived.</p>
            </article></body></html>
            """
        }

        func configuration(_ server: HTTPTestServer, allowPrivate: Bool = true) -> String {
            """
            fetch: { allowPrivateNetworks: \(allowPrivate), timeout: 10s, connectTimeout: 5s, followArticleLinks: true }
            sources:
              - { name: harbour-feed, url: "\(server.url("/feed.xml"))", every: 1h }
              - { name: harbour-page, url: "\(server.url("/watched"))", kind: page, every: 1h }
            """
        }

        @Test func feedsAndPagesBecomeArticlesWithConditionalRefetchesAndPageVersions() throws {
            let server = try HTTPTestServer()
            defer { server.stop() }
            let feed = Array(Self.feed(server).utf8)
            server.route("/feed.xml") { request in
                .conditional(request, etag: "\"v1\"", lastModified: Self.lastModified, body: feed)
            }
            server.route("/story", .text(Self.page("The full story of the harbour reopening, told at length by the page itself."), contentType: "text/html; charset=utf-8"))
            let watched = WatchedPage(text: "The first text of the watched page about the ferry timetable changes.")
            server.route("/watched") { _ in .text(Self.page(watched.text), contentType: "text/html") }

            let daemon = try DaemonHarness(extra: configuration(server))
            try daemon.start()
            try waitUntil("both sources fetched") {
                try daemon.sources().values.allSatisfy { $0["lastFetch"] != nil && $0["articlesFound"] as? Int ?? 0 > 0 }
            }
            var articles = try daemon.export()
            // Two full items, the summary item's page, the watched page.
            #expect(articles.count == 4)
            let headlines = Set(articles.compactMap { $0["headline"] as? String })
            #expect(headlines.isSuperset(of: ["First full story", "Second full story", "The whole story"]))
            let story = try #require(articles.first { $0["url"] as? String == server.url("/story") })
            #expect((story["articleBody"] as? String)?.contains("told at length by the page itself") == true)
            #expect((story["articleBody"] as? String)?.contains("teaser") == false)
            let sources = try daemon.sources()
            #expect(sources["harbour-feed"]?["etag"] as? String == "\"v1\"")
            #expect(sources["harbour-feed"]?["httpStatus"] as? Int == 200)
            #expect(try daemon.status()["sources"].flatMap { ($0 as? [String: Any])?["total"] as? Int } == 2)

            // Fetch again now: the feed answers 304 to the stored validators, nothing changes,
            // and the summary item's page is not fetched a second time.
            let storyRequests = server.requests.filter { $0.path == "/story" }.count
            let feedRequests = server.requests.filter { $0.path == "/feed.xml" }.count
            #expect(try daemon.ctl("fetch", "harbour-feed").status == 0)
            try waitUntil("the refetch answered 304") {
                try daemon.sources()["harbour-feed"]?["httpStatus"] as? Int == 304
            }
            let refetch = try #require(server.requests.filter { $0.path == "/feed.xml" }.dropFirst(feedRequests).first)
            #expect(refetch.header("if-none-match") == "\"v1\"")
            #expect(server.requests.filter { $0.path == "/story" }.count == storyRequests)
            #expect(try daemon.export().count == 4)

            // The watched page changes: a new version of the same article.
            watched.text = "The second text of the watched page: the ferry timetable changed again on Friday."
            #expect(try daemon.ctl("fetch", "harbour-page").status == 0)
            try waitUntil("the changed page stored as version 2") {
                try daemon.export().contains { $0["url"] as? String == server.url("/watched") && $0["version"] as? Int == 2 }
            }
            articles = try daemon.export()
            #expect(articles.count == 4)

            // Unknown source names are refused.
            let unknown = try daemon.ctl("fetch", "no-such-source")
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no-such-source"))

            // Validators survive a restart: the first fetch after it is conditional.
            #expect(try daemon.stop() == 0)
            let before = server.requests.filter { $0.path == "/feed.xml" }.count
            try daemon.start()
            #expect(try daemon.ctl("fetch", "harbour-feed").status == 0)
            try waitUntil("the feed fetched after the restart") {
                server.requests.filter { $0.path == "/feed.xml" }.count > before
            }
            let afterRestart = try #require(server.requests.filter { $0.path == "/feed.xml" }.dropFirst(before).first)
            #expect(afterRestart.header("if-none-match") == "\"v1\"")
        }

        @Test func privateAddressesAreRefusedByDefaultAndReloadAddsSources() throws {
            let server = try HTTPTestServer()
            defer { server.stop() }
            server.route("/feed.xml", .text(Self.feed(server), contentType: "application/rss+xml"))
            let daemon = try DaemonHarness(extra: configuration(server, allowPrivate: false))
            try daemon.start()
            try waitUntil("the refused fetches recorded") {
                try daemon.sources().values.allSatisfy { ($0["consecutiveFailures"] as? Int ?? 0) > 0 }
            }
            let feed = try #require(try daemon.sources()["harbour-feed"])
            #expect((feed["lastError"] as? String)?.contains("127.0.0.1") == true)
            #expect(server.stats.requests == 0, "a refused address was connected to")
            let status = try daemon.status()
            #expect((status["sources"] as? [String: Any])?["failing"] as? Int == 2)
            let human = try daemon.ctl("sources")
            #expect(human.status == 0)
            #expect(human.stdout.contains("failing"))

            // A new configuration with a third source and private networks allowed, by reload.
            let yaml = try String(contentsOf: daemon.config, encoding: .utf8)
                .replacingOccurrences(of: "allowPrivateNetworks: false", with: "allowPrivateNetworks: true")
                + "\n  - { name: second-feed, url: \"\(server.url("/feed.xml"))\", every: 1h }\n"
            try yaml.write(to: daemon.config, atomically: true, encoding: .utf8)
            let reload = try daemon.ctl("reload")
            #expect(reload.status == 0, "\(reload.stderr)")
            #expect(try daemon.sources().count == 3)
            #expect(try daemon.ctl("fetch").status == 0)
            try waitUntil("the feeds fetched once private networks are allowed") {
                let sources = try daemon.sources()
                return sources["harbour-feed"]?["httpStatus"] as? Int == 200 && sources["second-feed"]?["httpStatus"] as? Int == 200
            }

            // A bad configuration is refused by reload, with its errors, and nothing changes.
            try "sources: [ { name: broken } ]\n".write(to: daemon.config, atomically: true, encoding: .utf8)
            let refused = try daemon.ctl("reload")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("url"))
            #expect(try daemon.sources().count == 3)
        }
    }
}

/// The text the watched page serves; the test changes it while the server runs.
final class WatchedPage: @unchecked Sendable {
    private let lock = NSLock()
    private var current: String

    init(text: String) { current = text }

    var text: String {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
