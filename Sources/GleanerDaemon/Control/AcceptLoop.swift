import Foundation
import GleanerControl
import GleanerCore
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Accepts control connections on a thread of its own and feeds them into an `AsyncStream`:
/// waiting in `poll`/`accept` must not hold one of the few threads of the Swift concurrency pool.
/// The thread waits on the listening socket and on a wake-up pipe; `stop()` writes to the pipe,
/// the thread finishes the stream and exits, and `exited()` returns once it has.
final class AcceptLoop: Sendable {
    private let listener: ListeningSocket
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let logger: Logger
    private let exit = ExitLatch()

    init(listener: ListeningSocket, logger: Logger) throws(ControlSocketError) {
        var fds: [Int32] = [-1, -1]
        try SystemCall.retrying("pipe", path: listener.path) { pipe(&fds) }
        for fd in fds {
            // Close-on-exec and non-blocking: a wake-up never blocks `stop()`.
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        self.listener = listener
        self.wakeRead = fds[0]
        self.wakeWrite = fds[1]
        self.logger = logger
    }

    deinit {
        _ = close(wakeRead)
        _ = close(wakeWrite)
    }

    /// Starts the thread; each accepted connection is yielded to `connections`.
    func start(_ connections: AsyncStream<ControlSocket>.Continuation) {
        let thread = Thread { [self] in
            let failure = acceptUntilStopped(connections)
            connections.finish()
            exit.signal(failure)
        }
        thread.name = "gleanerd-control-accept"
        thread.start()
    }

    /// Asks the thread to stop; safe from any thread, any number of times.
    func stop() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: nothing lost if this write fails with EAGAIN.
        _ = write(wakeWrite, &byte, 1)
    }

    /// Returns once the thread has exited: the error that ended it, nil when `stop()` did.
    func exited() async -> ControlSocketError? {
        await exit.wait()
    }

    private func acceptUntilStopped(_ connections: AsyncStream<ControlSocket>.Continuation) -> ControlSocketError? {
        let path = listener.path
        while true {
            var entries = [
                pollfd(fd: listener.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
            ]
            do {
                try SystemCall.retrying("poll", path: path) { poll(&entries, 2, -1) }
            } catch {
                return error
            }
            if entries[1].revents != 0 { return nil }
            if entries[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                return ControlSocketError(operation: "poll (listening socket failed)", path: path, errno: EIO)
            }
            guard entries[0].revents & Int16(POLLIN) != 0 else { continue }
            let accepted = accept(listener.descriptor, nil, nil)
            if accepted >= 0 {
                // Glibc's module has no accept4: set close-on-exec right after. The daemon runs
                // no child processes, so nothing can inherit the descriptor in between.
                _ = fcntl(accepted, F_SETFD, FD_CLOEXEC)
                connections.yield(ControlSocket(adopting: accepted, path: path))
                continue
            }
            let code = errno
            switch code {
            case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO:
                continue  // the client went away before we took it, or a signal: nothing to do
            case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                // Out of descriptors or memory: wait a little (or for stop) instead of spinning.
                logger.warning(
                    "cannot accept a control connection", metadata: ["socket": "\(path)", "error": "\(String(cString: strerror(code)))"])
                var wake = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
                if poll(&wake, 1, 200) > 0 { return nil }
            default:
                return ControlSocketError(operation: "accept", path: path, errno: code)
            }
        }
    }
}

/// A one-shot signal from the accept thread to the task waiting for it, whichever comes first.
private final class ExitLatch: @unchecked Sendable {
    private let lock = NSLock()
    private var result: ControlSocketError??
    private var waiter: CheckedContinuation<ControlSocketError?, Never>?

    func signal(_ failure: ControlSocketError?) {
        let waiting = lock.withLock {
            result = .some(failure)
            defer { waiter = nil }
            return waiter
        }
        waiting?.resume(returning: failure)
    }

    func wait() async -> ControlSocketError? {
        await withCheckedContinuation { continuation in
            let done: ControlSocketError?? = lock.withLock {
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }
}
