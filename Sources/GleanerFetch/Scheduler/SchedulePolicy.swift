import Foundation

/// When a source is fetched next (docs/scheduling.md). Pure functions of the source's interval,
/// its failure count, the server's hints and a random number for jitter, so tests pin them down.
enum SchedulePolicy {
    /// The longest a server's hint (max-age, `<ttl>`, Retry-After) may push a fetch out: a silly
    /// `max-age=31536000` must not stall a source for a year.
    static let maximumHint: Duration = .seconds(24 * 3600)
    /// The longest backoff after failures (unless the source's own interval is longer).
    static let backoffCap: Duration = .seconds(6 * 3600)

    /// After a success: the source's interval, or the server's hint when that is longer (capped
    /// at `maximumHint`).
    static func delayAfterSuccess(every: Duration, hint: Duration?) -> Duration {
        guard let hint else { return every }
        return max(every, min(hint, maximumHint))
    }

    /// After the `failures`-th failure in a row: `every × 2^(failures-1)`, capped at
    /// `max(backoffCap, every)`, with "equal jitter" (half fixed, half random) so sources that
    /// failed together spread out but none retries sooner than half its step. A `Retry-After`
    /// longer than that wins (capped at `maximumHint`). `random` is in 0..<1.
    static func delayAfterFailure(every: Duration, failures: Int, retryAfter: Duration?, random: Double) -> Duration {
        let cap = max(backoffCap, every).inSeconds
        let step = min(cap, every.inSeconds * pow(2, Double(min(max(failures, 1) - 1, 40))))
        let fraction = min(max(random, 0), 1)
        var delay = Duration.seconds(step * (0.5 + 0.5 * fraction))
        if let retryAfter { delay = max(delay, min(retryAfter, maximumHint)) }
        return delay
    }

    /// The longest delay this policy ever sets for a source: a stored due date further out than
    /// this (a clock set back, a state file from elsewhere) is pulled in to it.
    static func longestDelay(every: Duration) -> Duration {
        max(maximumHint, backoffCap, every)
    }
}

extension Duration {
    /// The duration in seconds, fractions included.
    var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension Date {
    func adding(_ duration: Duration) -> Date {
        addingTimeInterval(duration.inSeconds)
    }
}
