import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// What becomes of a settled file: it is read and ingested, then moved to `.done/` (or
/// deleted), moved to `.failed/` with its reason when the input is at fault, or kept and
/// retried later when the system is.
extension InboxRunLoop {
    /// Reads a settled regular file, ingests it, and disposes of it according to the outcome.
    mutating func process(_ name: String, status: InboxFileStatus, settings: InboxSettings) async {
        let outcome: InboxReader.Outcome
        do {
            outcome = try InboxReader.read(
                path: archive.path(of: name), name: name, expected: status,
                maxFileSize: settings.maxFileSize)
        } catch {
            fail(name, error)
            return
        }
        switch outcome {
        case .gone:
            tracked[name] = nil
            logger.info("inbox file went away before it was read", metadata: ["file": "\(name)"])
        case .busy:
            // Still open for writing: no timer. Its writer's close (IN_CLOSE_WRITE) or next write
            // is an event that starts the settle period again, so nothing is polled meanwhile.
            logger.debug(
                "inbox file is still open for writing; waiting for it to be closed",
                metadata: ["file": "\(name)"])
        case .changed:
            logger.debug("inbox file changed while it was checked; settling again", metadata: ["file": "\(name)"])
            noteChange(name)
        case .contents(let bytes, let readStatus):
            let document = Document(
                name: name, bytes: bytes, source: SourceRef(kind: .inbox, name: name),
                receivedAt: inbox.clock())
            do {
                try await ingest(document)
            } catch {
                if Task.isCancelled || error is CancellationError {
                    // Stopping: whatever the error says, the file stays and is ingested again
                    // at the next start.
                    return
                }
                if let error = error as? any StageError, error.blamesInput {
                    fail(name, error)
                } else {
                    // The store failed, or an error that does not say whose fault it is: keep
                    // the input (nothing is lost) and try again later.
                    retryLater(name, because: "\(error)")
                }
                return
            }
            finishIngested(name, readStatus: readStatus, settings: settings)
        }
    }

    /// The input's articles are durable: move the file to `.done/` or delete it, unless it
    /// changed since it was read (then the new content is settled and ingested too).
    private mutating func finishIngested(_ name: String, readStatus: InboxFileStatus, settings: InboxSettings) {
        do {
            let now = InboxFileStatus(try SystemCall.lstat(archive.path(of: name)))
            guard now.sameContent(as: readStatus) else {
                logger.info("inbox file changed after it was read; reading it again", metadata: ["file": "\(name)"])
                noteChange(name)
                return
            }
            switch settings.afterIngest {
            case .move:
                let target = try archive.moveToDone(name)
                logger.info("inbox file ingested", metadata: ["file": "\(name)", "moved_to": ".done/\(target)"])
            case .delete:
                try archive.delete(name)
                logger.info("inbox file ingested and deleted", metadata: ["file": "\(name)"])
            }
        } catch where error.errno == ENOENT {
            logger.info("inbox file ingested; it was already gone", metadata: ["file": "\(name)"])
        } catch {
            logger.error(
                "inbox file ingested but could not be moved; it will be ingested again (a no-op) and moved later",
                metadata: ["file": "\(name)", "error": "\(error)"])
            retryLater(name, because: "\(error)")
            return
        }
        tracked[name] = nil
        inbox.state.withLock { $0.counts.done += 1 }
    }

    /// The input is at fault: it goes to `.failed/` with its reason, and the run goes on.
    mutating func fail(_ name: String, _ error: any StageError) {
        let reason = InboxFailureReason(error: error.description, stage: error.stage, time: inbox.clock())
        do {
            let target = try archive.moveToFailed(name, reason: reason)
            logger.error(
                "inbox file failed",
                metadata: ["file": "\(name)", "stage": "\(error.stage)", "error": "\(error.description)",
                           "moved_to": ".failed/\(target)"])
        } catch where error.errno == ENOENT && !exists(name) {
            logger.info("inbox file went away before it could be failed", metadata: ["file": "\(name)"])
        } catch let moveError {
            logger.error(
                "inbox file failed and could not be moved to .failed; retrying later",
                metadata: ["file": "\(name)", "error": "\(error.description)", "cause": "\(moveError)"])
            retryLater(name, because: "\(moveError)")
            return
        }
        tracked[name] = nil
        inbox.state.withLock { $0.counts.failed += 1 }
    }

    /// Not the input's fault (the store or the file system failed): the file stays, and is
    /// tried again after a delay that doubles with each failure, up to `maxRetryDelay`.
    mutating func retryLater(_ name: String, because cause: String) {
        guard var entry = tracked[name] else { return }
        entry.failures += 1
        entry.retrying = true
        let delay = inbox.settings.retryDelay(attempt: entry.failures)
        arm(&entry, name, after: delay)
        tracked[name] = entry
        logger.warning(
            "inbox file not ingested through no fault of its own; retrying",
            metadata: ["file": "\(name)", "error": "\(cause)", "attempt": "\(entry.failures)", "retry_in": "\(delay)"])
    }

    private func exists(_ name: String) -> Bool {
        (try? SystemCall.lstat(archive.path(of: name))) != nil
    }
}
