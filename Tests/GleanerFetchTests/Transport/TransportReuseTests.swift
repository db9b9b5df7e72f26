import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

/// The loop's fast paths: header lines parsed from bytes give what the `String` rules give, and a
/// pooled (reset) easy handle carries nothing of its previous transfer into the next one.
@Suite struct TransportReuseTests {
    private func parse(_ text: String) -> (name: String, value: String) {
        let bytes = Array(text.utf8)
        let colon = bytes.firstIndex(of: UInt8(ascii: ":"))!
        return bytes.withUnsafeBytes { raw in
            (
                HeaderBytes.name(UnsafeRawBufferPointer(rebasing: raw[..<colon])),
                HeaderBytes.value(UnsafeRawBufferPointer(rebasing: raw[(colon + 1)...]))
            )
        }
    }

    @Test func headerBytesMatchTheStringRules() {
        let lines = [
            "Content-Type: text/html; charset=utf-8\r\n", "ETAG:\t\"abc\"  \r\n", "X-Empty:\r\n", "  Spaced Name : v \n",
            "X-Ünicode: wert\r\n", "X-Edge: \u{2028}kept inside\u{2028}x\u{2028}\r\n", "X-Sep: a\u{85}\r\n", ": no name\r\n",
        ]
        for line in lines {
            let colon = line.firstIndex(of: ":")!
            let expectedName = String(line[..<colon]).trimmingWhitespace.lowercased()
            let expectedValue = String(line[line.index(after: colon)...]).trimmingWhitespace
            let parsed = parse(line)
            #expect(parsed.name == expectedName, "name of \(line.debugDescription)")
            #expect(parsed.value == expectedValue, "value of \(line.debugDescription)")
        }
    }

    @Test func pooledHandlesForgetThePreviousTransfer() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/plain", .text("plain body", contentType: "text/plain"))
        server.route("/big", .text(String(repeating: "x", count: 4096), contentType: "text/plain"))
        // One transfer at a time, so every fetch after the first reuses the same pooled handle.
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 1, perHost: 1))
        defer { transport.shutdown() }

        let conditional = try await transport.fetch(FetchRequest(url: server.url("/plain"), etag: "\"v1\""))
        #expect(conditional.status == 200)
        let plain = try await transport.fetch(FetchRequest(url: server.url("/plain")))
        #expect(plain.body == Array("plain body".utf8))
        // The previous request's validator must not have been sent again.
        let requests = server.requests.filter { $0.path == "/plain" }
        #expect(requests.count == 2)
        #expect(requests.first?.header("if-none-match") == "\"v1\"")
        #expect(requests.last?.header("if-none-match") == nil)

        // A smaller body limit set later applies to the reused handle, and after a refusal the
        // handle still works normally.
        transport.update(settings: TransportTest.settings(maxBodySize: 100, concurrency: 1, perHost: 1))
        let refused = await TransportTest.failure(transport, server.url("/big"))
        #expect(refused?.kind == .bodyTooLarge)
        let again = try await transport.fetch(FetchRequest(url: server.url("/plain")))
        #expect(again.status == 200)
        #expect(again.body == Array("plain body".utf8))
    }
}
