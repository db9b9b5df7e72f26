import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

/// Ordinary fetches against the local server: body, status and headers, the request headers
/// Gleaner sends, conditional GET, decoding, and how libcurl's errors are reported.
@Suite struct TransportBasicsTests {
    @Test func fetchesBodyStatusAndHeaders() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/feed", .text("<rss/>", contentType: "application/rss+xml", headers: [("X-Twice", "a"), ("X-Twice", "b")]))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }

        let response = try await transport.fetch(FetchRequest(url: server.url("/feed")))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
        #expect(response.contentType == "application/rss+xml")
        #expect(response.headers["x-twice"] == "a, b")
        #expect(response.finalURL == server.url("/feed"))
        #expect(response.requestedURL == server.url("/feed"))
        #expect(response.httpVersion == "1.1")
        #expect(response.wireBytes > 6)

        let missing = try await transport.fetch(FetchRequest(url: server.url("/nothing-here")))
        #expect(missing.status == 404)
    }

    @Test func sendsUserAgentAndEveryEncodingLibcurlHas() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/", .text("ok"))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        _ = try await transport.fetch(FetchRequest(url: server.url("/")))

        let request = try #require(server.requests.first)
        #expect(request.header("user-agent") == "GleanerTest/1.0")
        let offered = request.header("accept-encoding") ?? ""
        let names = Set(offered.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(names.isSuperset(of: ["gzip", "deflate"]), "Accept-Encoding: \(offered)")
        #expect(names.isSuperset(of: CurlRuntime.encodings), "Accept-Encoding: \(offered), libcurl has \(CurlRuntime.encodings)")
    }

    @Test func conditionalGetAnswers304WithEmptyBody() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let etag = "\"v1\""
        let date = "Sun, 22 Nov 2026 10:00:00 GMT"
        server.route("/feed") { .conditional($0, etag: etag, lastModified: date, body: Array("<rss>1</rss>".utf8)) }
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }

        let first = try await transport.fetch(FetchRequest(url: server.url("/feed")))
        #expect(first.status == 200)
        #expect(first.etag == etag)
        #expect(first.lastModified == date)

        let byTag = try await transport.fetch(FetchRequest(url: server.url("/feed"), etag: first.etag))
        #expect(byTag.status == 304)
        #expect(byTag.body.isEmpty)
        #expect(server.requests.last?.header("if-none-match") == etag)

        let byDate = try await transport.fetch(FetchRequest(url: server.url("/feed"), lastModified: first.lastModified))
        #expect(byDate.status == 304)
        #expect(server.requests.last?.header("if-modified-since") == date)

        let changed = try await transport.fetch(FetchRequest(url: server.url("/feed"), etag: "\"old\""))
        #expect(changed.status == 200)
        #expect(changed.body == Array("<rss>1</rss>".utf8))
    }

    @Test func validatorWithLineBreakIsNotSent() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/", .text("ok"))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        _ = try await transport.fetch(FetchRequest(url: server.url("/"), etag: "\"x\"\r\nX-Injected: 1"))
        let request = try #require(server.requests.first)
        #expect(request.header("x-injected") == nil)
        #expect(request.header("if-none-match") == nil)
    }

    @Test func decodesGzipAndDeflate() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let text = Array(String(repeating: "Gleaner reads the news. ", count: 200).utf8)
        server.route("/deflate", HTTPTestResponse(headers: [("Content-Encoding", "deflate")], body: .bytes(TransportTest.zlibStored(text))))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }

        let deflated = try await transport.fetch(FetchRequest(url: server.url("/deflate")))
        #expect(deflated.body == text)

        guard let gzipped = try TransportTest.gzip(text) else {
            Issue.record("gzip(1) is not installed; the gzip half of this test did not run")
            return
        }
        server.route("/gzip", HTTPTestResponse(headers: [("Content-Encoding", "gzip")], body: .bytes(gzipped)))
        let unzipped = try await transport.fetch(FetchRequest(url: server.url("/gzip")))
        #expect(unzipped.body == text)
        #expect(unzipped.wireBytes < text.count)
    }

    @Test func connectionRefusedKeepsCurlCodeAndText() async throws {
        let port = try {
            let server = try HTTPTestServer()
            defer { server.stop() }
            return server.port
        }()
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        let url = "http://127.0.0.1:\(port)/"
        let error = try #require(await TransportTest.failure(transport, url))
        #expect(error.kind == .transport)
        #expect(error.curlCode == 7)  // CURLE_COULDNT_CONNECT
        #expect(error.url == url)
        #expect(error.message.contains("curl error 7 (Couldn't connect to server)"), "\(error.message)")
        // The error buffer's own text says where and how.
        #expect(error.message.contains("127.0.0.1"), "\(error.message)")
        #expect(error.description.hasPrefix(url))
    }

    @Test func refusesOtherSchemesAndBadURLsBeforeConnecting() async throws {
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        let ftp = try #require(await TransportTest.failure(transport, "ftp://127.0.0.1/feed.xml"))
        #expect(ftp.kind == .refusedScheme)
        #expect(ftp.message.contains("ftp:"))
        let file = try #require(await TransportTest.failure(transport, "file:///etc/passwd"))
        #expect(file.kind == .refusedScheme)
        let garbage = try #require(await TransportTest.failure(transport, "not a url"))
        #expect(garbage.kind == .transport || garbage.kind == .refusedScheme)
        #expect(garbage.message.contains("URL") || garbage.message.contains("http"), "\(garbage.message)")
    }
}
