import Foundation
import GleanerCore
import Logging

/// The loop: start every due source in a child task, sleep until the next due date or a wake,
/// take each finished fetch's report and save the new state in another child (fsync stays off
/// the actor). No polling: between fetches the loop sleeps exactly until something is due.
extension SourceScheduler {
    /// What woke the loop.
    enum LoopEvent: Sendable {
        case awake
        case fetched(FetchReport)
        /// A source's state file was written (or could not be: the error).
        case saved(name: String, error: String?)
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
                    apply(report, in: &group)
                case .saved(let name, let error):
                    finishSaving(name, error: error)
                }
            }
            group.cancelAll()
            while let event = await group.next() {
                switch event {
                case .awake: continue
                case .fetched(let report): apply(report, in: &group)
                case .saved(let name, let error): finishSaving(name, error: error)
                }
            }
        }
    }

    private func startDueFetches(in group: inout TaskGroup<LoopEvent>) {
        let now = context.clock()
        for name in order {
            guard var entry = entries[name], entry.isDue(at: now), !saving.contains(name) else { continue }
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
        let deadline = entries.values.filter { !$0.inFlight && !saving.contains($0.configuration.name) }
            .compactMap(\.state.status.nextDue).min()
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

    /// Turns a finished fetch into the source's new state and starts saving it. The fetch has
    /// committed its articles already, so saved validators never point past what the store holds.
    /// Until the save is done the source is not fetched again, so two writes of one file never race.
    func apply(_ report: FetchReport, in group: inout TaskGroup<LoopEvent>) {
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
        saving.insert(report.name)
        let states = self.states
        let state = entry.state
        group.addTask {
            do {
                try states.save(state)
                return .saved(name: state.status.name, error: nil)
            } catch {
                return .saved(name: state.status.name, error: "\(error)")
            }
        }
    }

    /// The source may be fetched again; the sleeper is woken when it is due before the sleeper's
    /// own deadline (it was left out of that deadline while it was busy).
    private func finishSaving(_ name: String, error: String?) {
        saving.remove(name)
        if let error {
            // The state stays in memory and is saved with the next fetch; until then a restart
            // would use the previous file (older validators: a full fetch, replays).
            logger.error("cannot save source state", metadata: ["source": "\(name)", "error": "\(error)"])
        }
        if let due = entries[name]?.state.status.nextDue, due < (sleepingUntil ?? .distantFuture) {
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
