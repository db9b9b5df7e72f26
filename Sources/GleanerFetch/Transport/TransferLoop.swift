import CCurl
import GleanerCore
import Logging
import Synchronization

/// The thread-safe front of the event loop: the queue through which tasks hand jobs, cancellations
/// and new settings to the loop thread, and the wake-up that tells it to look.
///
/// Owns the libcurl multi handle. Only the loop thread (`TransferRunner`) calls into it, except
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread; that is why this
/// class may be `@unchecked Sendable`. Everything else it shares sits behind `inbox`.
final class TransferLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let inbox: Mutex<Inbox>
    private let logger: Logger
    private let thread = Mutex<LoopThread?>(nil)

    /// What tasks have handed over since the loop last looked.
    struct Inbox {
        var jobs: [TransferJob] = []
        var cancelled: [TransferJob] = []
        var settings: TransportSettings
        var settingsChanged = true
        var stopping = false
    }

    init(settings: TransportSettings, logger: Logger) throws(CurlError) {
        try CurlRuntime.initialize()
        guard let multi = curl_multi_init() else {
            throw CurlError(code: CURLE_OUT_OF_MEMORY, operation: "curl_multi_init")
        }
        self.multi = multi
        self.inbox = Mutex(Inbox(settings: settings))
        self.logger = logger
        do {
            let started = try LoopThread { [self] in
                TransferRunner(multi: self.multi, loop: self, logger: self.logger).run()
            }
            thread.withLock { $0 = started }
        } catch {
            curl_multi_cleanup(multi)
            throw CurlError(
                code: CURLE_FAILED_INIT, operation: "pthread_create for the transfer loop (errno \(error.errno))")
        }
    }

    deinit {
        // The runner has returned by now (its thread held a reference to this object), so no
        // transfer is attached any more.
        curl_multi_cleanup(multi)
    }

    /// Queues a job; false when the loop is shutting down (the caller fails the job).
    func submit(_ job: TransferJob) -> Bool {
        // Only the job that finds the queue empty wakes the loop: the loop takes the whole queue
        // at once, so later jobs ride on that wake-up (libcurl keeps it pending until the next
        // poll). A thousand fetches started together cost one or a few wake-ups, not a thousand.
        let (accepted, first) = inbox.withLock { inbox -> (Bool, Bool) in
            guard !inbox.stopping else { return (false, false) }
            inbox.jobs.append(job)
            return (true, inbox.jobs.count == 1)
        }
        if first { wake() }
        return accepted
    }

    /// Asks the loop to drop a job's transfer (its task has already been answered).
    func cancel(_ job: TransferJob) {
        let first = inbox.withLock { inbox -> Bool in
            inbox.cancelled.append(job)
            return inbox.cancelled.count == 1
        }
        if first { wake() }
    }

    func update(settings: TransportSettings) {
        inbox.withLock {
            $0.settings = settings
            $0.settingsChanged = true
        }
        wake()
    }

    /// Stops the loop thread and waits for it; the loop fails whatever is queued or running.
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        wake()
        let running = thread.withLock { thread in
            defer { thread = nil }
            return thread
        }
        running?.join()
    }

    /// Called by the runner: everything handed over since the last call.
    func take() -> Inbox {
        inbox.withLock { inbox in
            let taken = inbox
            inbox.jobs.removeAll()
            inbox.cancelled.removeAll()
            inbox.settingsChanged = false
            return taken
        }
    }

    private func wake() {
        let code = curl_multi_wakeup(multi)
        if code != CURLM_OK {
            logger.error("curl_multi_wakeup failed", metadata: ["curlm": "\(code.rawValue)"])
        }
    }
}
