import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

/// The safety rules of SPEC section 5, each against a local server that misbehaves on purpose:
/// timeouts, the decoded-body limit, redirects, schemes after redirects, private addresses.
@Suite struct TransportSafetyTests {
    @Test func slowDripIsCutOffByTheLowSpeedLimit() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/drip", HTTPTestResponse(body: .drip(Array(repeating: 65, count: 100), interval: .seconds(1))))
        var settings = TransportTest.settings(timeout: .seconds(30))
        settings.lowSpeedLimit = 100
        settings.lowSpeedTime = .seconds(2)
        let transport = try TransportTest.transport(settings)
        defer { transport.shutdown() }

        let started = ContinuousClock.now
        let error = try #require(await TransportTest.failure(transport, server.url("/drip")))
        let elapsed = ContinuousClock.now - started
        #expect(error.kind == .timeout)
        #expect(error.curlCode == 28)
        #expect(error.message.contains("too slow"), "\(error.message)")
        #expect(elapsed < .seconds(15), "cut off after \(elapsed), not by the 2 s low-speed window")
    }

    @Test func totalTimeoutStopsAServerThatNeverAnswers() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/hang", HTTPTestResponse(body: .bytes([1]), delay: .seconds(20)))
        let transport = try TransportTest.transport(TransportTest.settings(timeout: .seconds(1)))
        defer { transport.shutdown() }
        let started = ContinuousClock.now
        let error = try #require(await TransportTest.failure(transport, server.url("/hang")))
        #expect(error.kind == .timeout)
        #expect(error.message.contains("timed out"), "\(error.message)")
        #expect(ContinuousClock.now - started < .seconds(10), "the 1 s total timeout did not cut it short")
    }

    @Test func endlessChunkedBodyStopsAtTheLimit() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/endless", HTTPTestResponse(body: .chunked(chunk: Array(repeating: 120, count: 4096), count: nil)))
        let transport = try TransportTest.transport(TransportTest.settings(maxBodySize: 256 * 1024))
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, server.url("/endless")))
        #expect(error.kind == .bodyTooLarge)
        #expect(error.message.contains("262144 bytes"), "\(error.message)")
        #expect(error.curlCode == 23)  // CURLE_WRITE_ERROR: the write callback said stop
    }

    @Test func unannouncedBodyUntilCloseStopsAtTheLimit() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/stream", HTTPTestResponse(body: .untilClose(chunk: Array(repeating: 120, count: 8192), count: nil)))
        let transport = try TransportTest.transport(TransportTest.settings(maxBodySize: 100_000))
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, server.url("/stream")))
        #expect(error.kind == .bodyTooLarge)
    }

    /// A body longer than its Content-Length: libcurl reads only what was announced, so the
    /// excess never reaches memory; a body announced larger than the limit fails at once.
    @Test func bodyLongerThanAnnouncedIsCutAtTheAnnouncement() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/liar", HTTPTestResponse(body: .lyingLength(announced: 100, actual: Array(repeating: 120, count: 2 << 20))))
        server.route("/big", HTTPTestResponse(body: .bytes(Array(repeating: 120, count: 300_000))))
        let transport = try TransportTest.transport(TransportTest.settings(maxBodySize: 200_000))
        defer { transport.shutdown() }

        let response = try await transport.fetch(FetchRequest(url: server.url("/liar")))
        #expect(response.body.count == 100)
        let error = try #require(await TransportTest.failure(transport, server.url("/big")))
        #expect(error.kind == .bodyTooLarge)
        #expect(error.curlCode == 63)  // CURLE_FILESIZE_EXCEEDED, from the announced length
    }

    @Test func gzipBombStopsAtTheDecodedLimit() async throws {
        let zeros = [UInt8](repeating: 0, count: 10 << 20)
        guard let bomb = try TransportTest.gzip(zeros) else {
            Issue.record("gzip(1) is not installed; cannot build the gzip bomb")
            return
        }
        #expect(bomb.count < 20_000)
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/bomb", HTTPTestResponse(headers: [("Content-Encoding", "gzip")], body: .bytes(bomb)))
        let transport = try TransportTest.transport(TransportTest.settings(maxBodySize: 1 << 20))
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, server.url("/bomb")))
        #expect(error.kind == .bodyTooLarge)
        #expect(error.message.contains("counted decoded"))
    }

    @Test func redirectChainIsFollowedWithinTheLimit() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        for hop in 1...3 { server.route("/r\(hop)", .redirect(to: hop == 1 ? "/final" : "/r\(hop - 1)")) }
        server.route("/final", .text("arrived"))
        let transport = try TransportTest.transport(TransportTest.settings(maxRedirects: 3))
        defer { transport.shutdown() }
        let response = try await transport.fetch(FetchRequest(url: server.url("/r3")))
        #expect(response.status == 200)
        #expect(response.body == Array("arrived".utf8))
        #expect(response.finalURL == server.url("/final"))
        #expect(response.requestedURL == server.url("/r3"))
    }

    @Test func redirectLoopStopsAtMaxRedirects() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/loop", .redirect(to: "/loop"))
        let transport = try TransportTest.transport(TransportTest.settings(maxRedirects: 4))
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, server.url("/loop")))
        #expect(error.kind == .tooManyRedirects)
        #expect(error.curlCode == 47)
        #expect(server.stats.requests == 5)  // the first request and four redirects
    }

    @Test(arguments: ["ftp://127.0.0.1:21/feed.xml", "file:///etc/passwd", "gopher://127.0.0.1/"])
    func redirectToAnotherSchemeIsRefused(_ target: String) async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/away", .redirect(to: target))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, server.url("/away")))
        #expect(error.kind == .refusedScheme)
        #expect(error.message.contains("only http and https"), "\(error.message)")
        #expect(error.url == server.url("/away"))
    }

    /// With private networks refused nothing local can be reached, so the server must see no
    /// connection at all: the address is refused in the open-socket callback, before connect.
    @Test(arguments: ["http://127.0.0.1:PORT/", "http://localhost:PORT/", "http://[::1]:PORT/", "http://[::ffff:127.0.0.1]:PORT/", "http://0.0.0.0:PORT/"])
    func privateAddressesAreRefusedOnTheResolvedAddress(_ pattern: String) async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/", .text("secret"))
        let transport = try TransportTest.transport(TransportTest.settings(allowPrivateNetworks: false))
        defer { transport.shutdown() }
        let url = pattern.replacingOccurrences(of: "PORT", with: "\(server.port)")
        let error = try #require(await TransportTest.failure(transport, url))
        #expect(error.kind == .refusedAddress)
        #expect(error.message.contains("(fetch.allowPrivateNetworks is off)"), "\(error.message)")
        #expect(error.message.contains("loopback") || error.message.contains("unspecified"), "\(error.message)")
        #expect(server.stats.connections == 0)
    }

    @Test func refusalMessageNamesTheAddressAndTheRule() async throws {
        let transport = try TransportTest.transport(TransportTest.settings(allowPrivateNetworks: false))
        defer { transport.shutdown() }
        let error = try #require(await TransportTest.failure(transport, "http://127.0.0.1:9/feed"))
        #expect(error.message.hasPrefix("refused: 127.0.0.1 is a loopback address (fetch.allowPrivateNetworks is off)"), "\(error.message)")
        #expect(error.description.hasPrefix("http://127.0.0.1:9/feed: refused"))
    }
}
