import CCurl
import GleanerCore
import Logging

/// The HTTP transport of the daemon: libcurl's multi interface driving every transfer from one
/// event loop on one dedicated thread, under global and per-host concurrency limits, with the
/// safety rules of `TransportSettings` (timeouts, decoded-body limit, redirects, http/https only,
/// no private networks unless allowed).
///
/// Callers on any task call `fetch`; the request goes through a locked queue to the loop thread,
/// and the task is resumed when the transfer completes. Cancelling the task answers it at once
/// and removes its transfer. Owns the `TransferLoop` (and through it the loop thread and the
/// multi handle) until `shutdown()`.
public final class CurlTransport: HTTPTransport {
    private let loop: TransferLoop
    private let logger: Logger

    public init(settings: TransportSettings, logger: Logger) throws(CurlError) {
        self.logger = logger
        self.loop = try TransferLoop(settings: settings, logger: logger)
    }

    deinit {
        loop.shutdown()
    }

    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let job = try TransferJob(request: request)
        let loop = self.loop
        let outcome = await withTaskCancellationHandler {
            await withUnsafeContinuation { (continuation: UnsafeContinuation<TransferJob.Outcome, Never>) in
                guard job.install(continuation) else { return }
                if !loop.submit(job) { job.finish(.failure(TransferRunner.shutDown(job))) }
            }
        } onCancel: {
            job.finish(.failure(FetchError(kind: .transport, url: request.url, message: "cancelled before the fetch finished")))
            loop.cancel(job)
        }
        return try outcome.get()
    }

    /// New limits for transfers started from now on; running transfers keep theirs. Concurrency
    /// limits apply at the next admission.
    public func update(settings: TransportSettings) {
        loop.update(settings: settings)
        logger.debug(
            "transport settings updated",
            metadata: ["concurrency": "\(settings.concurrency)", "perHostConcurrency": "\(settings.perHostConcurrency)"])
    }

    /// Stops the loop thread after failing every queued and running fetch. Later fetches fail
    /// at once. Safe to call more than once.
    public func shutdown() {
        loop.shutdown()
    }
}
