import CCurl
import Foundation
import GleanerCore
import Testing

@testable import GleanerFetch

/// HTTP/2 where the server offers it: against nghttpd over TLS, the transport negotiates h2 by
/// ALPN, multiplexes concurrent fetches to one host on one connection, trusts a private CA only
/// when `caFile` names it, and otherwise refuses the certificate.
@Suite(.enabled(if: HTTP2TestServer.missing == nil, "needs nghttpd (Debian nghttp2-server, which `make test` installs) and openssl(1)"))
struct TransportHTTP2Tests {
    static let feed = "<rss version=\"2.0\"><channel><title>Over HTTP/2</title></channel></rss>"

    @Test func negotiatesHTTP2AndMultiplexesOneHost() async throws {
        let server = try HTTP2TestServer(documents: ["feed.xml": Self.feed])
        defer { server.stop() }
        var settings = TransportTest.settings(concurrency: 8, perHost: 8)
        settings.caFile = server.certificate.path
        let transport = try TransportTest.transport(settings)
        defer { transport.shutdown() }

        let first = try await transport.fetch(FetchRequest(url: server.url("feed.xml")))
        #expect(first.status == 200)
        #expect(first.httpVersion == "2")
        #expect(first.body == Array(Self.feed.utf8))

        let url = server.url("feed.xml")
        let responses = try await withThrowingTaskGroup(of: FetchResponse.self) { group in
            for _ in 0..<8 {
                group.addTask { try await transport.fetch(FetchRequest(url: url)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.count == 8)
        #expect(responses.allSatisfy { $0.status == 200 && $0.httpVersion == "2" && $0.body == Array(Self.feed.utf8) })
        // Nine fetches, one connection: streams multiplexed (PIPEWAIT) and the connection reused.
        #expect(server.sessions() == 1)
    }

    @Test func refusesACertificateNoTrustedAuthoritySigned() async throws {
        let server = try HTTP2TestServer(documents: ["feed.xml": Self.feed])
        defer { server.stop() }
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }

        let error = try #require(await TransportTest.failure(transport, server.url("feed.xml")))
        #expect(error.kind == .transport)
        #expect(error.curlCode == Int32(CURLE_PEER_FAILED_VERIFICATION.rawValue))
        #expect(error.message.lowercased().contains("certificate"), "\(error.message)")
        #expect(error.url == server.url("feed.xml"))
    }
}
