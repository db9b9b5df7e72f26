import Foundation
import Logging
import Synchronization

/// A failure that stops the inbox as a whole (not one input): the directory cannot be created
/// or watched. Names the path and the cause.
public struct InboxError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The inbox service (SPEC 4): watches a directory with inotify, waits until each new file has
/// settled, hands its bytes to `ingest` one file at a time, and then moves it to `.done/` (or
/// deletes it), or to `.failed/` with a reason when the input is at fault.
///
/// Owns the settings, which SIGHUP may replace, and the counts, both behind a mutex so
/// `counts()` and `updateSettings` are cheap from any thread. The per-file state lives in the
/// task running `run` (see `InboxRunLoop`); inotify is read on a thread of its own
/// (`InboxWatcher`).
public final class Inbox: Sendable {
    struct State {
        var settings: InboxSettings
        var counts = InboxCounts()
        var running = false
    }

    let state: Mutex<State>
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(
        settings: InboxSettings, logger: Logger, clock: @escaping @Sendable () -> Date = Date.init
    ) throws {
        guard settings.directory.isFileURL else {
            throw InboxError("inbox directory \(settings.directory) is not a file path")
        }
        guard settings.maxFileSize >= 0, settings.settle >= .zero, settings.retryDelay > .zero else {
            throw InboxError("inbox settings for \(settings.directory.path) are out of range")
        }
        state = Mutex(State(settings: settings))
        self.logger = logger
        self.clock = clock
    }

    /// Files seen and not yet done or failed (settling, waiting for a retry, being ingested),
    /// files in `.done/` (counted at start, then each file ingested since, also when deleted)
    /// and inputs in `.failed/`.
    public func counts() -> InboxCounts {
        state.withLock { $0.counts }
    }

    /// Takes new settings (SIGHUP): `settle`, `maxFileSize`, `afterIngest` and the retry delays
    /// apply to the next file. The directory cannot change while running; a new one is refused
    /// with a warning and takes effect at the next start.
    public func updateSettings(_ settings: InboxSettings) {
        let refusedDirectory: URL? = state.withLock { state in
            var accepted = settings
            var refused: URL?
            if state.running, settings.directory.standardizedFileURL != state.settings.directory.standardizedFileURL {
                refused = settings.directory
                accepted.directory = state.settings.directory
            }
            state.settings = accepted
            return refused
        }
        if let refusedDirectory {
            logger.warning(
                "inbox directory cannot change while running; restart to use the new one",
                metadata: ["requested": "\(refusedDirectory.path)"])
        }
    }

    var settings: InboxSettings {
        state.withLock { $0.settings }
    }

    /// Runs until the task is cancelled (then returns normally). See SPEC 4 and docs/inbox.md.
    /// `scanned` is called once, after the first full scan has queued what it found; `ingest`
    /// must return only once the input's articles are durable, and throw a `StageError` saying
    /// whether the input is at fault.
    public func run(
        scanned: @escaping @Sendable () -> Void,
        ingest: @escaping @Sendable (Document) async throws -> Void
    ) async throws {
        let settings = try state.withLock { (state: inout State) throws(InboxError) in
            guard !state.running else {
                throw InboxError("the inbox \(state.settings.directory.path) is already running")
            }
            state.running = true
            return state.settings
        }
        defer { state.withLock { $0.running = false } }

        let archive = InboxArchive(inbox: settings.directory.standardizedFileURL.path)
        do {
            try archive.prepare()
            let done = try archive.countDone()
            let failed = try archive.countFailed()
            state.withLock { $0.counts = InboxCounts(pending: 0, done: done, failed: failed) }
        } catch {
            throw InboxError("cannot prepare the inbox: \(error)")
        }

        let (events, sink) = AsyncStream<InboxRunLoop.Event>.makeStream()
        let watcher: InboxWatcher
        do {
            watcher = try InboxWatcher(directory: archive.inbox) { sink.yield(.watch($0)) }
        } catch {
            throw InboxError("cannot watch the inbox: \(error)")
        }
        watcher.start()
        defer {
            watcher.stop()
            sink.finish()
        }
        logger.info("inbox watching", metadata: ["directory": "\(archive.inbox)"])

        try await withThrowingDiscardingTaskGroup { group in
            var loop = InboxRunLoop(inbox: self, archive: archive, watcher: watcher, ingest: ingest)
            loop.rescan()
            scanned()
            loop.startTimers(in: &group, sink: sink)
            for await event in events {
                try await loop.handle(event)
                loop.startTimers(in: &group, sink: sink)
            }
            group.cancelAll()
        }
    }
}
