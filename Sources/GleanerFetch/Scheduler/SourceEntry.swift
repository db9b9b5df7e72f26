import Foundation
import GleanerCore

/// The scheduler's record of one configured source: its configuration, its state (as saved),
/// whether a fetch of it is running, and the server's last cache hint. Lives in the
/// `SourceScheduler` actor.
struct SourceEntry: Sendable {
    var configuration: SourceConfiguration
    var state: SourceState
    /// Bumped when the address or kind changes, so a fetch of the old address cannot store
    /// its validators under the new one.
    var generation = 0
    var inFlight = false
    /// The longest of max-age and `<ttl>` of the last success; kept to reschedule when the
    /// interval changes.
    var cacheHint: Duration?

    /// A source as configured, with what is stored about it. A stored state of another address
    /// or kind keeps only its count and item keys; a stored due date later than this policy
    /// could have set is pulled in.
    init(_ configuration: SourceConfiguration, stored: SourceState?, now: Date) {
        self.configuration = configuration
        let fresh = Self.freshStatus(configuration, articlesFound: stored?.status.articlesFound ?? 0, now: now)
        guard let stored else {
            state = SourceState(status: fresh)
            return
        }
        guard stored.status.url == fresh.url, stored.status.kind == fresh.kind else {
            state = SourceState(status: fresh, handledItems: stored.handledItems)
            return
        }
        state = stored
        let latest = now.adding(SchedulePolicy.longestDelay(every: configuration.every))
        state.status.nextDue = min(stored.status.nextDue ?? now, latest)
    }

    /// A source never fetched at this address: due now, no validators.
    static func freshStatus(_ configuration: SourceConfiguration, articlesFound: Int, now: Date) -> SourceStatus {
        SourceStatus(
            name: configuration.name, url: configuration.url.absoluteString,
            kind: configuration.kind == .feed ? .feed : .page, nextDue: now, articlesFound: articlesFound)
    }

    /// Due at `now` and not being fetched already.
    func isDue(at now: Date) -> Bool {
        !inFlight && (state.status.nextDue ?? now) <= now
    }

    /// Takes a new configuration of the same name: a new address or kind starts over (due now,
    /// validators dropped); a new interval reschedules from the last fetch unless the source is
    /// backing off.
    mutating func reconfigure(_ new: SourceConfiguration, now: Date) {
        let old = configuration
        configuration = new
        if old.url != new.url || old.kind != new.kind {
            generation += 1
            cacheHint = nil
            state.status = Self.freshStatus(new, articlesFound: state.status.articlesFound, now: now)
        } else if old.every != new.every, !state.status.isFailing, let last = state.status.lastFetch {
            state.status.nextDue = last.adding(SchedulePolicy.delayAfterSuccess(every: new.every, hint: cacheHint))
        }
    }
}
