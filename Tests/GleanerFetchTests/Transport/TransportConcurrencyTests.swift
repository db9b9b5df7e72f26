import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

/// Concurrency limits, connection reuse and volume, counted by the server.
@Suite struct TransportConcurrencyTests {
    /// Runs `count` fetches at once and returns the statuses (or fails the test on an error).
    private func fetchAll(_ transport: CurlTransport, _ urls: [String]) async throws -> [Int] {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for url in urls { group.addTask { try await transport.fetch(FetchRequest(url: url)).status } }
            var statuses: [Int] = []
            for try await status in group { statuses.append(status) }
            return statuses
        }
    }

    @Test func globalLimitCapsTransfersInFlight() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow", .text("ok", delay: .milliseconds(300)))
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 3, perHost: 10))
        defer { transport.shutdown() }
        let statuses = try await fetchAll(transport, Array(repeating: server.url("/slow"), count: 12))
        #expect(statuses == Array(repeating: 200, count: 12))
        // Never more than the limit; at least two at once shows it is a limit, not a queue of one.
        #expect((2...3).contains(server.stats.maxInFlight), "\(server.stats.maxInFlight) at once")
    }

    @Test func perHostLimitCapsEachHost() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow", .text("ok", delay: .milliseconds(300)))
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 10, perHost: 2))
        defer { transport.shutdown() }
        let byAddress = "http://127.0.0.1:\(server.port)/slow"
        let byName = "http://localhost:\(server.port)/slow"
        let urls = Array(repeating: byAddress, count: 6) + Array(repeating: byName, count: 6)
        let statuses = try await fetchAll(transport, urls)
        #expect(statuses.count == 12 && statuses.allSatisfy { $0 == 200 })
        let stats = server.stats
        #expect(stats.maxInFlightByHost["127.0.0.1:\(server.port)"] ?? 0 <= 2)
        #expect(stats.maxInFlightByHost["localhost:\(server.port)"] ?? 0 <= 2)
        // More than two at once in all: the per-host limit is not a global one.
        #expect((3...4).contains(stats.maxInFlight), "\(stats.maxInFlight) at once")
    }

    @Test func updatedSettingsApplyToNewTransfers() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow", .text("ok", delay: .milliseconds(250)))
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 1, perHost: 1))
        defer { transport.shutdown() }
        _ = try await fetchAll(transport, Array(repeating: server.url("/slow"), count: 3))
        #expect(server.stats.maxInFlight == 1)

        transport.update(settings: TransportTest.settings(concurrency: 4, perHost: 4))
        server.resetStats()
        _ = try await fetchAll(transport, Array(repeating: server.url("/slow"), count: 8))
        #expect((2...4).contains(server.stats.maxInFlight), "\(server.stats.maxInFlight) at once")
    }

    @Test func sequentialFetchesReuseConnections() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/feed", .text("<rss/>"))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        for _ in 0..<30 {
            let response = try await transport.fetch(FetchRequest(url: server.url("/feed")))
            #expect(response.status == 200)
        }
        let stats = server.stats
        #expect(stats.requests == 30)
        #expect(stats.connections <= 2, "\(stats.connections) connections for 30 requests")
    }

    @Test func fiveHundredConcurrentFetchesComplete() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.fallback { .text("<rss>\($0.path)</rss>") }
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 32, perHost: 32))
        defer { transport.shutdown() }
        let urls = (0..<500).map { server.url("/feed/\($0)") }
        let started = ContinuousClock.now
        // Each answer must belong to its own request: bodies name the path asked for.
        let mismatched = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<500 {
                group.addTask {
                    let response = try await transport.fetch(FetchRequest(url: urls[index]))
                    return response.status != 200 || response.body != Array("<rss>/feed/\(index)</rss>".utf8)
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(mismatched == 0)
        #expect(server.stats.requests == 500)
        #expect(server.stats.maxInFlight <= 32)
        #expect(server.stats.connections <= 64, "\(server.stats.connections) connections")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    /// No thread per transfer: with 64 transfers in flight the process has far fewer new threads
    /// than transfers (the test server's own connection threads are named and left out). The
    /// margin allows for threads that tests running in parallel start meanwhile.
    @Test func transfersShareOneLoopThread() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/hold", .text("ok", delay: .seconds(5)))
        server.route("/warm", .text("ok"))
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 64, perHost: 64))
        defer { transport.shutdown() }
        _ = try await transport.fetch(FetchRequest(url: server.url("/warm")))
        let clientThreads = { TransportTest.threadNames().filter { $0 != "test-http-conn" && $0 != "test-http-accep" }.count }
        let before = clientThreads()

        async let statuses = fetchAll(transport, Array(repeating: server.url("/hold"), count: 64))
        #expect(await TransportTest.eventually { server.stats.inFlight == 64 })
        let during = clientThreads()
        // Other suites running beside this one start threads too (up to 37 seen on a loaded
        // two-core machine); a thread per transfer would add at least 64.
        #expect(during - before < 64, "\(before) threads before, \(during) with 64 transfers in flight")
        #expect(try await statuses.count == 64)
    }
}
