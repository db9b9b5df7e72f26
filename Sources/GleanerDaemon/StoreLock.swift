import Foundation
import Glibc

/// An exclusive `flock` on `<store>/gleanerd.lock`, held for the daemon's life so two daemons
/// never write one store. The kernel drops it when the process dies, even by SIGKILL, so a
/// crash never leaves a stale lock behind.
public final class StoreLock {
    private let fd: Int32

    public init(storeDirectory: URL) throws(DaemonError) {
        let path = storeDirectory.appendingPathComponent("gleanerd.lock").path
        do {
            try FileManager.default.createDirectory(at: storeDirectory, withIntermediateDirectories: true)
        } catch {
            throw DaemonError("cannot create the store directory \(storeDirectory.path): \(error)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw DaemonError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let cause = errno
            close(fd)
            throw DaemonError(
                cause == EWOULDBLOCK
                    ? "another gleanerd is using the store \(storeDirectory.path) (\(path) is locked)"
                    : "cannot lock \(path): \(String(cString: strerror(cause)))")
        }
        self.fd = fd
    }

    deinit { close(fd) }
}

/// A failure that stops the daemon from starting or running, with the reason in words.
public struct DaemonError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
