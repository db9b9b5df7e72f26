import Foundation
import GleanerControl
import GleanerCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bound, listening control socket and the file at its path. Created the way OpenSMTPD's
/// `control_create_socket` does: a live daemon at the path is refused, a stale socket replaced.
/// Owns the descriptor and the file: `close()` (or release) closes the one and removes the
/// other, if the file at the path is still this socket and not a successor's. The accept loop
/// must have stopped using the descriptor before `close()`.
final class ListeningSocket: Sendable {
    let descriptor: Int32
    let path: String
    /// The socket file's identity, to remove only our own file.
    private let device: UInt64
    private let inode: UInt64
    private let closed = LockedFlag()

    static let backlog: Int32 = 16

    /// Creates the socket file with `mode` (e.g. 0o660) and listens on it; the descriptor is
    /// non-blocking so that the accept loop never blocks in `accept`.
    init(path: String, mode: mode_t) throws(ControlServerError) {
        let address: UnixSocketAddress
        do {
            address = try UnixSocketAddress(path: path)
        } catch {
            throw .system(error)
        }
        try Self.clearStaleSocket(at: address)
        do {
            // Owned by `socket` until everything succeeded, so a failure closes it.
            let socket = try ControlSocket.stream(path: path)
            #if os(Linux)
            // On Linux a socket's file takes the mode of the socket's inode (less the umask) at
            // bind: set it first, so the file is never more open than `mode`, not even for the
            // moment before the chmod. Unlike a umask this changes nothing for other threads.
            try SystemCall.retrying("fchmod", path: path) { fchmod(socket.descriptor, mode) }
            #endif
            let bound = address.withSockAddr { bind(socket.descriptor, $0, $1) }
            if bound == -1 {
                let code = errno
                // Someone bound the path between our check and our bind.
                if code == EADDRINUSE { throw ControlServerError.alreadyListening(path: path) }
                throw ControlSocketError(operation: "bind", path: path, errno: code)
            }
            self.path = path
            var info = stat()
            let listening: Int32
            do {
                try SystemCall.retrying("chmod", path: path) { chmod(path, mode) }
                try SystemCall.retrying("stat", path: path) { lstat(path, &info) }
                try SystemCall.retrying("listen", path: path) { listen(socket.descriptor, Self.backlog) }
                let flags = try SystemCall.retrying("fcntl F_GETFL", path: path) { fcntl(socket.descriptor, F_GETFL) }
                try SystemCall.retrying("fcntl F_SETFL", path: path) { fcntl(socket.descriptor, F_SETFL, flags | O_NONBLOCK) }
                // Our own descriptor for the same socket, kept after `socket` closes its one.
                listening = try SystemCall.retrying("dup", path: path) { fcntl(socket.descriptor, F_DUPFD_CLOEXEC, 0) }
            } catch {
                _ = unlink(path)
                throw error
            }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            descriptor = listening
        } catch let error as ControlSocketError {
            throw .system(error)
        } catch let error as ControlServerError {
            throw error
        } catch {
            throw .system(ControlSocketError(operation: "create socket", path: path, errno: EIO))
        }
    }

    deinit {
        close()
    }

    /// Closes the descriptor (when the last reference goes) and removes the socket file if it is
    /// still ours. Idempotent.
    func close() {
        guard closed.set() else { return }
        var info = stat()
        if lstat(path, &info) == 0, UInt64(info.st_dev) == device, UInt64(info.st_ino) == inode {
            _ = unlink(path)
        }
        closeDescriptor(descriptor)
    }

    /// If something is at the path: a socket a daemon answers on is refused, a socket nobody
    /// answers on is removed, anything else is refused.
    private static func clearStaleSocket(at address: UnixSocketAddress) throws(ControlServerError) {
        let path = address.path
        var info = stat()
        if lstat(path, &info) == -1 {
            let code = errno
            if code == ENOENT { return }
            throw .system(ControlSocketError(operation: "lstat", path: path, errno: code))
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        do {
            _ = try ControlSocket.connect(to: address)
            throw ControlServerError.alreadyListening(path: path)
        } catch let error as ControlSocketError where error.errno == ECONNREFUSED {
            // A socket nobody listens on: left by a daemon that died.
            if unlink(path) == -1 && errno != ENOENT {
                throw .system(ControlSocketError(operation: "unlink stale socket", path: path, errno: errno))
            }
        } catch let error as ControlSocketError {
            throw .system(error)
        } catch let error as ControlServerError {
            throw error
        } catch {
            throw .system(ControlSocketError(operation: "connect", path: path, errno: EIO))
        }
    }
}

/// The C `close`, out of reach of the method of the same name.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// A flag that can be set once, from any thread; `set()` tells whether this call set it.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }
}
