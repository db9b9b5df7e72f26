import Foundation
import Testing

@testable import GleanerFetch

/// The pure parts of scheduling: header parsing and the delay rules.
@Suite struct SchedulePolicyTests {
    @Test func cacheControlAndRetryAfterAreRead() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(ServerHints(headers: ["cache-control": "public, max-age=\"300\""], now: now).maxAge == .seconds(300))
        #expect(ServerHints(headers: ["cache-control": "no-store"], now: now).maxAge == nil)
        #expect(ServerHints(headers: ["cache-control": "max-age=soon"], now: now).maxAge == nil)
        #expect(ServerHints(headers: ["retry-after": " 120 "], now: now).retryAfter == .seconds(120))
        #expect(ServerHints(headers: ["retry-after": "tomorrow"], now: now).retryAfter == nil)
        // All three HTTP-date forms; a date in the past means now.
        for form in ["Fri, 15 Jan 2027 08:10:00 GMT", "Friday, 15-Jan-27 08:10:00 GMT", "Fri Jan 15 08:10:00 2027"] {
            #expect(ServerHints(headers: ["retry-after": form], now: now).retryAfter == .seconds(600), "\(form)")
        }
        #expect(ServerHints(headers: ["retry-after": "Sun, 06 Nov 1994 08:49:37 GMT"], now: now).retryAfter == .zero)
    }

    @Test func successWaitsTheLongerOfIntervalAndHintCappedAtADay() {
        #expect(SchedulePolicy.delayAfterSuccess(every: .seconds(60), hint: nil) == .seconds(60))
        #expect(SchedulePolicy.delayAfterSuccess(every: .seconds(60), hint: .seconds(30)) == .seconds(60))
        #expect(SchedulePolicy.delayAfterSuccess(every: .seconds(60), hint: .seconds(900)) == .seconds(900))
        #expect(SchedulePolicy.delayAfterSuccess(every: .seconds(60), hint: .seconds(1 << 40)) == .seconds(86_400))
        // A source configured beyond a day keeps its interval.
        #expect(SchedulePolicy.delayAfterSuccess(every: .seconds(200_000), hint: .seconds(1 << 40)) == .seconds(200_000))
    }

    @Test func backoffDoublesWithEqualJitterUpToTheCap() {
        func delay(_ failures: Int, _ random: Double, retryAfter: Duration? = nil, every: Int = 60) -> Duration {
            SchedulePolicy.delayAfterFailure(every: .seconds(every), failures: failures, retryAfter: retryAfter, random: random)
        }
        #expect(delay(1, 0) == .seconds(30))
        #expect(delay(1, 1) == .seconds(60))
        #expect(delay(3, 0.5) == .seconds(180))
        #expect(delay(50, 1) == .seconds(21_600))
        #expect(delay(50, 0) == .seconds(10_800))
        #expect(delay(1, 0, retryAfter: .seconds(600)) == .seconds(600))
        #expect(delay(1, 0, retryAfter: .seconds(1 << 40)) == .seconds(86_400))
        // A source with a longer interval than the cap never retries sooner than half of it.
        #expect(delay(9, 1, every: 43_200) == .seconds(43_200))
    }
}
