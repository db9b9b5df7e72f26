import Foundation
import GleanerCore
import Testing

@testable import GleanerFetch

/// When sources are fetched: their interval, the server's hints, backoff after failures.
@Suite struct SchedulerTimingTests {
    static let url = "https://example.test/page"

    @Test func eachSourceIsFetchedOnItsOwnInterval() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.url, .ok(Fixture.page("Harbour", "The harbour opens.")))
        harness.transport.script("https://example.test/slow", .ok(Fixture.page("Bridge", "The bridge closes.")))
        let start = harness.clock.now()
        let scheduler = try harness.scheduler([
            .page("fast", Self.url, every: 60), .page("slow", "https://example.test/slow", every: 300),
        ])
        try await harness.running(scheduler) {
            // Both are due at start and fetched at once.
            #expect(try await harness.settled(scheduler) == start.addingTimeInterval(60))
            #expect(harness.transport.requests.count == 2)

            harness.clock.advance(by: 59)
            #expect(harness.clock.deadlines == [start.addingTimeInterval(60)])
            #expect(harness.transport.requests.count == 2)

            harness.clock.advance(by: 1)
            try await eventually("the fast source is fetched again") {
                harness.transport.requests(to: Self.url).count == 2
            }
            #expect(try await harness.settled(scheduler) == start.addingTimeInterval(120))
            #expect(harness.transport.requests(to: "https://example.test/slow").count == 1)
            let statuses = await scheduler.statuses()
            #expect(statuses.map(\.name) == ["fast", "slow"])
            #expect(statuses.map(\.nextDue) == [start.addingTimeInterval(120), start.addingTimeInterval(300)])
        }
    }

    @Test func cacheControlMaxAgeDelaysTheNextFetchUpToADay() async throws {
        for (header, expected) in [
            ("public, max-age=600", 600.0), ("max-age=30", 60), ("max-age=999999999", 86_400),
            ("no-cache, max-age=600", 60),
        ] {
            let harness = try SchedulerHarness()
            defer { harness.remove() }
            harness.transport.script(Self.url, .ok(Fixture.page("Harbour", "The harbour opens."), ["cache-control": header]))
            let start = harness.clock.now()
            let scheduler = try harness.scheduler([.page("p", Self.url, every: 60)])
            try await harness.running(scheduler) {
                let due = try await harness.settled(scheduler)
                #expect(due == start.addingTimeInterval(expected), "\(header)")
            }
        }
    }

    @Test func rssTTLDelaysTheNextFetch() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let item = Fixture.item("1", link: "https://example.test/a/1", body: "The full text of item one.", full: true)
        harness.declareFeed("feed-ttl", Feed(title: "News", ttlMinutes: 30, items: [item]))
        harness.transport.script("https://example.test/feed", .ok("feed-ttl"))
        let start = harness.clock.now()
        let scheduler = try harness.scheduler([.feed("news", "https://example.test/feed", every: 60)])
        try await harness.running(scheduler) {
            let due = try await harness.settled(scheduler)
            #expect(due == start.addingTimeInterval(1_800))
        }
    }

    @Test func retryAfterSetsTheNextAttemptOfA503Or429() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        let start = harness.clock.now()
        // An HTTP-date an hour and a half after the clock's start, and then delta-seconds.
        let date = "Fri, 15 Jan 2027 09:30:00 GMT"
        #expect(HTTPDate.parse(date) == start.addingTimeInterval(5_400))
        harness.transport.script(
            Self.url, .status(503, ["retry-after": date]), .status(429, ["retry-after": "7200"]))
        let scheduler = try harness.scheduler([.page("p", Self.url, every: 60)])
        try await harness.running(scheduler) {
            #expect(try await harness.settled(scheduler) == start.addingTimeInterval(5_400))
            harness.clock.advance(by: 5_400)
            try await eventually("the second attempt") { harness.transport.requests.count == 2 }
            #expect(try await harness.settled(scheduler) == start.addingTimeInterval(5_400 + 7_200))
            let status = try #require(await scheduler.statuses().first)
            #expect(status.httpStatus == 429)
            #expect(status.consecutiveFailures == 2)
            #expect(status.lastError == "\(Self.url): HTTP 429")
        }
    }

    @Test func failuresBackOffExponentiallyWithJitterToTheCapAndASuccessResets() async throws {
        let harness = try SchedulerHarness()
        defer { harness.remove() }
        harness.transport.script(Self.url, .failure(.timeout, "timed out after 30 s"))
        // Jitter 0 gives half the step, 1 the whole step.
        harness.setJitter([0, 1, 0.5, 0, 1, 0.5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
        let scheduler = try harness.scheduler([.page("p", Self.url, every: 60)])
        var delays: [Double] = []
        try await harness.running(scheduler) {
            var now = harness.clock.now()
            for attempt in 1...12 {
                let due = try await harness.settled(scheduler)
                delays.append(due.timeIntervalSince(now))
                let status = try #require(await scheduler.statuses().first)
                #expect(status.consecutiveFailures == attempt)
                #expect(status.lastError == "\(Self.url): timed out after 30 s")
                if attempt == 12 {
                    harness.transport.script(Self.url, .ok(Fixture.page("Back", "The source is back.")))
                }
                harness.clock.advance(by: due.timeIntervalSince(now))
                now = harness.clock.now()
                try await eventually("attempt \(attempt + 1)") { harness.transport.requests.count == attempt + 1 }
            }
            // Recovered: back on its interval, the failure forgotten.
            let due = try await harness.settled(scheduler)
            #expect(due.timeIntervalSince(now) == 60)
            let status = try #require(await scheduler.statuses().first)
            #expect(status.consecutiveFailures == 0)
            #expect(status.lastError == nil)
            #expect(status.httpStatus == 200)
        }
        // Steps 60, 120, 240, … capped at 6 h; each delay between half the step and the step.
        #expect(delays.map { $0.rounded() } == [30, 120, 180, 240, 960, 1_440, 3_840, 7_680, 15_360, 21_600, 21_600, 21_600])
    }
}
