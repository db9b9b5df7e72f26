import Foundation
import HTTPTestServer
import Testing

extension IntegrationSuite {
    /// A redirect from an allowed (public) address to 127.0.0.1 is refused when private networks
    /// are: the one case loopback alone cannot test, because the first hop must be public. The
    /// test makes a network namespace of its own where 1.2.3.4 is a local address, runs a server
    /// and the real gleanerd in it, and drives gleanerd from the host over its unix socket.
    @Suite struct PrivateRedirect {
        /// In none of the ranges AddressPolicy refuses, so it is classified public (this
        /// IntegrationTests target does not link GleanerFetch; the test's own first assertions
        /// would fail if it were refused: `/start` would never be requested). In the namespace
        /// it is the address of the namespace's own interface, so packets to it never leave.
        static let publicAddress = "1.2.3.4"

        static func configuration(source: String, allowPrivate: Bool) -> String {
            """
            fetch: { allowPrivateNetworks: \(allowPrivate), timeout: 10s, connectTimeout: 5s }
            sources:
              - { name: redirected, url: "\(source)", kind: page, every: 1h }
            """
        }

        @Test(
            .enabled(
                if: TestNetworkNamespace.isAvailable,
                "needs root and a working `ip netns`: the test makes a network namespace of its own"))
        func redirectFromAPublicAddressToLoopbackIsRefusedUnlessPrivateNetworksAreAllowed() throws {
            let namespace = try TestNetworkNamespace(address: Self.publicAddress)
            defer { namespace.remove() }
            let secretText = "The quay repairs were finished ahead of the storms, the harbour master confirmed on Friday."
            let server = try HTTPTestServer(listener: try NamespaceListener.make(in: namespace))
            defer { server.stop() }
            server.route("/start", .redirect(to: "http://127.0.0.1:\(server.port)/secret"))
            server.route("/secret", .text(IntegrationSuite.Fetch.page(secretText), contentType: "text/html; charset=utf-8"))
            let hits = { (path: String) in server.requests.filter { $0.path == path }.count }
            let source = "http://\(Self.publicAddress):\(server.port)/start"

            // Private networks refused: the first hop is fetched, the redirect's target never is.
            do {
                let daemon = try DaemonHarness(extra: Self.configuration(source: source, allowPrivate: false))
                try daemon.start(launcher: namespace.launcher)
                try waitUntil("the redirected fetch to be recorded as failed") {
                    try daemon.sources()["redirected"]?["consecutiveFailures"] as? Int ?? 0 >= 1
                }
                let entry = try #require(try daemon.sources()["redirected"])
                let lastError = entry["lastError"] as? String ?? ""
                #expect(lastError.contains("127.0.0.1"), "lastError: \(lastError)")
                #expect(lastError.contains("refused"), "lastError: \(lastError)")
                #expect(lastError.contains("loopback"), "lastError: \(lastError)")
                #expect(hits("/start") >= 1, "the public first hop was never requested")
                #expect(hits("/secret") == 0, "a connection to 127.0.0.1 was made after the redirect")
                #expect(try daemon.export().isEmpty)
                #expect(try daemon.stop() == 0)
            }

            // The control: with private networks allowed, the same redirect is followed.
            do {
                let daemon = try DaemonHarness(extra: Self.configuration(source: source, allowPrivate: true))
                try daemon.start(launcher: namespace.launcher)
                try waitUntil("the redirect followed and the page stored") { try daemon.export().count == 1 }
                #expect(hits("/secret") >= 1)
                let article = try #require(try daemon.export().first)
                #expect((article["articleBody"] as? String)?.contains(secretText) == true)
                let entry = try #require(try daemon.sources()["redirected"])
                #expect(entry["consecutiveFailures"] as? Int ?? 0 == 0)
                #expect(entry["httpStatus"] as? Int == 200)
                #expect(try daemon.stop() == 0)
            }
        }
    }
}
