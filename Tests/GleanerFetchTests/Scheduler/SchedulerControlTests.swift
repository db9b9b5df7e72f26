import Foundation
import GleanerCore
import Testing

@testable import GleanerFetch

/// `fetchNow`, `reconfigure`, `counts`, and concurrency.
@Suite struct SchedulerControlTests {
    static let a = "https://example.test/a"
    static let b = "https://example.test/b"

    @Test func fetchNowFetchesTheNamedSourcesAtOnce() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.a, .ok(Fixture.page("A", "Alpha text.")))
        harness.transport.script(Self.b, .ok(Fixture.page("B", "Beta text.")))
        let scheduler = try harness.scheduler([.page("a", Self.a, every: 3_600), .page("b", Self.b, every: 3_600)])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            try await scheduler.fetchNow(["b"])
            try await eventually("b is fetched again") { harness.transport.requests(to: Self.b).count == 2 }
            try await harness.settled(scheduler)
            #expect(harness.transport.requests(to: Self.a).count == 1)

            try await scheduler.fetchNow([])
            try await eventually("both are fetched again") { harness.transport.requests.count == 5 }

            await #expect(throws: UnknownSourceError(names: ["nope"])) { try await scheduler.fetchNow(["a", "nope"]) }
        }
        #expect(UnknownSourceError(names: ["nope"]).description == "no source is named \"nope\"")
    }

    @Test func fetchNowWakesASchedulerSleepingOnTheRealClock() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.a, .ok(Fixture.page("A", "Alpha text.")))
        let ingestor = harness.ingestor
        let scheduler = SourceScheduler(
            sources: [.page("a", Self.a, every: 3_600)], followArticleLinks: true, transport: harness.transport,
            states: try harness.states(), readFeed: { _ in nil },
            ingestDocument: { try await ingestor.ingest($0) },
            ingestDrafts: { try await ingestor.ingest($0, from: $1) }, clock: { Date() },
            logger: SchedulerHarness.logger)
        try await harness.running(scheduler) {
            try await eventually("the first fetch is settled") {
                await scheduler.statuses().first?.lastFetch != nil
            }
            try await scheduler.fetchNow(["a"])
            try await eventually("the second fetch") { harness.transport.requests.count == 2 }
        }
        let counts = await scheduler.counts()
        #expect(counts.total == 1 && counts.ok == 1 && counts.failing == 0)
    }

    @Test func reconfigureAddsRemovesAndChangesSources() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let moved = "https://example.test/a2"
        harness.transport.script(Self.a, .ok(Fixture.page("A", "Alpha text."), ["etag": "\"a1\""]))
        harness.transport.script(moved, .ok(Fixture.page("A", "Alpha text moved."), ["etag": "\"a2\""]))
        harness.transport.script(Self.b, .ok(Fixture.page("B", "Beta text.")))
        harness.transport.script("https://example.test/c", .status(500))
        let start = harness.clock.now()
        let scheduler = try harness.scheduler([.page("a", Self.a), .page("c", "https://example.test/c")])
        try await harness.running(scheduler) {
            try await harness.settled(scheduler)
            #expect(await scheduler.counts().failing == 1)

            // a moves, b is added, c is removed.
            await scheduler.reconfigure(sources: [.page("b", Self.b), .page("a", moved)], followArticleLinks: true)
            try await eventually("b and the moved a are fetched") {
                harness.transport.requests(to: Self.b).count == 1 && harness.transport.requests(to: moved).count == 1
            }
            try await harness.settled(scheduler)
            #expect(harness.transport.requests(to: moved).first?.etag == nil)
            let statuses = await scheduler.statuses()
            #expect(statuses.map(\.name) == ["b", "a"])
            #expect(statuses.map(\.url) == [Self.b, moved])
            #expect(statuses.last?.etag == "\"a2\"")
            let counts = await scheduler.counts()
            #expect(counts.total == 2 && counts.ok == 2 && counts.failing == 0)
            #expect(counts.nextDue == start.addingTimeInterval(60))
            // The removed source's state file stays.
            #expect(try harness.states().load()["c"]?.consecutiveFailures == 1)

            // A longer interval reschedules from the last fetch.
            await scheduler.reconfigure(sources: [.page("b", Self.b, every: 600), .page("a", moved)], followArticleLinks: true)
            #expect(await scheduler.statuses().map(\.nextDue) == [start.addingTimeInterval(600), start.addingTimeInterval(60)])

            // c comes back with its saved state: still failing once, validators and all.
            await scheduler.reconfigure(
                sources: [.page("b", Self.b, every: 600), .page("a", moved), .page("c", "https://example.test/c")],
                followArticleLinks: true)
            #expect(await scheduler.statuses().last?.consecutiveFailures == 1)
        }
        #expect(harness.transport.requests(to: "https://example.test/c").count == 1)
    }

    @Test func sourcesDueTogetherAreFetchedConcurrently() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let gate = GatedTransport(inner: harness.transport, waitFor: 3)
        let urls = (1...3).map { "https://example.test/s\($0)" }
        for (index, url) in urls.enumerated() {
            harness.transport.script(url, .ok(Fixture.page("S\(index)", "Source \(index) text.")))
        }
        let ingestor = harness.ingestor
        let clock = harness.clock
        let scheduler = SourceScheduler(
            sources: urls.enumerated().map { .page("s\($0.offset)", $0.element) }, followArticleLinks: true,
            transport: gate, states: try harness.states(), readFeed: { _ in nil },
            ingestDocument: { try await ingestor.ingest($0) },
            ingestDrafts: { try await ingestor.ingest($0, from: $1) }, clock: { clock.now() },
            sleep: { try await clock.sleep(for: $0) }, logger: SchedulerHarness.logger)
        try await harness.running(scheduler) {
            // Each request is held until all three are under way: only concurrent fetches pass.
            try await harness.settled(scheduler)
        }
        #expect(gate.maximumInFlight == 3)
        #expect(await scheduler.statuses().allSatisfy { $0.httpStatus == 200 })
    }
}
