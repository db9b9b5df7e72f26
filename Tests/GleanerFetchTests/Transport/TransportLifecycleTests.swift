import Foundation
import GleanerCore
import HTTPTestServer
import Testing

@testable import GleanerFetch

/// Cancellation and shutdown: an awaiting task is answered at once and its transfer removed.
@Suite struct TransportLifecycleTests {
    @Test func cancellingTheTaskRemovesTheTransfer() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        // A body that never ends and never hits the limit soon: only cancellation can stop it.
        server.route("/endless", HTTPTestResponse(body: .chunked(chunk: Array(repeating: 120, count: 1024), count: nil)))
        let transport = try TransportTest.transport(TransportTest.settings(timeout: .seconds(60), maxBodySize: Int.max / 2))
        defer { transport.shutdown() }

        let task = Task { try await transport.fetch(FetchRequest(url: server.url("/endless"))) }
        #expect(await TransportTest.eventually { server.stats.bytesSent > 100_000 })
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(10), "took as long as the server would have held it")
        guard case .failure(let error as FetchError) = result else {
            Issue.record("expected a FetchError, got \(result)")
            return
        }
        #expect(error.message.contains("cancelled"))
        // The server's next write fails once the loop has dropped the connection.
        #expect(await TransportTest.eventually { server.stats.abortedResponses == 1 && server.stats.inFlight == 0 })

        // The transport carries on serving other fetches.
        server.route("/ok", .text("ok"))
        #expect(try await transport.fetch(FetchRequest(url: server.url("/ok"))).status == 200)
    }

    @Test func cancelledBeforeStartingNeverReachesTheServer() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/", .text("ok"))
        let transport = try TransportTest.transport()
        defer { transport.shutdown() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.fetch(FetchRequest(url: server.url("/")))
        }
        let result = await task.result
        #expect(throws: FetchError.self) { try result.get() }
        // A fetch after it is the first and only request the server sees: the cancelled one,
        // had it started, would have been sent before.
        #expect(try await transport.fetch(FetchRequest(url: server.url("/"))).status == 200)
        #expect(server.stats.requests == 1)
    }

    /// Cancellations racing with admission, transfer and completion: every task is answered
    /// once, the uncancelled ones succeed, and nothing is left running.
    @Test func manyCancellationsAtRandomMomentsLeaveNothingBehind() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/slow", .text("ok", delay: .milliseconds(30)))
        let transport = try TransportTest.transport(TransportTest.settings(concurrency: 8, perHost: 8))
        defer { transport.shutdown() }

        let tasks = (0..<200).map { _ in Task { try await transport.fetch(FetchRequest(url: server.url("/slow"))) } }
        for (index, task) in tasks.enumerated() where index % 2 == 1 {
            if index % 10 == 1 { try await Task.sleep(for: .milliseconds(Int.random(in: 0...20))) }
            task.cancel()
        }
        var succeeded = 0
        for (index, task) in tasks.enumerated() {
            switch await task.result {
            case .success(let response):
                #expect(response.status == 200)
                succeeded += 1
            case .failure(let error):
                #expect(index % 2 == 1, "uncancelled fetch \(index) failed: \(error)")
            }
        }
        #expect(succeeded >= 100)
        #expect(await TransportTest.eventually { server.stats.inFlight == 0 })
        #expect(try await transport.fetch(FetchRequest(url: server.url("/slow"))).status == 200)
    }

    @Test func shutdownFailsFetchesInFlightAndLaterOnes() async throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        server.route("/hold", .text("ok", delay: .seconds(20)))
        let transport = try TransportTest.transport(TransportTest.settings(timeout: .seconds(60)))

        let task = Task { try await transport.fetch(FetchRequest(url: server.url("/hold"))) }
        #expect(await TransportTest.eventually { server.stats.inFlight == 1 })
        let started = ContinuousClock.now
        transport.shutdown()
        let result = await task.result
        #expect(ContinuousClock.now - started < .seconds(10), "took as long as the server would have held it")
        guard case .failure(let error as FetchError) = result else {
            Issue.record("expected a FetchError, got \(result)")
            return
        }
        #expect(error.message.contains("shut down"))

        let later = try #require(await TransportTest.failure(transport, server.url("/hold")))
        #expect(later.message.contains("shut down"))
        transport.shutdown()  // a second call is harmless
    }
}
