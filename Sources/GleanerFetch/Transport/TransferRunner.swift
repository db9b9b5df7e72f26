import CCurl
import GleanerCore
import Logging

/// The event loop itself, on its one dedicated thread: takes jobs from the `TransferLoop`,
/// admits them under the global and per-host limits, drives every transfer with
/// `curl_multi_perform`, sleeps in `curl_multi_poll` until a socket, a timer or a wake-up needs
/// it, and answers each job when libcurl reports it done.
///
/// Owns the waiting jobs and the running transfers; nothing here is touched by another thread.
final class TransferRunner {
    private let multi: UnsafeMutableRawPointer
    private let loop: TransferLoop
    private let logger: Logger
    private var settings: TransportSettings

    /// Jobs not started yet, in arrival order; `admit` starts them in that order, except that a
    /// job whose host is at its limit lets later jobs for other hosts pass.
    private var waiting: [TransferJob] = []
    private var running: [UnsafeMutableRawPointer: Transfer] = [:]
    private var runningPerHost: [String: Int] = [:]
    private let pool = EasyHandlePool()

    init(multi: UnsafeMutableRawPointer, loop: TransferLoop, logger: Logger) {
        self.multi = multi
        self.loop = loop
        self.logger = logger
        self.settings = TransportSettings()
    }

    func run() {
        logger.debug("transfer loop started", metadata: ["curl": "\(CurlRuntime.version)"])
        while true {
            let inbox = loop.take()
            if inbox.settingsChanged { apply(inbox.settings) }
            waiting.append(contentsOf: inbox.jobs)
            for job in inbox.cancelled { drop(job) }
            if inbox.stopping {
                stop()
                break
            }
            admit()
            var stillRunning: Int32 = 0
            let performed = curl_multi_perform(multi, &stillRunning)
            if performed != CURLM_OK {
                logger.error("curl_multi_perform failed", metadata: ["curlm": "\(performed.rawValue)"])
            }
            // A finished transfer frees a slot; start the next one before sleeping.
            if collect() > 0 { continue }
            // libcurl shortens the wait to its own next timeout; wake-ups come from new jobs.
            let polled = curl_multi_poll(multi, nil, 0, 1000, nil)
            if polled != CURLM_OK {
                logger.error("curl_multi_poll failed", metadata: ["curlm": "\(polled.rawValue)"])
            }
        }
        logger.debug("transfer loop stopped")
    }

    /// New settings: kept for the next transfers, and the multi handle's connection limits.
    /// A refused multi option is logged, not fatal: the admission queue enforces the limits anyway.
    private func apply(_ new: TransportSettings) {
        settings = new
        pool.limit = new.effectiveConcurrency
        let options: [(CURLMoption, Int, String)] = [
            (CURLMOPT_MAX_TOTAL_CONNECTIONS, new.effectiveConcurrency, "CURLMOPT_MAX_TOTAL_CONNECTIONS"),
            (CURLMOPT_MAX_HOST_CONNECTIONS, new.effectivePerHostConcurrency, "CURLMOPT_MAX_HOST_CONNECTIONS"),
            (CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX), "CURLMOPT_PIPELINING"),
            // Keep enough idle connections for every host in flight to be reused on its next fetch.
            (CURLMOPT_MAXCONNECTS, max(16, new.effectiveConcurrency * 2), "CURLMOPT_MAXCONNECTS"),
        ]
        for (option, value, name) in options {
            let code = gleaner_curl_multi_setopt_long(multi, option, value)
            if code != CURLM_OK {
                logger.warning(
                    "curl_multi_setopt refused",
                    metadata: ["option": "\(name)", "error": "\(String(cString: curl_multi_strerror(code)))"])
            }
        }
    }

    /// Starts waiting jobs while the global limit has room, skipping hosts at their limit.
    private func admit() {
        var index = 0
        while index < waiting.count, running.count < settings.effectiveConcurrency {
            let job = waiting[index]
            if job.isFinished {
                waiting.remove(at: index)
                continue
            }
            guard runningPerHost[job.host, default: 0] < settings.effectivePerHostConcurrency else {
                index += 1
                continue
            }
            waiting.remove(at: index)
            start(job)
        }
    }

    private func start(_ job: TransferJob) {
        let transfer: Transfer
        do {
            transfer = try Transfer(job: job, settings: settings, pool: pool)
        } catch {
            job.finish(.failure(error))
            return
        }
        let added = curl_multi_add_handle(multi, transfer.easy)
        guard added == CURLM_OK else {
            let text = String(cString: curl_multi_strerror(added))
            transfer.release()
            job.finish(.failure(FetchError(kind: .transport, url: job.request.url, message: "curl_multi_add_handle: \(text)")))
            return
        }
        running[transfer.easy] = transfer
        runningPerHost[job.host, default: 0] += 1
    }

    /// Answers every transfer libcurl reports done; returns how many there were.
    private func collect() -> Int {
        var finished = 0
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            guard let transfer = remove(easy) else { continue }
            let outcome = transfer.outcome(code)
            if case .failure(let error) = outcome {
                logger.debug(
                    "fetch failed",
                    metadata: ["url": "\(error.url)", "kind": "\(error.kind.rawValue)", "error": "\(error.message)"])
            }
            // Resume the waiting task first; resetting the handle for reuse can wait.
            transfer.job.finish(outcome)
            transfer.release()
            finished += 1
        }
        return finished
    }

    /// Detaches a transfer from the multi handle and the per-host count; the caller releases it.
    private func remove(_ easy: UnsafeMutableRawPointer) -> Transfer? {
        guard let transfer = running.removeValue(forKey: easy) else { return nil }
        _ = curl_multi_remove_handle(multi, easy)
        let host = transfer.job.host
        let count = runningPerHost[host, default: 1] - 1
        runningPerHost[host] = count > 0 ? count : nil
        return transfer
    }

    /// A cancelled job: its task has been answered already; stop its transfer if one runs.
    private func drop(_ job: TransferJob) {
        if let index = waiting.firstIndex(where: { $0 === job }) {
            waiting.remove(at: index)
            return
        }
        guard let entry = running.first(where: { $0.value.job === job }), let transfer = remove(entry.key) else { return }
        transfer.release()
    }

    /// Fails everything queued or running, so no task waits forever on a stopped transport.
    private func stop() {
        for (easy, _) in running {
            if let transfer = remove(easy) {
                transfer.release()
                transfer.job.finish(.failure(Self.shutDown(transfer.job)))
            }
        }
        for job in waiting { job.finish(.failure(Self.shutDown(job))) }
        waiting.removeAll()
        // Jobs handed over after this look find `stopping` set and are refused by `submit`.
        for job in loop.take().jobs { job.finish(.failure(Self.shutDown(job))) }
        pool.drain()
    }

    static func shutDown(_ job: TransferJob) -> FetchError {
        FetchError(kind: .transport, url: job.request.url, message: "the transport was shut down before the fetch finished")
    }
}
