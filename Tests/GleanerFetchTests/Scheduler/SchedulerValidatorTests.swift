import Foundation
import GleanerCore
import Synchronization
import Testing

@testable import GleanerFetch

/// Conditional GET: validators stored, sent, kept across restarts, and saved only after the
/// articles they stand for are committed.
@Suite struct SchedulerValidatorTests {
    static let url = "https://example.test/page"
    static let validators = ["etag": "\"v1\"", "last-modified": "Mon, 23 Nov 2026 01:00:00 GMT"]

    @Test func storedValidatorsAreSentAndSurviveANewScheduler() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.url, .ok(Fixture.page("Harbour", "The harbour opens."), Self.validators))
        let first = try harness.scheduler([.page("p", Self.url)])
        try await harness.running(first) {
            try await harness.settled(first)
            harness.clock.advance(by: 60)
            try await eventually("the second fetch") { harness.transport.requests.count == 2 }
        }
        let requests = harness.transport.requests
        #expect(requests[0] == FetchRequest(url: Self.url))
        #expect(requests[1] == FetchRequest(url: Self.url, etag: "\"v1\"", lastModified: Self.validators["last-modified"]))

        // A new scheduler on the same store (a restart) sends them on its first fetch.
        harness.clock.advance(by: 60)
        let second = try harness.scheduler([.page("p", Self.url)])
        try await harness.running(second) {
            try await eventually("the first fetch after the restart") { harness.transport.requests.count == 3 }
        }
        #expect(harness.transport.requests[2].etag == "\"v1\"")
        #expect(harness.transport.requests[2].lastModified == Self.validators["last-modified"])
    }

    @Test func notModifiedIsASuccessThatIngestsNothingAndKeepsTheValidators() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(
            Self.url, .ok(Fixture.page("Harbour", "The harbour opens."), Self.validators), .status(304))
        let start = harness.clock.now()
        let scheduler = try harness.scheduler([.page("p", Self.url)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            #expect(await scheduler.statuses().first?.articlesFound == 1)
            harness.clock.advance(by: 60)
            try await eventually("the conditional fetch") { harness.transport.requests.count == 2 }
            #expect(try await harness.settled(scheduler) == start.addingTimeInterval(120))
        }
        let status = try #require(try harness.states().load()["p"])
        #expect(status.httpStatus == 304)
        #expect(status.consecutiveFailures == 0)
        #expect(status.etag == "\"v1\"")
        #expect(status.lastModified == Self.validators["last-modified"])
        #expect(status.articlesFound == 1)
        #expect(await harness.ingestor.counts().articles == 1)
    }

    @Test func validatorsAreSavedOnlyAfterTheArticlesAreCommitted() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.url, .ok(Fixture.page("Harbour", "The harbour opens."), Self.validators))
        let states = try harness.states()
        let ingestor = harness.ingestor
        // What the state file held while the pipeline was committing; and a first ingest fails.
        let seen = Mutex<[String?]>([])
        let scheduler = try harness.scheduler([.page("p", Self.url)]) { document in
            let etag = states.loadState(named: "p")?.status.etag
            let attempt = seen.withLock { seen in
                seen.append(etag)
                return seen.count
            }
            if attempt == 1 {
                throw StoreError(operation: "write article", path: "/store", reason: "disk full", errno: 28)
            }
            return try await ingestor.ingest(document)
        }
        try await harness.running(scheduler) {
            let due = try await harness.settled(scheduler)
            let failed = try #require(states.load()["p"])
            #expect(failed.etag == nil)
            #expect(failed.consecutiveFailures == 1)
            #expect(failed.lastError?.contains("disk full") == true)
            harness.clock.advance(by: due.timeIntervalSince(harness.clock.now()))
            try await eventually("the retry") { harness.transport.requests.count == 2 }
            try await harness.settled(scheduler)
        }
        #expect(seen.withLock { $0 } == [nil, nil])
        #expect(harness.transport.requests[1].etag == nil)
        let saved = try #require(states.load()["p"])
        #expect(saved.etag == "\"v1\"")
        #expect(saved.consecutiveFailures == 0)
        #expect(await harness.ingestor.counts().articles == 1)
    }

    @Test func aBackingOffSourceKeepsItsDueDateAcrossARestart() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.url, .status(500))
        let first = try harness.scheduler([.page("p", Self.url)])
        let due = try await harness.running(first) { try await harness.settled(first) }
        #expect(harness.transport.requests.count == 1)

        // Restarted before the retry is due: it sleeps until the same moment, fetching nothing.
        let second = try harness.scheduler([.page("p", Self.url)])
        try await harness.running(second) {
            #expect(try await harness.settled(second) == due)
            #expect(harness.transport.requests.count == 1)
            harness.clock.advance(by: due.timeIntervalSince(harness.clock.now()))
            try await eventually("the retry") { harness.transport.requests.count == 2 }
            try await harness.settled(second)
        }
        #expect(await second.statuses().first?.consecutiveFailures == 2)
    }
}
