import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The per-file state machine of one `Inbox.run`: which files are settling or waiting for a
/// retry, their timers, and the processing of a settled file. Lives in the task running
/// `Inbox.run` and is touched by nothing else; timers are child tasks that only post events
/// back to it, so it handles one event at a time and files are processed one at a time.
struct InboxRunLoop {
    enum Event: Sendable {
        case watch(InboxWatchEvent)
        /// A timer armed for `name` expired; `generation` tells a stale timer from the current one.
        case timer(name: String, generation: Int)
    }

    /// A file seen in the inbox and not yet done or failed.
    struct Tracked {
        /// The generation of its armed timer; nil when none is armed.
        var timer: Int?
        /// When an inotify event (or a change seen by `lstat`) last touched it.
        var lastChange: ContinuousClock.Instant
        var status: InboxFileStatus
        /// Consecutive failures that were not the input's fault, for the backoff.
        var failures = 0
        /// The armed timer is a retry after such a failure, not the settle timer.
        var retrying = false
    }

    let inbox: Inbox
    let archive: InboxArchive
    let watcher: InboxWatcher
    let ingest: @Sendable (Document) async throws -> Void
    let monotonic = ContinuousClock()
    var tracked: [String: Tracked] = [:]
    private var generation = 0
    private var timersToStart: [(name: String, generation: Int, delay: Duration)] = []

    init(
        inbox: Inbox, archive: InboxArchive, watcher: InboxWatcher,
        ingest: @escaping @Sendable (Document) async throws -> Void
    ) {
        self.inbox = inbox
        self.archive = archive
        self.watcher = watcher
        self.ingest = ingest
    }

    var logger: Logger { inbox.logger }

    /// Starts the timers armed since the last call, as child tasks of the run's task group.
    mutating func startTimers(
        in group: inout ThrowingDiscardingTaskGroup<any Error>,
        sink: AsyncStream<Event>.Continuation
    ) {
        for timer in timersToStart {
            group.addTask {
                do {
                    try await Task.sleep(for: timer.delay)
                } catch {
                    return  // cancelled: the run is over
                }
                sink.yield(.timer(name: timer.name, generation: timer.generation))
            }
        }
        timersToStart.removeAll()
    }

    mutating func handle(_ event: Event) async throws {
        switch event {
        case .watch(.changed(let name)):
            noteChange(name)
        case .watch(.overflow):
            logger.warning("inbox event queue overflowed; rescanning", metadata: ["directory": "\(archive.inbox)"])
            rescan()
        case .watch(.directoryGone(let watch)):
            guard watcher.isCurrent(watch) else { return }
            try recreateDirectory()
        case .watch(.undecodableName):
            logger.warning(
                "inbox entry name is not valid UTF-8; left alone",
                metadata: ["directory": "\(archive.inbox)"])
        case .watch(.failed(let error)):
            throw InboxError("cannot read inbox events: \(error)")
        case .timer(let name, let generation):
            guard var entry = tracked[name], entry.timer == generation else { return }
            entry.timer = nil
            tracked[name] = entry
            await settleExpired(name)
        }
        publishPending()
    }

    /// Looks at every entry of the inbox, as at start and after lost events.
    mutating func rescan() {
        do {
            let listing = try SystemCall.listDirectoryValidatingNames(archive.inbox)
            if listing.invalid > 0 {
                logger.warning(
                    "inbox entries with names that are not valid UTF-8 are left alone",
                    metadata: ["directory": "\(archive.inbox)", "count": "\(listing.invalid)"])
            }
            for name in listing.names.sorted() { noteChange(name) }
        } catch {
            logger.error("cannot list the inbox", metadata: ["error": "\(error)"])
        }
        publishPending()
    }

    /// Something happened to `name`: (re)start its settle period.
    mutating func noteChange(_ name: String) {
        guard !InboxNames.isSkipped(name) else { return }
        let status: InboxFileStatus
        do {
            status = InboxFileStatus(try SystemCall.lstat(archive.path(of: name)))
        } catch {
            // Gone already (moved on, deleted): nothing to do. Other errors surface at settle time.
            if error.errno == ENOENT {
                tracked[name] = nil
                return
            }
            logger.warning("cannot inspect inbox file", metadata: ["file": "\(name)", "error": "\(error)"])
            return
        }
        var entry = tracked[name] ?? Tracked(lastChange: monotonic.now, status: status)
        entry.lastChange = monotonic.now
        entry.status = status
        if entry.timer == nil || entry.retrying {
            entry.retrying = false
            arm(&entry, name, after: inbox.settings.settle)
        }
        tracked[name] = entry
    }

    mutating func arm(_ entry: inout Tracked, _ name: String, after delay: Duration) {
        generation += 1
        entry.timer = generation
        timersToStart.append((name, generation, delay))
    }

    /// The timer of `name` expired: settled (unchanged for `settle`) means it is processed now;
    /// changed means it settles again.
    private mutating func settleExpired(_ name: String) async {
        guard var entry = tracked[name] else { return }
        let settings = inbox.settings
        if !entry.retrying {
            let quiet = monotonic.now - entry.lastChange
            if quiet < settings.settle {
                arm(&entry, name, after: settings.settle - quiet)
                tracked[name] = entry
                return
            }
        }
        entry.retrying = false
        let status: InboxFileStatus
        do {
            status = InboxFileStatus(try SystemCall.lstat(archive.path(of: name)))
        } catch {
            tracked[name] = entry
            if error.errno == ENOENT {
                tracked[name] = nil
                logger.info("inbox file went away before it was read", metadata: ["file": "\(name)"])
            } else {
                retryLater(name, because: "\(error)")
            }
            return
        }
        guard status == entry.status else {
            entry.status = status
            entry.lastChange = monotonic.now
            arm(&entry, name, after: settings.settle)
            tracked[name] = entry
            return
        }
        tracked[name] = entry
        guard status.isRegularFile else {
            fail(name, InboxInputError(name: name, cause: .notRegularFile(kind: status.kindDescription)))
            return
        }
        guard status.size <= settings.maxFileSize else {
            fail(name, InboxInputError(name: name, cause: .tooLarge(size: status.size, limit: settings.maxFileSize)))
            return
        }
        await process(name, status: status, settings: settings)
    }

    /// The inbox directory was removed or moved away: recreate it, watch it again, rescan.
    private mutating func recreateDirectory() throws {
        logger.error("inbox directory was removed or moved; recreating it", metadata: ["directory": "\(archive.inbox)"])
        tracked.removeAll()
        do {
            try archive.prepare()
            try watcher.rewatch()
            let done = try archive.countDone()
            let failed = try archive.countFailed()
            inbox.state.withLock { $0.counts = InboxCounts(pending: 0, done: done, failed: failed) }
        } catch {
            throw InboxError("cannot recreate the inbox: \(error)")
        }
        rescan()
    }

    private func publishPending() {
        let pending = tracked.count
        inbox.state.withLock { $0.counts.pending = pending }
    }
}
