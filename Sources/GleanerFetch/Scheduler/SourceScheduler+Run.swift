import Foundation
import GleanerCore
import Logging

/// The loop: start every due source in a child task, sleep until the next due date or a wake,
/// take each finished fetch's report. No polling: between fetches the loop sleeps exactly until
/// something is due.
extension SourceScheduler {
    /// What woke the loop.
    enum LoopEvent: Sendable {
        case awake
        case fetched(FetchReport)
    }

    /// Fetches sources as they fall due until the task is cancelled; then waits for the fetches
    /// under way (the transport stops them) and saves what they committed.
    public func run() async {
        await withTaskGroup(of: LoopEvent.self) { group in
            var sleeping = false
            while !Task.isCancelled {
                startDueFetches(in: &group)
                if !sleeping {
                    sleeping = true
                    startSleeper(in: &group)
                }
                guard let event = await group.next() else { break }
                switch event {
                case .awake:
                    sleeping = false
                case .fetched(let report):
                    apply(report)
                }
            }
            group.cancelAll()
            while let event = await group.next() {
                if case .fetched(let report) = event { apply(report) }
            }
        }
    }

    private func startDueFetches(in group: inout TaskGroup<LoopEvent>) {
        let now = context.clock()
        for name in order {
            guard var entry = entries[name], entry.isDue(at: now) else { continue }
            entry.inFlight = true
            entries[name] = entry
            let fetch = SourceFetch(
                source: entry.configuration, generation: entry.generation, etag: entry.state.status.etag,
                lastModified: entry.state.status.lastModified, handledItems: Set(entry.state.handledItems),
                followArticleLinks: followArticleLinks, context: context)
            group.addTask { .fetched(await fetch.run()) }
        }
    }

    /// One child that returns at the earliest due date of the idle sources, or on a wake.
    private func startSleeper(in group: inout TaskGroup<LoopEvent>) {
        let now = context.clock()
        let deadline = entries.values.filter { !$0.inFlight }.compactMap(\.state.status.nextDue).min()
        sleepingUntil = deadline
        let delay = deadline.map { Duration.seconds(max(0, $0.timeIntervalSince(now))) }
        let signal = self.signal
        let sleep = self.sleep
        group.addTask {
            await withTaskGroup(of: Void.self) { race in
                race.addTask { await signal.wait() }
                if let delay { race.addTask { try? await sleep(delay) } }
                await race.next()
                race.cancelAll()
            }
            return .awake
        }
    }

    /// Turns a finished fetch into the source's new state and saves it. The fetch has committed
    /// its articles already, so saved validators never point past what the store holds.
    func apply(_ report: FetchReport) {
        guard var entry = entries[report.name] else {
            logger.info("fetch of a removed source finished", metadata: ["source": "\(report.name)"])
            return
        }
        entry.inFlight = false
        entry.state.status.articlesFound += report.found
        entry.state.remember(report.handledKeys)
        if report.generation == entry.generation && !report.cancelled {
            settle(&entry, with: report)
        }
        entries[report.name] = entry
        do {
            try states.save(entry.state)
        } catch {
            logger.error("cannot save source state", metadata: ["source": "\(report.name)", "error": "\(error)"])
        }
        if let due = entry.state.status.nextDue, due < (sleepingUntil ?? .distantFuture) {
            signal.wake()
        }
    }

    private func settle(_ entry: inout SourceEntry, with report: FetchReport) {
        let now = context.clock()
        var status = entry.state.status
        status.lastFetch = now
        status.httpStatus = report.httpStatus
        let every = entry.configuration.every
        let delay: Duration
        var metadata: Logger.Metadata = [
            "source": "\(report.name)", "found": "\(report.found)",
            "status": "\(report.httpStatus.map(String.init) ?? "-")",
        ]
        if let failure = report.failure {
            status.consecutiveFailures += 1
            status.lastError = failure
            delay = SchedulePolicy.delayAfterFailure(
                every: every, failures: status.consecutiveFailures, retryAfter: report.retryAfter, random: random())
            metadata["failures"] = "\(status.consecutiveFailures)"
            metadata["error"] = "\(failure)"
        } else {
            status.consecutiveFailures = 0
            status.lastError = Self.summary(ofItemFailures: report.itemFailures)
            if let validators = report.validators {
                status.etag = validators.etag
                status.lastModified = validators.lastModified
            }
            entry.cacheHint = report.cacheHint
            delay = SchedulePolicy.delayAfterSuccess(every: every, hint: report.cacheHint)
        }
        status.nextDue = now.adding(delay)
        metadata["nextDue"] = "\(status.nextDue.map(Timestamp.format) ?? "-")"
        entry.state.status = status
        if report.failure != nil {
            logger.warning("fetch failed", metadata: metadata)
        } else {
            logger.info("fetched", metadata: metadata)
        }
    }

    static func summary(ofItemFailures failures: [String]) -> String? {
        guard let first = failures.first else { return nil }
        return failures.count == 1 ? first : "\(first) (and \(failures.count - 1) more item pages)"
    }
}
